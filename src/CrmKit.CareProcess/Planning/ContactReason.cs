using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.CareProcess.Localization;
using CrmKit.Customers;
using CrmKit.Localization;

namespace CrmKit.CareProcess.Planning;

/// <summary>
/// A contact reason (<see cref="ContactDecision.Reason"/>, an outbox message's reason, a key of the engine's counts by
/// reason) as a <see cref="ContactReasonKind"/> and its values, to show a shop owner in their language:
/// <c>no marketing consent for Zalo</c> reads <c>khách chưa đồng ý nhận tin quảng cáo qua Zalo</c> in Vietnamese.
/// </summary>
/// <remarks>
/// The English text stays the reason everywhere a machine reads it (decisions, stored messages, JSON, logs): it is the
/// same in every language and unchanged. <see cref="Parse"/> recognises every reason CrmKit's contact policy and care
/// engine write; any other text is <see cref="ContactReasonKind.Other"/> and is shown as it is.
/// </remarks>
public readonly partial record struct ContactReason
{
    private ContactReason(ContactReasonKind kind, string text, ImmutableArray<string> values)
    {
        Kind = kind;
        Text = text;
        Values = values;
    }

    /// <summary>The kind of reason.</summary>
    public ContactReasonKind Kind { get; }

    /// <summary>The invariant English text, as the policy or the engine wrote it.</summary>
    public string Text => field ?? string.Empty;

    /// <summary>The kind's values in the order <see cref="ContactReasonKind"/> documents (a channel as its <see cref="ContactChannel"/> name).</summary>
    public ImmutableArray<string> Values => field.IsDefault ? [] : field;

    /// <summary>Reads a reason CrmKit wrote; a text it does not know is <see cref="ContactReasonKind.Other"/>.</summary>
    /// <param name="reason">The reason's invariant text, e.g. <c>outside Zalo hours 07:00–22:00</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    public static ContactReason Parse(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        foreach (var (kind, pattern) in Patterns)
        {
            if (pattern.Match(reason) is { Success: true } match)
            {
                return new(kind, reason, [.. match.Groups.Cast<Group>().Skip(1).Select(g => g.Value)]);
            }
        }

        return new(ContactReasonKind.Other, reason, []);
    }

    /// <summary>
    /// The reason in <paramref name="culture"/>'s language (default <see cref="CultureInfo.CurrentUICulture"/>), in
    /// English too (and in a language CrmKit has no messages in) with the channel named as people read it
    /// (<c>outside SMS hours 07:00–22:00</c> where <see cref="Text"/> has <c>Sms</c>); <see cref="Text"/> for <see cref="ContactReasonKind.Other"/>.
    /// </summary>
    public string Describe(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (Kind == ContactReasonKind.Other)
        {
            return Text;
        }

        var values = Values;
        object?[] arguments = Kind switch
        {
            ContactReasonKind.PastDeadline or ContactReasonKind.NoAllowedInstant => [Parse(values[0]).Describe(culture), .. values.Skip(1)],
            ContactReasonKind.NoMarketingConsent or ContactReasonKind.ServiceMessagesWithdrawn or ContactReasonKind.MarketingConsentWithdrawn
                or ContactReasonKind.OutsideHours or ContactReasonKind.ChannelCap => [ChannelName(values[0], culture), .. values.Skip(1)],
            ContactReasonKind.OutsideChannelHours or ContactReasonKind.DailyCap or ContactReasonKind.NoPhoneNumber or ContactReasonKind.NoEmailAddress
                or ContactReasonKind.CustomerErased or ContactReasonKind.CustomerMerged or ContactReasonKind.JourneyExited => [.. values],
            _ => throw new System.Diagnostics.UnreachableException($"Contact reason kind {Kind} has no message."),
        };
        return MessageTable.Format(Messages.ResourceManager, $"ContactReason_{Kind}", culture, arguments);
    }

    /// <summary>The invariant English <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    private static string ChannelName(string channel, CultureInfo culture)
        => EnumNames.TryParse<ContactChannel>(channel, out var known)
            ? MessageTable.Text(Messages.ResourceManager, $"ContactChannel_{known}", culture)
            : channel;

    // The shapes ContactPolicy and the care engine write, most specific first (a deadline wraps another reason).
    private static readonly (ContactReasonKind Kind, Regex Pattern)[] Patterns =
    [
        (ContactReasonKind.PastDeadline, PastDeadlinePattern()),
        (ContactReasonKind.NoAllowedInstant, NoAllowedInstantPattern()),
        (ContactReasonKind.NoMarketingConsent, NoMarketingConsentPattern()),
        (ContactReasonKind.ServiceMessagesWithdrawn, ServiceWithdrawnPattern()),
        (ContactReasonKind.MarketingConsentWithdrawn, MarketingWithdrawnPattern()),
        (ContactReasonKind.OutsideHours, OutsideHoursPattern()),
        (ContactReasonKind.OutsideChannelHours, OutsideChannelHoursPattern()),
        (ContactReasonKind.ChannelCap, ChannelCapPattern()),
        (ContactReasonKind.DailyCap, DailyCapPattern()),
        (ContactReasonKind.NoPhoneNumber, NoPhonePattern()),
        (ContactReasonKind.NoEmailAddress, NoEmailPattern()),
        (ContactReasonKind.CustomerErased, ErasedPattern()),
        (ContactReasonKind.CustomerMerged, MergedPattern()),
        (ContactReasonKind.JourneyExited, JourneyExitedPattern()),
    ];

    [GeneratedRegex(@"^(.+); next allowed (\S+) is past the (.+) deadline$", RegexOptions.CultureInvariant)]
    private static partial Regex PastDeadlinePattern();

    [GeneratedRegex(@"^(.+); no allowed instant found$", RegexOptions.CultureInvariant)]
    private static partial Regex NoAllowedInstantPattern();

    [GeneratedRegex(@"^no marketing consent for (\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NoMarketingConsentPattern();

    [GeneratedRegex(@"^(\w+) service messages withdrawn$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceWithdrawnPattern();

    [GeneratedRegex(@"^marketing consent for (\w+) withdrawn$", RegexOptions.CultureInvariant)]
    private static partial Regex MarketingWithdrawnPattern();

    [GeneratedRegex(@"^outside (\w+) hours (\d\d:\d\d)–(\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideHoursPattern();

    [GeneratedRegex(@"^outside the channel's hours$", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideChannelHoursPattern();

    [GeneratedRegex(@"^(\w+) cap: (\d+) marketing per 24 h$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelCapPattern();

    [GeneratedRegex(@"^daily cap: (\d+) marketing contacts$", RegexOptions.CultureInvariant)]
    private static partial Regex DailyCapPattern();

    [GeneratedRegex(@"^no phone number$", RegexOptions.CultureInvariant)]
    private static partial Regex NoPhonePattern();

    [GeneratedRegex(@"^no email address$", RegexOptions.CultureInvariant)]
    private static partial Regex NoEmailPattern();

    [GeneratedRegex(@"^customer erased$", RegexOptions.CultureInvariant)]
    private static partial Regex ErasedPattern();

    [GeneratedRegex(@"^customer merged into (.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MergedPattern();

    [GeneratedRegex(@"^journey exited: (.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex JourneyExitedPattern();
}
