using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Import;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Clv.Summaries;

/// <summary>Column names of a generic transactions CSV file.</summary>
public sealed record TransactionColumns
{
    /// <summary>The customer column. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>The date column: <c>2025-01-29</c>, <c>20250129</c>, <c>29/01/2025</c> or an ISO date-time (read in the given zone). Default <c>date</c>.</summary>
    public string Date { get; init; } = "date";

    /// <summary>The amount column (a '.' decimal point, no thousands separators). Default <c>amount</c>.</summary>
    public string Amount { get; init; } = "amount";
}
