namespace CrmKit.CareProcess.Planning;

/// <summary>
/// Why a contact was deferred, skipped, dropped or cancelled, as a kind (<see cref="ContactReason.Kind"/>) whose
/// values are <see cref="ContactReason.Values"/>. The invariant English text (<see cref="ContactReason.Text"/>) is what
/// <see cref="ContactDecision.Reason"/>, the engine's outbox and the JSON output hold; the kind is recovered from it
/// when the reason is shown (<see cref="ContactReason.Parse"/>), so deciding costs nothing more.
/// </summary>
public enum ContactReasonKind
{
    /// <summary>A text CrmKit does not write itself (a host's or a channel's): shown as it is in every language. Values: none.</summary>
    Other = 0,

    /// <summary><c>no marketing consent for Zalo</c> (<see cref="ContactPolicy"/>). Values: the channel.</summary>
    NoMarketingConsent,

    /// <summary><c>Zalo service messages withdrawn</c>. Values: the channel.</summary>
    ServiceMessagesWithdrawn,

    /// <summary><c>marketing consent for Zalo withdrawn</c> (withdrawn after the message was queued). Values: the channel.</summary>
    MarketingConsentWithdrawn,

    /// <summary><c>outside Zalo hours 07:00–22:00</c>, the channel's quiet hours. Values: the channel; from; until (<c>HH:mm</c>).</summary>
    OutsideHours,

    /// <summary><c>outside the channel's hours</c>. Values: none.</summary>
    OutsideChannelHours,

    /// <summary><c>Zalo cap: 3 marketing per 24 h</c>. Values: the channel; the cap.</summary>
    ChannelCap,

    /// <summary><c>daily cap: 2 marketing contacts</c>. Values: the cap.</summary>
    DailyCap,

    /// <summary><c>…; next allowed 2026-10-31T01:00:00Z is past the 2d deadline</c>. Values: the first reason; the instant; the deadline.</summary>
    PastDeadline,

    /// <summary><c>…; no allowed instant found</c>. Values: the first reason.</summary>
    NoAllowedInstant,

    /// <summary><c>no phone number</c> (SMS, Zalo and calls need one). Values: none.</summary>
    NoPhoneNumber,

    /// <summary><c>no email address</c>. Values: none.</summary>
    NoEmailAddress,

    /// <summary><c>customer erased</c>. Values: none.</summary>
    CustomerErased,

    /// <summary><c>customer merged into KH00063</c>. Values: the surviving customer's id.</summary>
    CustomerMerged,

    /// <summary><c>journey exited: …</c>. Values: the journey's exit reason, as written.</summary>
    JourneyExited,
}
