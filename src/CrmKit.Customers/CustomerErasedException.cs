namespace CrmKit.Customers;

/// <summary>
/// A change would write personal data back to an erased customer (or undo the erasure). An erased customer keeps
/// only the anonymous facts <see cref="Privacy.PersonalDataEraser"/> leaves; a person who comes back is a new customer.
/// </summary>
public sealed class CustomerErasedException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public CustomerErasedException(CustomerId customerId, Privacy.ErasureRecord erasure)
        : base($"Customer '{customerId.Value}' was erased ({erasure?.Basis}, {erasure?.At}); personal data cannot be written back to it. Record a new customer if the person returns.")
    {
        CustomerId = customerId;
        Erasure = erasure!;
    }

    /// <summary>The erased customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The erasure on record.</summary>
    public Privacy.ErasureRecord Erasure { get; }
}
