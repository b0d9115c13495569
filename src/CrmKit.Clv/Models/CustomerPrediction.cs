using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>One customer's predictions.</summary>
/// <param name="CustomerId">The customer; the same id as <paramref name="Summary"/>'s <see cref="RfmRow.CustomerId"/>.</param>
/// <param name="Summary">The customer's RFM summary.</param>
/// <param name="ProbabilityAlive">The probability that the customer is still active.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="Value">The discounted value over the horizon, or <see langword="null"/> when Gamma-Gamma could not be fitted.</param>
/// <exception cref="ArgumentException"><paramref name="Summary"/> is another customer's row.</exception>
public sealed record CustomerPrediction(CustomerId CustomerId, RfmRow Summary, double ProbabilityAlive, double ExpectedPurchases, double? Value)
{
    /// <summary>The customer's RFM summary; its <see cref="RfmRow.CustomerId"/> is <see cref="CustomerId"/>'s text.</summary>
    public RfmRow Summary { get; init; } = string.Equals(Summary.CustomerId, CustomerId.Value, StringComparison.Ordinal)
        ? Summary
        : throw new ArgumentException($"The summary row is customer '{PersonalData.Redact(Summary.CustomerId)}', not the prediction's '{CustomerId}'.", nameof(Summary));
}
