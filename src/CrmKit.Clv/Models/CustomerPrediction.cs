using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>One customer's predictions.</summary>
/// <param name="Summary">The customer's RFM summary.</param>
/// <param name="ProbabilityAlive">The probability that the customer is still active.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="Value">The discounted value over the horizon, or <see langword="null"/> when Gamma-Gamma could not be fitted.</param>
public sealed record CustomerPrediction(RfmRow Summary, double ProbabilityAlive, double ExpectedPurchases, double? Value)
{
    /// <summary>The customer.</summary>
    public string CustomerId => Summary.CustomerId;
}
