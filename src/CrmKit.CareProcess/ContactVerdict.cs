using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>The policy's answer for one action.</summary>
public enum ContactVerdict
{
    /// <summary>Send at the due instant.</summary>
    Allowed,

    /// <summary>Send later, at <see cref="ContactDecision.SendAt"/>.</summary>
    Deferred,

    /// <summary>Not sent (consent, or the policy skips blocked actions).</summary>
    Skipped,

    /// <summary>Not sent: the next allowed instant is past the deadline.</summary>
    Dropped,
}
