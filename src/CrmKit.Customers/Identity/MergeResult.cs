using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>The result of a merge: the merged customer and the profile fields on which the two disagreed.</summary>
/// <param name="Customer">The merged customer (identifier of the survivor).</param>
/// <param name="Conflicts">Fields where the survivor's value was kept over a different value of the duplicate.</param>
public sealed record MergeResult(Customer Customer, ImmutableArray<MergeConflict> Conflicts);
