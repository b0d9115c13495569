using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>What says two records sharing a phone or email are different people.</summary>
[Flags]
public enum IdentityConflict
{
    /// <summary>Nothing contradicts them being one person.</summary>
    None = 0,

    /// <summary>Both names are known and neither is compatible with the other (<see cref="DuplicateFinder.NamesCompatible"/>).</summary>
    DifferentName = 1,

    /// <summary>Both genders are known and differ.</summary>
    DifferentGender = 2,

    /// <summary>Both birth dates are known and differ.</summary>
    DifferentBirthDate = 4,
}
