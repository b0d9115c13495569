using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Assign the case to a member of staff in a role.</summary>
/// <param name="Role">The role.</param>
public sealed record AssignStaff(string Role) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"assign {Role}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture) => MessageTable.Format(Messages.ResourceManager, "Effect_Assign", culture, Role);
}
