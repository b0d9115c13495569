using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Update one of the customer's attributes.</summary>
/// <param name="Name">The attribute.</param>
/// <param name="Value">The new value.</param>
public sealed record SetAttributeValue(string Name, ProcessValue Value) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"set {Name} = {Value}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture) => MessageTable.Format(Messages.ResourceManager, "Effect_Set", culture, Name, Value);
}
