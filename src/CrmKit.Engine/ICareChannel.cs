using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

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
