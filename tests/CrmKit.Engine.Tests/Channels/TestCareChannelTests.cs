namespace CrmKit.Engine.Tests.Dispatch;

public class TestCareChannelTests
{
    private static CareMessage Message(string key) => new(key, new CustomerId("C1"), ContactChannel.Sms, ContactPurpose.Transactional, "t", Instant.FromUtc(2026, 1, 1, 0, 0));

    [Fact]
    public async Task SendAsync_Scripted_AnswersInOrderThenFallsBackToSent()
    {
        var channel = new TestCareChannel(ContactChannel.Sms).RespondNext(ChannelSendResult.Transient("a"), ChannelSendResult.Permanent("b"));

        var results = new[] { await channel.SendAsync(Message("k1"), default), await channel.SendAsync(Message("k1"), default), await channel.SendAsync(Message("k1"), default) };

        Assert.Equal(["Transient: a", "Permanent: b", "Sent"], results.Select(r => r.ToString()));
        Assert.Equal(3, channel.Received.Count);
        Assert.Single(channel.Delivered);
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_DeliversItOnceLikeAProvidersDedup()
    {
        var channel = new TestCareChannel(ContactChannel.Sms);

        await channel.SendAsync(Message("k1"), default);
        await channel.SendAsync(Message("k2"), default);
        await channel.SendAsync(Message("k1"), default);

        Assert.Equal(["k1", "k2", "k1"], channel.Received.Select(m => m.IdempotencyKey));
        Assert.Equal(["k1", "k2"], channel.Delivered.Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task SendAsync_ThrowNext_ThrowsOnceThenAnswers()
    {
        var channel = new TestCareChannel(ContactChannel.Sms).ThrowNext(new TimeoutException("slow"));

        await Assert.ThrowsAsync<TimeoutException>(async () => await channel.SendAsync(Message("k1"), default));
        var second = await channel.SendAsync(Message("k1"), default);

        Assert.Equal(ChannelSendStatus.Sent, second.Status);
        Assert.Equal(2, channel.Received.Count);
    }

    [Fact]
    public async Task SendAsync_RespondWith_DecidesPerMessage()
    {
        var channel = new TestCareChannel(ContactChannel.Sms).RespondWith(m => m.IdempotencyKey == "bad" ? ChannelSendResult.Permanent("blocked") : ChannelSendResult.Sent);

        Assert.Equal(ChannelSendStatus.Permanent, (await channel.SendAsync(Message("bad"), default)).Status);
        Assert.Equal(ChannelSendStatus.Sent, (await channel.SendAsync(Message("good"), default)).Status);
        Assert.Equal(["good"], channel.Delivered.Select(m => m.IdempotencyKey));
    }
}
