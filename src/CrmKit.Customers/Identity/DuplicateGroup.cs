using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Customers that are one person: merge every duplicate into the survivor.</summary>
/// <param name="Survivor">The record to keep: the earliest created, then the one with most orders, then the smallest id.</param>
/// <param name="Duplicates">The records to merge into it, sorted by id.</param>
public sealed record DuplicateGroup(CustomerId Survivor, ImmutableArray<CustomerId> Duplicates)
{
    /// <summary>The matches that joined the group (each pair with its evidence), by ids.</summary>
    public ImmutableArray<DuplicateMatch> Evidence { get; init; } = [];
}
