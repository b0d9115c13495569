using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>How sure a match is.</summary>
public enum MatchStrength
{
    /// <summary>The same name and province: worth a look by staff, not merged automatically.</summary>
    Possible,

    /// <summary>
    /// A shared phone or email with a compatible name and no conflicting gender or birth date, or the same name and
    /// birth date with no conflicting gender: merged by <see cref="DuplicateFinder.FindGroups"/>.
    /// </summary>
    Strong,

    /// <summary>
    /// A shared phone or email, but the names, genders or birth dates disagree (<see cref="DuplicateMatch.Conflicts"/>):
    /// most often a household — a family phone is common in Vietnam. Reported, merged only under
    /// <see cref="MergePolicy.All"/>.
    /// </summary>
    SharedContact,
}
