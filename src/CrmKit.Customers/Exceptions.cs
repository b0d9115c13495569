namespace CrmKit.Customers;

/// <summary>A value given to CrmKit is not valid: a phone, an email, a currency code, a score out of range.</summary>
public sealed class InvalidValueException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field or parameter that holds the value, e.g. <c>phone</c>.</param>
    /// <param name="reason">Why the value is rejected; it must not contain personal data in clear.</param>
    /// <param name="hint">How to fix it, or <see langword="null"/>.</param>
    public InvalidValueException(string field, string reason, string? hint = null)
        : base($"Invalid {field}: {reason}", hint)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The field or parameter that holds the value.</summary>
    public string Field { get; }

    /// <summary>Why the value is rejected.</summary>
    public string Reason { get; }
}

/// <summary>Two amounts in different currencies were combined.</summary>
public sealed class CurrencyMismatchException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public CurrencyMismatchException(Currency left, Currency right, string operation)
        : base($"Cannot {operation} amounts in {left.Code} and {right.Code}.", "Convert both amounts to one currency first.")
    {
        Left = left;
        Right = right;
    }

    /// <summary>The currency of the left operand.</summary>
    public Currency Left { get; }

    /// <summary>The currency of the right operand.</summary>
    public Currency Right { get; }
}

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

/// <summary>
/// A write was based on a version that is no longer current: somebody else changed the record first.
/// Read it again, apply the change again and retry (or use an update helper that does so).
/// </summary>
public sealed class ConcurrencyConflictException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string entity, long expectedVersion, long actualVersion)
        : base($"{entity} was changed concurrently: expected version {expectedVersion}, found {actualVersion}.",
            "Read it again and retry the change.")
    {
        Entity = entity;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>What was being written, e.g. <c>Customer 'KH001'</c>.</summary>
    public string Entity { get; }

    /// <summary>The version the writer based its change on.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version found in the store.</summary>
    public long ActualVersion { get; }
}

/// <summary>Two customers cannot be merged without losing or inventing data.</summary>
public sealed class MergeConflictException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public MergeConflictException(CustomerId survivor, CustomerId duplicate, string reason)
        : base($"Cannot merge customer '{duplicate.Value}' into '{survivor.Value}': {reason}")
    {
        Survivor = survivor;
        Duplicate = duplicate;
    }

    /// <summary>The customer that was to be kept.</summary>
    public CustomerId Survivor { get; }

    /// <summary>The customer that was to be merged into the survivor.</summary>
    public CustomerId Duplicate { get; }
}
