using Microsoft.Extensions.Logging;

namespace CrmKit.Engine.Tests.Dispatch;

public class LoggingCareChannelTests
{
    [Fact]
    public async Task SendAsync_CustomerKeyedByPhone_LogsTheMessageWithTheNumberMaskedAndReportsSent()
    {
        var logger = new RecordingLogger<LoggingCareChannel>();
        var channel = new LoggingCareChannel(ContactChannel.Zalo, logger);
        var message = new CareMessage("after-sale@v1/0901234567/0.0/2026-11-02T03:00:00Z", new CustomerId("0901234567"), ContactChannel.Zalo, ContactPurpose.Transactional, "order-follow-up", Instant.FromUtc(2026, 11, 2, 3, 0));

        var result = await channel.SendAsync(message, default);

        Assert.Equal(ChannelSendStatus.Sent, result.Status);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal((5120, LogLevel.Information), (entry.EventId, entry.Level));
        Assert.Equal("Zalo Transactional message 'order-follow-up' to customer 0*******67 (key after-sale@v1/0*******67/0.0/2026-11-02T03:00:00Z, due 2026-11-02T03:00:00Z)", entry.Message);
        Assert.DoesNotContain("0901234567", entry.Message, StringComparison.Ordinal);
    }
}
