using CrmKit.Customers;
using Microsoft.Extensions.Logging;

namespace CrmKit.Engine;

/// <summary>
/// A channel that only writes each message to a logger (event id 5120, Information) and reports it sent: for dry runs,
/// development hosts and a channel not wired yet. The customer id is masked (<see cref="PersonalData.Redact"/>) when it
/// is a phone number or an email address; and so is the idempotency key, which holds the customer id; the template id, channel and purpose are not personal.
/// </summary>
/// <remarks>Nothing reaches a customer, yet the dispatcher records the contact, so caps count it: use it where that is what you want.</remarks>
public sealed partial class LoggingCareChannel : ICareChannel
{
    private readonly ILogger _logger;

    /// <summary>Creates a logging channel standing for <paramref name="channel"/>.</summary>
    public LoggingCareChannel(ContactChannel channel, ILogger<LoggingCareChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Channel = channel;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ContactChannel Channel { get; }

    /// <inheritdoc/>
    public ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var customer = PersonalData.Redact(message.CustomerId.Value);
            var key = PersonalData.Redact(message.IdempotencyKey);
            LogMessage(_logger, message.Channel, message.Purpose, message.Template, customer, key, message.DueAt);
        }

        return ValueTask.FromResult(ChannelSendResult.Sent);
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "{Channel} {Purpose} message '{Template}' to customer {CustomerId} (key {IdempotencyKey}, due {DueAt})")]
    private static partial void LogMessage(ILogger logger, ContactChannel channel, ContactPurpose purpose, string template, string customerId, string idempotencyKey, NodaTime.Instant dueAt);
}
