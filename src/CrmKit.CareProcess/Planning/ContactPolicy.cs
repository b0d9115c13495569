using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>
/// The contact rules every outgoing action passes: consent per channel and purpose, frequency caps per channel
/// (rolling 24 hours) and overall (per calendar day in the customer's zone), and allowed hours in the customer's
/// zone, with an explicit handling of blocked actions.
/// </summary>
/// <remarks>
/// Consent: marketing needs a recorded grant for the channel; transactional (service) messages go unless the
/// customer withdrew transactional consent on that channel; face-to-face needs none. Caps count marketing only —
/// transactional messages are exempt from caps and from nothing else. Allowed hours apply to both purposes.
/// The defaults (<see cref="Vietnam"/>) follow Vietnam's rules for advertising messages and calls (Decree 91/2020/NĐ-CP):
/// at most 3 advertising SMS, 3 emails and 1 call per recipient per 24 hours; SMS between 07:00 and 22:00, calls
/// between 08:00 and 17:00 local time. Zalo and chat messages follow the SMS limits by default, and at most 4
/// marketing contacts per local calendar day overall — CrmKit's own defaults, configurable.
/// </remarks>
public sealed record ContactPolicy
{
    /// <summary>Limits per channel (a channel not listed has none).</summary>
    public ImmutableDictionary<ContactChannel, ChannelLimits> Channels { get; init; } = ImmutableDictionary<ContactChannel, ChannelLimits>.Empty;

    /// <summary>Marketing contacts allowed per calendar day in the customer's zone, over all channels, or none for no cap.</summary>
    public int? MaxMarketingPerDay { get; init; }

    /// <summary>What to do with a blocked action.</summary>
    public BlockedActionHandling OnBlocked { get; init; } = BlockedActionHandling.Defer;

    /// <summary>With <see cref="BlockedActionHandling.Defer"/>: drop an action that cannot go within this time of its due instant.</summary>
    public Duration? DeferDeadline { get; init; } = Duration.FromDays(2);

    /// <summary>Vietnam's rules for advertising messages, plus CrmKit's defaults for Zalo, chat and the daily total.</summary>
    public static ContactPolicy Vietnam { get; } = new()
    {
        Channels = new Dictionary<ContactChannel, ChannelLimits>
        {
            [ContactChannel.Sms] = new(3, new LocalTime(7, 0), new LocalTime(22, 0)),
            [ContactChannel.Email] = new(3),
            [ContactChannel.PhoneCall] = new(1, new LocalTime(8, 0), new LocalTime(17, 0)),
            [ContactChannel.Zalo] = new(3, new LocalTime(7, 0), new LocalTime(22, 0)),
            [ContactChannel.Chat] = new(3, new LocalTime(7, 0), new LocalTime(22, 0)),
        }.ToImmutableDictionary(),
        MaxMarketingPerDay = 4,
    };

    /// <summary>Whether the customer's consent allows the contact.</summary>
    public static bool ConsentAllows(ConsentLedger consents, ContactChannel channel, ContactPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(consents);
        if (channel == ContactChannel.InPerson)
        {
            return true;
        }

        var status = consents.Find(channel, purpose)?.Status;
        return purpose == ContactPurpose.Marketing ? status == ConsentStatus.Granted : status != ConsentStatus.Withdrawn;
    }

    /// <summary>Whether the local time of <paramref name="at"/> is inside the channel's allowed hours.</summary>
    public bool InAllowedHours(ContactChannel channel, Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!Channels.TryGetValue(channel, out var limits) || limits.AllowedFrom is not { } from || limits.AllowedUntil is not { } until)
        {
            return true;
        }

