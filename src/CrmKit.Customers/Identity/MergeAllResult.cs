using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>What <see cref="CustomerMerge.MergeAllAsync"/> did.</summary>
/// <param name="Customers">The customers after the merges, ordered by id: each survivor with its duplicates' history, and every record outside a group as it was.</param>
/// <param name="Resolution">The groups merged and the shared contacts kept apart, with their evidence.</param>
public sealed record MergeAllResult(ImmutableArray<Customer> Customers, DuplicateResolution Resolution);
