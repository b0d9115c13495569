using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Supplies model figures (probability alive, predicted value) per customer.</summary>
public interface ICustomerValueSource
{
    /// <summary>The figures for a customer, or <see langword="null"/> if the model has none.</summary>
    CustomerValueEstimate? Estimate(CustomerId customer);
}
