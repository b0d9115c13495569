namespace CrmKit.Engine.Tests;

/// <summary>
/// <see cref="InMemoryEngineStore"/>'s next-due index at a depth the conformance suite's 60 customers do not reach (a
/// 4-ary heap of entries carrying their instant), and its processed ids past the eight kept in a plain array.
/// </summary>
public sealed class InMemoryEngineStoreIndexTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);

    private static EngineCommit Commit(CustomerId id, long expected, string eventId, Instant? due)
        => new(id, expected, eventId, new CustomerState { CustomerId = id, Clock = T0, NextDue = due }, [], [], [], T0);

    [Property(MaxTest = 12)]
    public bool TheNextDueIndex_OfThousandsOfCustomers_ListsWhatASortOfTheirDuesLists(PositiveInt seed)
    {
        // 3,000 customers, dues from 40 instants (many ties broken by id), moved, cleared and set again over four rounds;
        // the expected order is a sort of the current dues, computed apart from the store.
        var store = new InMemoryEngineStore { KeepClosedMessages = seed.Get % 2 == 0 };
        var random = new Random(seed.Get);
        var ids = Enumerable.Range(0, 3000).Select(i => new CustomerId(random.Next(3) switch { 0 => $"KH{i:D5}", 1 => $"kh{i}", _ => $"B{i % 97}-{i}" })).ToList();
        var dues = new Dictionary<CustomerId, Instant?>();
        var versions = ids.ToDictionary(id => id, _ => 0L);
        for (var round = 0; round < 4; round++)
        {
            foreach (var id in ids.Where(_ => round == 0 || random.Next(3) == 0))
            {
                Instant? due = random.Next(6) == 0 ? null : T0 + Duration.FromMinutes(15 * random.Next(40));
                if (store.CommitAsync(Commit(id, versions[id], $"e{round}", due)).AsTask().GetAwaiter().GetResult() != CommitOutcome.Committed)
                {
                    return false;
                }

                versions[id]++;
                dues[id] = due;
            }

            foreach (var (quarters, max) in new[] { (0, 1000), (7, 50), (20, 100_000), (39, 2500), (60, 1) })
            {
                var now = T0 + Duration.FromMinutes(15 * quarters);
                var expected = dues.Where(d => d.Value <= now).OrderBy(d => d.Value).ThenBy(d => d.Key.Value, StringComparer.Ordinal).Take(max).Select(d => d.Key);
                if (!expected.SequenceEqual(store.DueAsync(now, max).AsTask().GetAwaiter().GetResult()))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryProcessedId_IsADuplicate_AndNoOtherIs_InBothStoreModes(bool keepClosed)
    {
        // 30 ids per customer: past the eight kept in a plain array, into the set; send ids as the replay makes them.
        var store = new InMemoryEngineStore { KeepClosedMessages = keepClosed };
        var c1 = new CustomerId("KH00001");
        var c2 = new CustomerId("KH00002");
        var ids = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? $"order:DH{i}:placed" : $"sent:after-sale@v1/KH00001/DH{i}/1.0/2026-03-02T02:00:00Z").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(c1, i, ids[i], null)));
        }

        foreach (var id in ids)
        {
            Assert.True(await store.IsProcessedAsync(c1, id));
            Assert.False(await store.IsProcessedAsync(c2, id));
            Assert.Equal(CommitOutcome.Duplicate, await store.CommitAsync(Commit(c1, ids.Count, id, null)));
        }

        Assert.False(await store.IsProcessedAsync(c1, "order:DH0:Placed"));
        Assert.False(await store.IsProcessedAsync(c1, ids[1] + " "));
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(c1, ids.Count, "order:DH0:Placed", null)));
        Assert.Equal(ids.Count + 1, (await store.LoadAsync(c1)).Version);

        // Through the engine: a repeated event is a duplicate and changes nothing.
        var engine = new CareEngine(new CareEngineOptions(), store);
        var e = new ConsentChangedEvent(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, T0)) { EventId = ids[3], CustomerId = c1, At = T0 };
        Assert.Equal(HandleOutcome.Duplicate, (await engine.HandleAsync(e)).Outcome);
        Assert.Equal(HandleOutcome.Applied, (await engine.HandleAsync(e with { EventId = "consent:new" })).Outcome);
        Assert.Equal(HandleOutcome.Duplicate, (await engine.HandleAsync(e with { EventId = "consent:new" })).Outcome);
    }
}
