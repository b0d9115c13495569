using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Create a task for staff.</summary>
/// <param name="Title">What to do.</param>
/// <param name="Role">Who should do it (a role the host maps to staff), or none.</param>
/// <param name="DueIn">How long the task may take, or none.</param>
public sealed record CreateTask(string Title, string? Role = null, Duration? DueIn = null) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"task: {Title}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture)
        => MessageTable.Format(Messages.ResourceManager, "Effect_Task", culture, BuiltInProcesses.Translate(Title, culture) ?? Title);
}
