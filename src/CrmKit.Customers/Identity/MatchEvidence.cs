using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Why two customer records look like the same person.</summary>
[Flags]
public enum MatchEvidence
{
    /// <summary>Nothing in common.</summary>
    None = 0,

    /// <summary>A phone number in common (after normalisation: <c>0912…</c> = <c>+84 912…</c>).</summary>
    SamePhone = 1,

    /// <summary>An email address in common (after normalisation).</summary>
    SameEmail = 2,

    /// <summary>The same name ignoring case, diacritics, Unicode normalisation form and spacing.</summary>
    SameName = 4,

    /// <summary>The same birth date.</summary>
    SameBirthDate = 8,

    /// <summary>The same province, compared folded.</summary>
    SameProvince = 16,

    /// <summary>
    /// Names that are not equal but compatible: one is a prefix of the other word by word, or writes some words as
    /// initials (<c>Nguyễn V. An</c> / <c>Nguyen Van An</c>, <c>Nguyễn Văn</c> / <c>Nguyễn Văn An</c>); see
    /// <see cref="DuplicateFinder.NamesCompatible"/>.
    /// </summary>
    CompatibleName = 32,
}
