using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;
using CrmKit.CareProcess.Localization;
using CrmKit.Localization;

namespace CrmKit.CareProcess;

/// <summary>Something the host performs when a transition is taken: the engine only says what, never does it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SendMessage), "send")]
[JsonDerivedType(typeof(CreateTask), "task")]
[JsonDerivedType(typeof(AssignStaff), "assign")]
[JsonDerivedType(typeof(SetAttributeValue), "setAttribute")]
[JsonDerivedType(typeof(StartProcess), "startProcess")]
public abstract record Effect
{
    private protected Effect()
    {
    }

    /// <summary>A short text for diagrams and logs.</summary>
    public abstract string Describe();

    /// <summary>
    /// <see cref="Describe()"/> as a person reads it in <paramref name="culture"/> (default
    /// <see cref="CultureInfo.CurrentUICulture"/>): <c>gửi we-miss-you qua Zalo</c> in Vietnamese; the built-in
    /// processes' task titles in the culture's words. In English, and for a culture CrmKit has no messages in, exactly
    /// <see cref="Describe()"/>.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    public string DescribeFor(CultureInfo? culture)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return MessageTable.Speaks(Messages.ResourceManager, culture) ? LocalizedDescription(culture) : Describe();
    }

    /// <summary>The text in a culture that has messages.</summary>
    private protected abstract string LocalizedDescription(CultureInfo culture);
}
