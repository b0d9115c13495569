namespace CrmKit.Customers;

/// <summary>
/// Supplies model figures (probability alive, expected purchases, predicted value) per customer. It lives in the
/// kernel so that a value model (CrmKit.Clv's <c>ValueAnalysisResult.Estimates()</c>) and its reader (CrmKit.Segmentation's
/// CLV fields and value tiers) need no reference to each other.
/// </summary>
public interface ICustomerValueSource
{
    /// <summary>The figures for a customer, or <see langword="null"/> if the model has none.</summary>
    CustomerValueEstimate? Estimate(CustomerId customer);
}
