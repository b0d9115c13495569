namespace CrmKit.Customers;

/// <summary>A consent decision.</summary>
public enum ConsentStatus
{
    /// <summary>The customer agreed to be contacted.</summary>
    Granted,

    /// <summary>The customer withdrew (or refused) consent.</summary>
    Withdrawn,
}
