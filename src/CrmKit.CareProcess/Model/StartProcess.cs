using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Start another process for the same customer.</summary>
/// <param name="ProcessId">The process to start.</param>
public sealed record StartProcess(string ProcessId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"start {ProcessId}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture) => MessageTable.Format(Messages.ResourceManager, "Effect_Start", culture, ProcessId);
}
