using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;
using CrmKit.CareProcess.Localization;
using CrmKit.Localization;

namespace CrmKit.CareProcess;

/// <summary>When a timed transition fires.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AfterTimer), "after")]
[JsonDerivedType(typeof(AtLocalTimeTimer), "atLocalTime")]
public abstract record Timer
{
    private protected Timer()
    {
    }

    /// <summary>A short text for diagrams ("after 3 days").</summary>
    public abstract string Describe();

    /// <summary>
    /// <see cref="Describe()"/> as a person reads it in <paramref name="culture"/> (default
    /// <see cref="CultureInfo.CurrentUICulture"/>): <c>sau 90 ngày</c> in Vietnamese. In English, and for a culture
    /// CrmKit has no messages in, exactly <see cref="Describe()"/>.
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
