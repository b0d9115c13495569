using CrmKit.Customers;

namespace CrmKit.CareProcess;

/// <summary>A state of a <see cref="ProcessGraph"/>.</summary>
/// <param name="Id">The state id.</param>
/// <param name="Description">The state's description by language, if any.</param>
/// <param name="Parent">The parent state's id; <see langword="null"/> for a top-level state.</param>
/// <param name="InitialChild">The child entered with this state; <see langword="null"/> for a state without children.</param>
/// <param name="IsFinal">Whether the process ends here.</param>
/// <param name="HasChildren">Whether other states nest in this one.</param>
public sealed record ProcessGraphNode(string Id, LocalizedText? Description, string? Parent, string? InitialChild, bool IsFinal, bool HasChildren)
{
    /// <summary>The title drawn on the state: <c>id — description</c> (the description for <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>), or the id alone.</summary>
    public string Title => Description is { } d ? $"{Id} — {d}" : Id;
}