        var time = at.InZone(zone).TimeOfDay;
        return from <= until ? time >= from && time < until : time >= from || time < until;
    }

    /// <summary>
    /// Decides one action due at <paramref name="due"/> for a customer whose earlier (and already scheduled) contacts are
    /// <paramref name="contacts"/>.
    /// </summary>
    public ContactDecision Decide(ContactChannel channel, ContactPurpose purpose, Instant due, DateTimeZone zone, ConsentLedger consents, IReadOnlyList<ContactRecord> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (!ConsentAllows(consents, channel, purpose))
        {
            return new(ContactVerdict.Skipped, null, ConsentReason(channel, purpose));
        }

        string? firstReason = null;
        var at = due;
        for (var i = 0; i < 256 + contacts.Count; i++)
        {
            var (next, reason) = Blocked(channel, purpose, at, zone, contacts);
            if (next is null)
            {
                if (at == due)
                {
                    return new(ContactVerdict.Allowed, at, null);
                }

                if (OnBlocked == BlockedActionHandling.Skip)
                {
                    return new(ContactVerdict.Skipped, null, firstReason);
                }

                return DeferDeadline is { } d && at - due > d
                    ? new(ContactVerdict.Dropped, null, $"{firstReason}; next allowed {at} is past the {AfterTimer.Format(d)} deadline")
                    : new(ContactVerdict.Deferred, at, firstReason);
            }

            firstReason ??= reason;
            at = next.Value;
        }

        return new(ContactVerdict.Dropped, null, $"{firstReason}; no allowed instant found");
    }

    /// <summary>
    /// Why consent blocks a contact, one string per channel and purpose made once: a replay skips hundreds of thousands of
    /// messages for want of consent, and each outbox record keeps its reason (a string per skip was most of that).
    /// </summary>
    private static readonly string[][] ConsentReasons = [.. Enumerable.Range(0, Enum.GetValues<ContactChannel>().Max(c => (int)c) + 1).Select(i => new[]
    {
        $"no marketing consent for {(ContactChannel)i}",
        $"{(ContactChannel)i} service messages withdrawn",
    })];

    private static string ConsentReason(ContactChannel channel, ContactPurpose purpose)
    {
        var i = (int)channel;
        return i >= 0 && i < ConsentReasons.Length && Enum.IsDefined(channel)
            ? ConsentReasons[i][purpose == ContactPurpose.Marketing ? 0 : 1]
            : purpose == ContactPurpose.Marketing ? $"no marketing consent for {channel}" : $"{channel} service messages withdrawn";
    }

    /// <summary>The earliest instant at which a local time has been reached: the earlier of a repeated time, the gap's end for a skipped one.</summary>
    private static readonly ZoneLocalMappingResolver FirstAtOrAfter = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Null when <paramref name="at"/> is allowed; else the earliest instant worth trying next and why.</summary>
    private (Instant? Next, string? Reason) Blocked(ContactChannel channel, ContactPurpose purpose, Instant at, DateTimeZone zone, IReadOnlyList<ContactRecord> contacts)
    {
        Channels.TryGetValue(channel, out var limits);
        if (!InAllowedHours(channel, at, zone))
        {
            var local = at.InZone(zone);
            var from = limits!.AllowedFrom!.Value;
            var date = local.TimeOfDay < from ? local.Date : local.Date.PlusDays(1);
            // The first instant whose local time is `from`: when `from` falls in a daylight-saving gap, the end of the
            // gap (local time already past `from`), not `from` shifted by the gap as InZoneLeniently would give.
            return (zone.ResolveLocal(date + from, FirstAtOrAfter).ToInstant(), $"outside {channel} hours {from:HH:mm}–{limits.AllowedUntil:HH:mm}");
        }

        if (purpose != ContactPurpose.Marketing)
        {
            return (null, null);
        }

        if (limits?.MaxPer24Hours is { } cap && !FitsCap(channel, at, cap, contacts))
        {
            // Try again when the next of the contacts around `at` leaves its 24-hour window.
            var next = Instant.MaxValue;
            for (var k = 0; k < contacts.Count; k++)
            {
                var c = contacts[k];
                if (c.Channel == channel && c.Purpose == ContactPurpose.Marketing && c.At + Day >= at && c.At + Day < next)
                {
                    next = c.At + Day;
                }
            }

            return (next + Duration.Epsilon, $"{channel} cap: {cap} marketing per 24 h");
        }

        if (MaxMarketingPerDay is { } perDay)
        {
            var date = at.InZone(zone).Date;
            var sameDay = 0;
            for (var k = 0; k < contacts.Count; k++)
            {
                var c = contacts[k];
                if (c.Purpose == ContactPurpose.Marketing && c.At.InZone(zone).Date == date)
                {
                    sameDay++;
                }
            }

            if (sameDay >= perDay)
            {
                return (zone.AtStartOfDay(date.PlusDays(1)).ToInstant(), $"daily cap: {perDay} marketing contacts");
            }
        }

        return (null, null);
    }

    private static readonly Duration Day = Duration.FromHours(24);

    // The contact lists are walked by index: a foreach over IReadOnlyList boxes an enumerator on every call.

    /// <summary>
    /// Whether one more marketing contact at <paramref name="at"/> keeps every 24-hour window (s, s + 24 h] that
    /// contains it within the cap. The fullest such window ends at <paramref name="at"/> or at a later contact.
    /// </summary>
    private static bool FitsCap(ContactChannel channel, Instant at, int cap, IReadOnlyList<ContactRecord> contacts)
    {
        if (Count(channel, at - Day, at, contacts) + 1 > cap)
        {
            return false;
        }

        for (var k = 0; k < contacts.Count; k++)
        {
            var c = contacts[k];
            if (c.Channel == channel && c.Purpose == ContactPurpose.Marketing && c.At > at && c.At < at + Day && Count(channel, c.At - Day, c.At, contacts) + 1 > cap)
            {
                return false;
            }
        }

        return true;
    }

    private static int Count(ContactChannel channel, Instant exclusiveStart, Instant inclusiveEnd, IReadOnlyList<ContactRecord> contacts)
    {
        var n = 0;
        for (var k = 0; k < contacts.Count; k++)
        {
            var c = contacts[k];
            if (c.Channel == channel && c.Purpose == ContactPurpose.Marketing && c.At > exclusiveStart && c.At <= inclusiveEnd)
            {
                n++;
            }
        }

        return n;
    }
}
