namespace CrmKit.Customers;

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
