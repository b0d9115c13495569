using CrmKit.Customers;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>A care-process snapshot as stored: the snapshot's JSON beside the columns queries need, and a version checked on every write.</summary>
public sealed class StoredSnapshot
{
    /// <summary>The process instance (its snapshot's <c>InstanceId</c>).</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The customer the instance is about.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The process definition's id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The current state (copied from the snapshot, for queries).</summary>
    public string State { get; set; } = "";

    /// <summary>The snapshot as <c>ProcessJson</c> writes it.</summary>
    public string Json { get; set; } = "";

    /// <summary>1 when first stored, one more at each write.</summary>
    public long Version { get; set; }
}
