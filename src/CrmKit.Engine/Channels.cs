using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A message handed to a channel.</summary>
/// <param name="IdempotencyKey">The provider's dedup key: a channel receives each message at least once and must not deliver a key twice.</param>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Template">The template.</param>
/// <param name="DueAt">When it was due.</param>
public sealed record CareMessage(string IdempotencyKey, CustomerId CustomerId, ContactChannel Channel, ContactPurpose Purpose, string Template, Instant DueAt);

/// <summary>
/// One outgoing channel, implemented by the host (an SMS gateway, Zalo ZNS, email, a call-task list). The dispatcher
/// calls it at least once per message; the channel must pass <see cref="CareMessage.IdempotencyKey"/> as the provider's
/// dedup key (Zalo ZNS <c>tracking_id</c>, an SMS gateway's client reference, an email <c>Message-ID</c>).
/// </summary>
public interface ICareChannel
{
    /// <summary>The channel served.</summary>
    ContactChannel Channel { get; }

    /// <summary>Sends one message.</summary>
    ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct);
}

/// <summary>How a send went.</summary>
public enum ChannelSendStatus
{
    /// <summary>Accepted by the provider.</summary>
    Sent,

    /// <summary>Failed, worth retrying (timeout, throttling, 5xx).</summary>
    Transient,

    /// <summary>Failed for good (unknown recipient, template rejected); dead-lettered.</summary>
    Permanent,
}

/// <summary>The result of <see cref="ICareChannel.SendAsync"/>: <see cref="Sent"/>, <see cref="Transient"/> or <see cref="Permanent"/>.</summary>
public readonly record struct ChannelSendResult
{
    private ChannelSendResult(ChannelSendStatus status, string? reason) => (Status, Reason) = (status, reason);

    /// <summary>The outcome.</summary>
    public ChannelSendStatus Status { get; }

    /// <summary>Why it failed, else none.</summary>
    public string? Reason { get; }

    /// <summary>Accepted by the provider.</summary>
    public static ChannelSendResult Sent { get; } = new(ChannelSendStatus.Sent, null);

    /// <summary>A failure worth retrying.</summary>
    public static ChannelSendResult Transient(string reason) => new(ChannelSendStatus.Transient, Check(reason));

    /// <summary>A failure not worth retrying.</summary>
    public static ChannelSendResult Permanent(string reason) => new(ChannelSendStatus.Permanent, Check(reason));

    /// <inheritdoc/>
    public override string ToString() => Reason is null ? Status.ToString() : $"{Status}: {Reason}";

    private static string Check(string reason) => string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failure needs a reason.", nameof(reason)) : reason;
}
