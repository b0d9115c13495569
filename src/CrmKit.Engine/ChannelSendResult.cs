using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

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
