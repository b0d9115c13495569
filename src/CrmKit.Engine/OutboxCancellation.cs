using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Pending outbox entries of the commit's customer to cancel: those matching every field given (an entry by key, a
/// journey instance's entries, a channel × purpose's entries). Entries already sent, cancelled or dead-lettered are left.
/// </summary>
/// <param name="Reason">Why (<c>journey exited: left segment 'lapsed'</c>, <c>marketing consent for Zalo withdrawn</c>).</param>
/// <param name="At">When the cancellation happened (stamped as the entries' closing instant).</param>
/// <param name="IdempotencyKey">Only this entry, if given.</param>
/// <param name="JourneyId">Only entries of this journey version, if given.</param>
/// <param name="InstanceId">Only entries of this instance (with <paramref name="JourneyId"/>), if given.</param>
/// <param name="Channel">Only entries on this channel, if given.</param>
/// <param name="Purpose">Only entries of this purpose, if given.</param>
public sealed record OutboxCancellation(string Reason, Instant At, string? IdempotencyKey = null, string? JourneyId = null, string? InstanceId = null, ContactChannel? Channel = null, ContactPurpose? Purpose = null)
{
    /// <summary>Whether the message is one this cancellation names (the customer is the commit's).</summary>
    public bool Matches(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (IdempotencyKey is null || IdempotencyKey == message.IdempotencyKey)
               && (JourneyId is null || JourneyId == message.JourneyId)
               && (InstanceId is null || InstanceId == message.InstanceId)
               && (Channel is null || Channel == message.Channel)
               && (Purpose is null || Purpose == message.Purpose);
    }
}
