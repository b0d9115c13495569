namespace CrmKit.Customers;

/// <summary>A customer with the given identifier exists already.</summary>
public sealed class DuplicateCustomerIdException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateCustomerIdException(CustomerId customerId)
        : base($"A customer '{customerId.Value}' exists already.", "Update it instead, or choose another identifier.")
    {
        CustomerId = customerId;
    }

    /// <summary>The identifier that is taken.</summary>
    public CustomerId CustomerId { get; }
}
