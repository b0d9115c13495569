using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Send a message from a template.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Marketing or transactional (decides which consent and caps apply).</param>
/// <param name="Template">The host's template id.</param>
public sealed record SendMessage(ContactChannel Channel, ContactPurpose Purpose, string Template) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"send {Template} by {Channel}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture)
        => MessageTable.Format(Messages.ResourceManager, "Effect_Send", culture, Template, MessageTable.Text(Messages.ResourceManager, $"ContactChannel_{Channel}", culture));
}
