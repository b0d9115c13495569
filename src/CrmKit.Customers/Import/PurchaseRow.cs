using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>One purchase of a purchase log (<see cref="PurchaseTable.Read"/>).</summary>
/// <param name="CustomerId">The customer's id as written in the file.</param>
/// <param name="Date">The day of the purchase in the zone given to the reader.</param>
/// <param name="Amount">The amount, ≥ 0, in the file's currency.</param>
/// <param name="Line">The 1-based line of the row in the file (the header is line 1).</param>
public readonly record struct PurchaseRow(string CustomerId, LocalDate Date, decimal Amount, int Line);
