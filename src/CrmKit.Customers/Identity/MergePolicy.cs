using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Which matches <see cref="DuplicateFinder.FindGroups"/> merges.</summary>
public enum MergePolicy
{
    /// <summary>
    /// Only <see cref="MatchStrength.Strong"/> matches, and never into a group holding someone whose identity
    /// conflicts with the record joining it. The default.
    /// </summary>
    Strong,

    /// <summary>No merges: every record stays a customer of its own (matches are still reported).</summary>
    None,

    /// <summary>
    /// <see cref="MatchStrength.Strong"/> and <see cref="MatchStrength.SharedContact"/> matches: every record
    /// sharing a phone or email is merged, even a household's members. Use only on data where a phone or email
    /// is known to belong to one person.
    /// </summary>
    All,
}
