namespace CrmKit.Engine.Tests;

/// <summary><see cref="InMemoryEngineStore.KeepClosedMessages"/> false: closed records dropped, their keys and counts kept.</summary>
public sealed class InMemoryEngineStoreClosedMessagesTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CustomerId C1 = new("C1");

    private static OutboxRecord Record(string key, OutboxState state = OutboxState.Pending, ContactVerdict verdict = ContactVerdict.Allowed, string? reason = null, ContactChannel channel = ContactChannel.Zalo)
        => new(new OutboxMessage(key, C1, channel, ContactPurpose.Marketing, "t", T0, "j@v1", "i"), state, verdict, reason, T0, state == OutboxState.Pending ? null : T0, 0);

    private static EngineCommit Commit(long expected, string eventId, IReadOnlyList<OutboxRecord>? outbox = null, IReadOnlyList<OutboxCancellation>? cancel = null, bool erase = false)
        => new(C1, expected, eventId, new CustomerState { CustomerId = C1, Clock = T0, Erased = erase }, outbox ?? [], cancel ?? [], [], T0, erase);

    [Fact]
    public void KeepClosedMessages_IsTrueByDefault()
        => Assert.True(new InMemoryEngineStore().KeepClosedMessages);

    [Fact]
    public async Task AClosedKey_IsStillIgnored_WhenQueuedAgain()
    {
        var store = new InMemoryEngineStore { KeepClosedMessages = false };
        await store.CommitAsync(Commit(0, "e1", [Record("k1"), Record("k2", OutboxState.Cancelled, ContactVerdict.Skipped, "no consent")]));
        var lease = Assert.Single(await store.ClaimDueAsync(T0, 10, Duration.FromMinutes(5), "w"));
        Assert.True(await store.MarkSentAsync(lease, T0));

        // Both keys are closed and their records gone; queued again, neither comes back.
        Assert.Empty(await store.ListAsync(null));
        await store.CommitAsync(Commit(1, "e2", [Record("k1"), Record("k2"), Record("k3")]));
        Assert.Equal(["k3"], (await store.ListAsync(null)).Select(r => r.Message.IdempotencyKey));

        // A lease of a dropped entry settles nothing; a cancellation naming its key matches nothing.
        Assert.False(await store.MarkSentAsync(lease, T0));
        await store.CommitAsync(Commit(2, "e3", cancel: [new OutboxCancellation("exit", T0, "k1"), new OutboxCancellation("exit", T0, "k3")]));
        Assert.Empty(await store.ListAsync(null));
    }

    [Fact]
    public async Task TheEngineStatistics_CountTheDroppedRecords_ByStateVerdictReasonAndChannel()
    {
        var store = new InMemoryEngineStore { KeepClosedMessages = false };
        await store.CommitAsync(Commit(0, "e1",
        [
            Record("a"), Record("b"), Record("c", channel: ContactChannel.Sms),
            Record("d", OutboxState.Cancelled, ContactVerdict.Skipped, "no consent"),
            Record("e", OutboxState.Cancelled, ContactVerdict.Skipped, "no consent"),
            Record("f", OutboxState.Cancelled, ContactVerdict.Dropped, "cap"),
        ]));
        foreach (var lease in (await store.ClaimDueAsync(T0, 10, Duration.FromMinutes(5), "w")).Where(l => l.Message.IdempotencyKey != "c"))
        {
            Assert.True(await store.MarkSentAsync(lease, T0));
        }

        // Left: "c" pending (leased). Counted: a and b sent by Zalo, d and e skipped, f dropped.
        var messages = (await new CareEngine(new CareEngineOptions(), store).StatisticsAsync()).Messages;
        Assert.Equal(
            [
                new MessageCount(OutboxState.Pending, ContactVerdict.Allowed, null, ContactChannel.Sms, 1),
                new MessageCount(OutboxState.Sent, ContactVerdict.Allowed, null, ContactChannel.Zalo, 2),
                new MessageCount(OutboxState.Cancelled, ContactVerdict.Skipped, "no consent", ContactChannel.Zalo, 2),
                new MessageCount(OutboxState.Cancelled, ContactVerdict.Dropped, "cap", ContactChannel.Zalo, 1),
            ],
            messages.OrderBy(m => m.State).ThenBy(m => m.Verdict).ToArray());
    }

    [Fact]
    public async Task AnErasure_KeepsTheEntriesItCancelled_Whole()
    {
        var store = new InMemoryEngineStore { KeepClosedMessages = false };
        await store.CommitAsync(Commit(0, "e1", [Record("k1"), Record("k2")]));
        await store.CommitAsync(Commit(1, "e2", erase: true));
        var listed = await store.ListAsync(OutboxState.Cancelled);
        Assert.Equal(["k1", "k2"], listed.Select(r => r.Message.IdempotencyKey));
        Assert.All(listed, r => Assert.Equal(("customer erased", (Instant?)T0), (r.Reason, r.ClosedAt)));
    }
}
