using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>A profile field on which two merged customers disagreed; the survivor's value was kept.</summary>
/// <param name="Field">The field, e.g. <c>birthDate</c>.</param>
/// <param name="Kept">The kept value, as invariant text.</param>
/// <param name="Discarded">The duplicate's value, as invariant text.</param>
public sealed record MergeConflict(string Field, string Kept, string Discarded);
