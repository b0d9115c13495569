using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Import;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Clv.Summaries;

/// <summary>One purchase: who, which day, how much, and the line it came from.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Date">The purchase day.</param>
/// <param name="Amount">The amount spent.</param>
/// <param name="Line">The 1-based line in the source file (0 when not from a file).</param>
public readonly record struct Transaction(string CustomerId, LocalDate Date, double Amount, int Line = 0);
