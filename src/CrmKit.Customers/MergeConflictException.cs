namespace CrmKit.Customers;

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
