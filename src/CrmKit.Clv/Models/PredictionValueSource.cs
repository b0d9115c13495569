using CrmKit.Customers;

namespace CrmKit.Clv.Models;

// The predictions of a value analysis, looked up by customer id, as the kernel's customer-value source.
internal sealed class PredictionValueSource(IEnumerable<CustomerPrediction> predictions) : ICustomerValueSource
{
    private readonly Dictionary<CustomerId, CustomerPrediction> _byId = predictions.ToDictionary(p => p.CustomerId);

    public CustomerValueEstimate? Estimate(CustomerId customer)
        => _byId.TryGetValue(customer, out var p) ? new CustomerValueEstimate(p.ProbabilityAlive, p.ExpectedPurchases, p.Value) : null;
}
