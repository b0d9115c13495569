namespace CrmKit.Customers;

/// <summary>The five stages of the customer lifecycle.</summary>
public enum LifecycleStage
{
    /// <summary>The customer has been reached (saw an ad, visited) but has left no contact details.</summary>
    Reach,

    /// <summary>First exchange: the customer left contact details.</summary>
    Acquisition,

    /// <summary>First purchase.</summary>
    Conversion,

    /// <summary>Buying again.</summary>
    Retention,

    /// <summary>A loyal repeat buyer and advocate.</summary>
    Loyalty,
}
