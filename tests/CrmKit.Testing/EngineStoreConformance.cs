using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;
using Xunit;

namespace CrmKit.Testing;

/// <summary>
/// The conformance suite every <see cref="IEngineStore"/> must pass: idempotency by event id, optimistic concurrency
/// (no lost update, per-customer order), atomic commits (all or nothing), concurrent handlers on different
/// customers, the next-due index, and the outbox's leases. Derive a test class and return a fresh, empty store from
/// <see cref="CreateStore"/> (the in-memory store: <c>InMemoryEngineStoreConformanceTests</c>; PostgreSQL: issue 22).
/// </summary>
public abstract class EngineStoreConformance
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CustomerId C1 = new("C1");

    /// <summary>A fresh, empty store. A store that needs a server it cannot reach throws <see cref="SkipException"/> (<c>Skip.If</c>) with the reason.</summary>
    protected abstract IEngineStore CreateStore();

    private static CustomerState State(CustomerId id, Instant? nextDue = null, int contacts = 0)
        => new() { CustomerId = id, Clock = T0, NextDue = nextDue, Contacts = [.. Enumerable.Range(0, contacts).Select(i => new ScheduledContact(T0 + Duration.FromMinutes(i), ContactChannel.Sms, ContactPurpose.Marketing, null))] };

    private static OutboxRecord Pending(CustomerId id, string key, Instant due)
        => new(new OutboxMessage(key, id, ContactChannel.Zalo, ContactPurpose.Transactional, "t", due, "j@v1", "i"), OutboxState.Pending, ContactVerdict.Allowed, null, T0, null, 0);

    private static CareTask Task(CustomerId id, string key) => new(key, id, "Call", "care", T0, null, "j@v1", "i", false);

    private static EngineCommit Commit(CustomerId id, long expected, string? eventId, CustomerState? state = null, IReadOnlyList<OutboxRecord>? outbox = null, IReadOnlyList<CareTask>? tasks = null, IReadOnlyList<OutboxCancellation>? cancel = null, bool erase = false)
        => new(id, expected, eventId, state ?? State(id), outbox ?? [], cancel ?? [], tasks ?? [], T0, erase);

    [SkippableFact]
    public async Task AnUnknownCustomer_LoadsAsNothing_AtVersionZero()
    {
        var store = CreateStore();
        Assert.Equal(new StoredCustomer(null, 0), await store.LoadAsync(C1));
        Assert.False(await store.IsProcessedAsync(C1, "e1"));
    }

    [SkippableFact]
    public async Task Idempotency_TheSameEventIdCommitsOnce()
    {
        var store = CreateStore();
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(C1, 0, "e1", outbox: [Pending(C1, "k1", T0)])));
        Assert.True(await store.IsProcessedAsync(C1, "e1"));
        Assert.Equal(CommitOutcome.Duplicate, await store.CommitAsync(Commit(C1, 1, "e1", State(C1, contacts: 3), outbox: [Pending(C1, "k2", T0)])));
        var loaded = await store.LoadAsync(C1);
        Assert.Equal(1, loaded.Version);
        Assert.Empty(loaded.State!.Contacts);
        Assert.Equal(["k1"], (await store.ListAsync(null)).Select(r => r.Message.IdempotencyKey));

        // Event ids are per customer.
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(new CustomerId("C2"), 0, "e1")));
    }

    [SkippableFact]
    public async Task AStaleVersion_Conflicts_AndStoresNothing()
    {
        var store = CreateStore();
        await store.CommitAsync(Commit(C1, 0, "e1"));
        var stale = Commit(C1, 0, "e2", State(C1, T0, contacts: 2), [Pending(C1, "k1", T0)], [Task(C1, "t1")]);
        Assert.Equal(CommitOutcome.Conflict, await store.CommitAsync(stale));
        Assert.False(await store.IsProcessedAsync(C1, "e2"));
        Assert.Empty(await store.ListAsync(null));
        Assert.Empty(await store.ListTasksAsync());
        Assert.Empty(await store.DueAsync(T0 + Duration.FromDays(1), 10));
        Assert.Equal(1, (await store.LoadAsync(C1)).Version);
    }

    [SkippableFact]
    public async Task ACommit_StoresStateEventOutboxTasksAndIndex_Together()
    {
        var store = CreateStore();
        var due = T0 + Duration.FromDays(2);
        var outcome = await store.CommitAsync(Commit(C1, 0, "e1", State(C1, due, contacts: 1), [Pending(C1, "k1", T0), Pending(C1, "k0", T0)], [Task(C1, "t1")]));
        Assert.Equal(CommitOutcome.Committed, outcome);
        var loaded = await store.LoadAsync(C1);
        Assert.Equal((1L, 1, due), (loaded.Version, loaded.State!.Contacts.Length, loaded.State.NextDue));
        Assert.Equal(["k0", "k1"], (await store.ListAsync(OutboxState.Pending)).Select(r => r.Message.IdempotencyKey));
        Assert.Equal(["t1"], (await store.ListTasksAsync()).Select(t => t.Key));
        Assert.Equal([C1], await store.DueAsync(due, 10));
        Assert.Empty(await store.DueAsync(due - Duration.Epsilon, 10));

        // An existing key is left as it is; the index moves with the state.
        await store.CommitAsync(Commit(C1, 1, "e2", State(C1, null), [Pending(C1, "k1", T0 + Duration.FromDays(9))], [Task(C1, "t1") with { Title = "Other" }]));
        Assert.Equal(T0, (await store.ListAsync(null)).Single(r => r.Message.IdempotencyKey == "k1").Message.DueAt);
        Assert.Equal("Call", (await store.ListTasksAsync()).Single().Title);
        Assert.Empty(await store.DueAsync(due + Duration.FromDays(100), 10));
        Assert.Equal(1, await CountStates(store));
    }

    [SkippableFact]
    public async Task TheNextDueIndex_ListsCustomersEarliestFirst_UpToMax()
    {
        var store = CreateStore();
        for (var i = 0; i < 20; i++)
        {
            var id = new CustomerId($"C{i:D2}");
            await store.CommitAsync(Commit(id, 0, "e", State(id, T0 + Duration.FromHours(20 - i))));
        }

        var due = await store.DueAsync(T0 + Duration.FromHours(10), 5);
        Assert.Equal(["C19", "C18", "C17", "C16", "C15"], due.Select(c => c.Value));
        Assert.Equal(10, (await store.DueAsync(T0 + Duration.FromHours(10), 100)).Count);
    }

    [SkippableFact]
    public async Task TheNextDueIndex_FollowsEveryMove_EarliestThenIdInOrdinalOrder()
    {
        // Customers whose ids sort differently by number, case and length; dues drawn from six instants (many ties),
        // moved, cleared and set again over three rounds. After each round the index must list exactly what a sort of
        // the current dues (instant, then id ordinal) lists, for several cut-offs and batch sizes.
        var store = CreateStore();
        var random = new Random(19);
        var ids = Enumerable.Range(0, 60).Select(i => new CustomerId((i % 3) switch { 0 => $"C{i}", 1 => $"c{i:D3}", _ => $"B{i * 7 % 11}-{i}" })).ToList();
        var dues = new Dictionary<CustomerId, Instant?>();
        var versions = ids.ToDictionary(id => id, _ => 0L);
        for (var round = 0; round < 3; round++)
        {
            foreach (var id in ids)
            {
                Instant? due = random.Next(5) == 0 ? null : T0 + Duration.FromHours(random.Next(6));
                Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(id, versions[id], $"e{round}", State(id, due))));
                versions[id]++;
                dues[id] = due;
            }

            foreach (var (hours, max) in new[] { (0, 100), (2, 7), (3, 100), (5, 25), (9, 1000) })
            {
                var now = T0 + Duration.FromHours(hours);
                var expected = dues.Where(d => d.Value <= now).OrderBy(d => d.Value).ThenBy(d => d.Key.Value, StringComparer.Ordinal).Take(max).Select(d => d.Key.Value);
                Assert.Equal(expected, (await store.DueAsync(now, max)).Select(c => c.Value));
            }
        }
    }

    [SkippableFact]
    public async Task Idempotency_HoldsForEveryEventOfACustomerWithMany()
    {
        var store = CreateStore();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(C1, i, $"e{i}")));
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.True(await store.IsProcessedAsync(C1, $"e{i}"));
            Assert.Equal(CommitOutcome.Duplicate, await store.CommitAsync(Commit(C1, 20, $"e{i}")));
        }

        Assert.False(await store.IsProcessedAsync(C1, "e20"));
        Assert.False(await store.IsProcessedAsync(new CustomerId("C2"), "e0"));
        Assert.Equal(20, (await store.LoadAsync(C1)).Version);
    }

    [SkippableFact]
    public async Task CancellationsAndErasure_ClosePendingEntries_AndErasureDropsTasks()
    {
        var store = CreateStore();
        await store.CommitAsync(Commit(C1, 0, "e1", outbox: [Pending(C1, "k1", T0), Pending(C1, "k2", T0), Pending(C1, "k3", T0)], tasks: [Task(C1, "t1")]));
        var at = T0 + Duration.FromMinutes(3);
        await store.CommitAsync(Commit(C1, 1, "e2", cancel: [new OutboxCancellation("journey exited", at, IdempotencyKey: "k1"), new OutboxCancellation("x", at, IdempotencyKey: "nope"), new OutboxCancellation("y", at, Channel: ContactChannel.Sms)]));
        var k1 = (await store.ListAsync(OutboxState.Cancelled)).Single();
        Assert.Equal(("k1", "journey exited", at), (k1.Message.IdempotencyKey, k1.Reason, k1.ClosedAt));

        // By channel and purpose, or by journey instance: only the customer's matching pending entries.
        var other = new CustomerId("C9");
        await store.CommitAsync(Commit(other, 0, "o1", outbox: [Pending(other, "o-k", T0)]));
        await store.CommitAsync(Commit(C1, 2, "e2b", cancel: [new OutboxCancellation("consent withdrawn", at, Channel: ContactChannel.Zalo, Purpose: ContactPurpose.Transactional, JourneyId: "j@v1", InstanceId: "i")], outbox: [Pending(C1, "k4", T0)]));
        Assert.Equal(["k1", "k2", "k3", "k4"], (await store.ListAsync(OutboxState.Cancelled)).Select(r => r.Message.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(["o-k"], (await store.ListAsync(OutboxState.Pending)).Select(r => r.Message.IdempotencyKey));
        // Erasure: pending entries (this commit's too) are cancelled, sent ones stay, tasks go.
        await store.CommitAsync(Commit(C1, 3, "e3", outbox: [Pending(C1, "k5", T0), Pending(C1, "k6", T0)]));
        var lease = (await store.ClaimDueAsync(T0, 10, Duration.FromMinutes(5), "w")).First(l => l.Message.IdempotencyKey == "k5");
        Assert.True(await store.MarkSentAsync(lease, T0));
        await store.CommitAsync(Commit(C1, 4, "e4", State(C1) with { Erased = true }, outbox: [Pending(C1, "k7", T0)], tasks: [Task(C1, "t2")], erase: true));
        var all = (await store.ListAsync(null)).Where(r => r.Message.CustomerId == C1).ToList();
        Assert.Equal(OutboxState.Sent, all.Single(r => r.Message.IdempotencyKey == "k5").State);
        Assert.Equal(["customer erased", "customer erased"], all.Where(r => r.Message.IdempotencyKey is "k6" or "k7").Select(r => r.Reason));
        Assert.Empty(await store.ListTasksAsync());
        Assert.Equal(["o-k"], (await store.ListAsync(OutboxState.Pending)).Select(r => r.Message.IdempotencyKey));
    }

    [SkippableFact]
    public async Task Leases_ExcludeOtherWorkers_UntilTheyExpire()
    {
        var store = CreateStore();
        await store.CommitAsync(Commit(C1, 0, "e1", outbox: [Pending(C1, "a", T0), Pending(C1, "b", T0 + Duration.FromMinutes(1)), Pending(C1, "later", T0 + Duration.FromDays(1))]));
        var first = await store.ClaimDueAsync(T0 + Duration.FromMinutes(1), 10, Duration.FromMinutes(5), "w1");
        Assert.Equal(["a", "b"], first.Select(l => l.Message.IdempotencyKey));
        Assert.All(first, l => Assert.Equal((1, "w1"), (l.Attempt, l.Worker)));
        Assert.Empty(await store.ClaimDueAsync(T0 + Duration.FromMinutes(2), 10, Duration.FromMinutes(5), "w2"));

        // After expiry another worker claims; the first worker's lease no longer settles anything.
        var second = await store.ClaimDueAsync(T0 + Duration.FromMinutes(7), 1, Duration.FromMinutes(5), "w2");
        var a = Assert.Single(second);
        Assert.Equal(("a", 2), (a.Message.IdempotencyKey, a.Attempt));
        Assert.False(await store.MarkSentAsync(first[0], T0 + Duration.FromMinutes(7)));
        Assert.True(await store.MarkSentAsync(a, T0 + Duration.FromMinutes(7)));
        Assert.False(await store.MarkSentAsync(a, T0 + Duration.FromMinutes(8)));

        // Reschedule, cancel and dead-letter settle a live lease.
        var b = (await store.ClaimDueAsync(T0 + Duration.FromMinutes(7), 1, Duration.FromMinutes(5), "w2")).Single();
        Assert.True(await store.RescheduleAsync(b, T0 + Duration.FromHours(1), "quiet hours"));
        Assert.Empty(await store.ClaimDueAsync(T0 + Duration.FromMinutes(30), 10, Duration.FromMinutes(5), "w2"));
        var b2 = (await store.ClaimDueAsync(T0 + Duration.FromHours(1), 1, Duration.FromMinutes(5), "w2")).Single();
        Assert.Equal(("b", T0 + Duration.FromHours(1), 3), (b2.Message.IdempotencyKey, b2.Message.DueAt, b2.Attempt));
        Assert.True(await store.DeadLetterAsync(b2, "unknown recipient", T0 + Duration.FromHours(1)));
        var later = (await store.ClaimDueAsync(T0 + Duration.FromDays(1), 1, Duration.FromMinutes(5), "w3")).Single();
        Assert.True(await store.CancelAsync(later, "consent withdrawn", T0 + Duration.FromDays(1)));
        var records = (await store.ListAsync(null)).ToDictionary(r => r.Message.IdempotencyKey);
        Assert.Equal((OutboxState.Sent, OutboxState.DeadLettered, OutboxState.Cancelled), (records["a"].State, records["b"].State, records["later"].State));
        Assert.Equal(("unknown recipient", "consent withdrawn"), (records["b"].Reason, records["later"].Reason));
        Assert.Empty(await store.ListAsync(OutboxState.Pending));
    }

    [SkippableFact]
    public async Task ConcurrentWriters_OnOneCustomer_LoseNoUpdate()
    {
        // Eight writers each add 25 contacts to one customer, one commit per contact, retrying on conflicts: every
        // commit lands exactly once, in some order, and the version counts them.
        var store = CreateStore();
        var tasks = Enumerable.Range(0, 8).Select(w => System.Threading.Tasks.Task.Run(async () =>
        {
            for (var n = 0; n < 25; n++)
            {
                while (true)
                {
                    var loaded = await store.LoadAsync(C1);
                    var state = loaded.State ?? State(C1);
                    var next = state with { Contacts = state.Contacts.Add(new ScheduledContact(T0, ContactChannel.Sms, ContactPurpose.Marketing, $"{w}-{n}")) };
                    var outcome = await store.CommitAsync(Commit(C1, loaded.Version, $"{w}-{n}", next, [Pending(C1, $"{w}-{n}", T0)]));
                    if (outcome == CommitOutcome.Committed)
                    {
                        break;
                    }

                    Assert.Equal(CommitOutcome.Conflict, outcome);
                }
            }
        })).ToArray();
        await System.Threading.Tasks.Task.WhenAll(tasks);
        var final = await store.LoadAsync(C1);
        Assert.Equal(200, final.Version);
        Assert.Equal(200, final.State!.Contacts.Select(c => c.IdempotencyKey).Distinct().Count());
        Assert.Equal(200, (await store.ListAsync(null)).Count);

        // Each writer's own contacts are in its order.
        for (var w = 0; w < 8; w++)
        {
            var mine = final.State.Contacts.Select(c => c.IdempotencyKey!).Where(k => k.StartsWith($"{w}-", StringComparison.Ordinal)).Select(k => int.Parse(k[2..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, 25), mine);
        }
    }

    [SkippableFact]
    public async Task TheEngine_OverThisStore_HandlesCustomersInParallel_AndEachCustomersEventsInOrder()
    {
        var store = CreateStore();
        var engine = new CareEngine(new CareEngineOptions(), store);
        var customers = Enumerable.Range(0, 40).Select(i => new CustomerId($"P{i:D2}")).ToList();
        var at = Instant.FromUtc(2026, 3, 2, 2, 0);

        // Per customer: three completed orders an hour apart, sent from several threads at once.
        var work = customers.SelectMany(c => Enumerable.Range(0, 3).Select(k => (Customer: c, K: k))).ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (w, ct) =>
        {
            var placed = at + Duration.FromHours(w.K);
            var order = new Order { Id = new($"{w.Customer.Value}-{w.K}"), CustomerId = w.Customer, PlacedAt = placed, Total = Money.Vnd(100_000), Status = OrderStatus.Completed };
            await engine.HandleAsync(new OrderPlacedEvent(order) { EventId = order.Id.Value, CustomerId = w.Customer, At = placed }, ct);
        });

        foreach (var c in customers)
        {
            var state = (await store.LoadAsync(c)).State!;
            Assert.Equal(3, state.Record!.Orders.Count);
            Assert.Equal(3, state.Instances.Count(i => i.JourneyId == "after-sale@v1"));
            Assert.Equal(at + Duration.FromHours(2), state.Clock);
            foreach (var k in Enumerable.Range(0, 3))
            {
                Assert.True(await store.IsProcessedAsync(c, $"{c.Value}-{k}"));
            }
        }

        // Whatever the arrival order, each customer ends with the same lifecycle position: three completed orders.
        var lifecycle = await store.ListAsync(null);
        Assert.Equal(customers.Count * 3, lifecycle.Count(r => r.Message.Template == "order-follow-up"));
        Assert.Equal(customers.Count, lifecycle.Count(r => r.Message.Template == "thank-you-first-order"));
    }

    private static async Task<int> CountStates(IEngineStore store)
    {
        var n = 0;
        await foreach (var _ in store.StatesAsync())
        {
            n++;
        }

        return n;
    }
}
