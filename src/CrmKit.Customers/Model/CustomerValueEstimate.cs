namespace CrmKit.Customers;

/// <summary>
/// Figures from a customer-value model, supplied through <see cref="ICustomerValueSource"/> so that
/// segmentation does not depend on any particular model package. Times are in the model's unit; values in the shop's currency.
/// </summary>
/// <param name="ProbabilityAlive">The probability that the customer is still active, in [0, 1].</param>
/// <param name="ExpectedPurchases">The expected number of purchases over the host's horizon.</param>
/// <param name="PredictedValue">The predicted (discounted) value.</param>
public sealed record CustomerValueEstimate(double? ProbabilityAlive, double? ExpectedPurchases, double? PredictedValue);
