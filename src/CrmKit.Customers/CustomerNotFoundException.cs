namespace CrmKit.Customers;

/// <summary>No customer with the given identifier is known to the store.</summary>
public sealed class CustomerNotFoundException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public CustomerNotFoundException(CustomerId customerId)
        : base($"No customer '{PersonalData.Redact(PersonalData.MaskIfName(customerId.Value ?? string.Empty))}' in the store.") // an id typed by a user may be a name or a phone
    {
        CustomerId = customerId;
    }

    /// <summary>The identifier that was looked up.</summary>
    public CustomerId CustomerId { get; }
}
