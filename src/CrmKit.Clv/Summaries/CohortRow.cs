using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>One acquisition cohort: customers whose first purchase fell in <paramref name="Cohort"/>.</summary>
/// <param name="Cohort">The month of the first purchase.</param>
/// <param name="Size">How many customers.</param>
/// <param name="Retention">Share of the cohort that bought in month k after the acquisition month (k = 0 is the acquisition month itself, always 1), up to the observation end.</param>
public sealed record CohortRow(YearMonth Cohort, int Size, ImmutableArray<double> Retention);
