namespace CrmKit.Customers.Import;

/// <summary>Where an order's amount comes from.</summary>
public enum OrderAmountSource
{
    /// <summary>The order's total column (what the customer paid).</summary>
    Total,

    /// <summary>The sum of quantity × unit price over the order's lines (invoice-line exports without a total).</summary>
    Lines,
}
