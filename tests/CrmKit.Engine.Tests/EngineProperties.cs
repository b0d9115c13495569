namespace CrmKit.Engine.Tests;

/// <summary>
/// Properties over generated event histories (orders and status changes, consent grants and withdrawals, tickets,
/// feedback, profiles with birthdays, time passing, erasures) for a few customers.
/// </summary>
public sealed class EngineProperties
{
    private static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 5, 1, 0);

    /// <summary>One generated act: whose, what (kind and a variant), and how long after the previous act.</summary>
    public sealed record Act(int Customer, int Kind, int Variant, int Minutes);

    private static Gen<Act[]> Acts(int customers, bool erasures) =>
        (from customer in Gen.Choose(0, customers - 1)
         from kind in Gen.Frequency(
             (6, Gen.Constant(0)), (3, Gen.Constant(1)), (5, Gen.Constant(2)), (2, Gen.Constant(3)), (2, Gen.Constant(4)),
             (2, Gen.Constant(5)), (2, Gen.Constant(6)), (erasures ? 1 : 0, Gen.Constant(7)), (1, Gen.Constant(8)))
         from variant in Gen.Choose(0, 1000)
         from minutes in Gen.Frequency((3, Gen.Choose(0, 600)), (2, Gen.Choose(600, 60 * 24 * 4)), (1, Gen.Choose(60 * 24 * 4, 60 * 24 * 60)))
         select new Act(customer, kind, variant, minutes)).ArrayOf().Select(a => a.Take(60).ToArray());

    private static readonly OrderStatus[] Statuses = [OrderStatus.Completed, OrderStatus.Returned, OrderStatus.Cancelled];

    private static readonly ContactChannel[] Channels = [ContactChannel.Zalo, ContactChannel.Sms, ContactChannel.Email];

    /// <summary>Turns acts into events in time order, every id unique; the first event of each customer is a profile.</summary>
    private static List<CareEvent> Events(Act[] acts)
    {
        var events = new List<CareEvent>();
        var orders = new Dictionary<int, List<string>>();
        var tickets = new Dictionary<int, List<string>>();
        var seen = new HashSet<int>();
        var t = T0;
        var n = 0;
        foreach (var a in acts)
        {
            t += Duration.FromMinutes(a.Minutes);
            var id = new CustomerId($"C{a.Customer}");
            if (seen.Add(a.Customer))
            {
                events.Add(new ProfileChangedEvent(new Customer { Id = id, DisplayName = "Khách", CreatedAt = T0, BirthDate = new LocalDate(1990, 1 + (a.Variant % 12), 1 + (a.Variant % 28)) })
                { EventId = $"e{n++}", CustomerId = id, At = t });
            }

            var mine = orders.TryGetValue(a.Customer, out var o) ? o : orders[a.Customer] = [];
            var myTickets = tickets.TryGetValue(a.Customer, out var tk) ? tk : tickets[a.Customer] = [];
            var eid = $"e{n}";
            CareEvent? e = a.Kind switch
            {
                0 => new OrderPlacedEvent(new Order { Id = new($"O{n}"), CustomerId = id, PlacedAt = t, Total = Money.Vnd(50_000 + (a.Variant * 3_000)), Status = a.Variant % 5 == 0 ? OrderStatus.Pending : OrderStatus.Completed }) { EventId = eid, CustomerId = id, At = t },
                1 when mine.Count > 0 => new OrderStatusChangedEvent(mine[a.Variant % mine.Count], Statuses[a.Variant % 3]) { EventId = eid, CustomerId = id, At = t },
                2 => new ConsentChangedEvent(new ConsentDecision(Channels[a.Variant % 3], a.Variant % 7 < 5 ? ContactPurpose.Marketing : ContactPurpose.Transactional, a.Variant % 2 == 0 ? ConsentStatus.Granted : ConsentStatus.Withdrawn, t)) { EventId = eid, CustomerId = id, At = t },
                3 => new TicketOpenedEvent(new SupportTicket { Id = new($"T{n}"), CustomerId = id, OpenedAt = t, Channel = ContactChannel.Email }) { EventId = eid, CustomerId = id, At = t },
                4 when myTickets.Count > 0 => a.Variant % 2 == 0 ? new TicketSolvedEvent(myTickets[a.Variant % myTickets.Count]) { EventId = eid, CustomerId = id, At = t } : new TicketCustomerRepliedEvent(myTickets[a.Variant % myTickets.Count]) { EventId = eid, CustomerId = id, At = t },
                5 when mine.Count > 0 => new FeedbackReceivedEvent(new Feedback(new($"F{n}"), id, t, FeedbackKind.StarRating, 1 + (a.Variant % 5)) { OrderId = new(mine[a.Variant % mine.Count]) }) { EventId = eid, CustomerId = id, At = t },
                6 => new TimePassedEvent() { EventId = eid, CustomerId = id, At = t },
                7 => new CustomerErasedEvent() { EventId = eid, CustomerId = id, At = t },
                8 => new ContactMadeEvent(Channels[a.Variant % 3], ContactPurpose.Marketing, InteractionDirection.Outbound) { EventId = eid, CustomerId = id, At = t },
                _ => null,
            };
            if (e is null)
            {
                continue;
            }

            if (e is OrderPlacedEvent placed)
            {
                mine.Add(placed.Order.Id.Value);
            }

            if (e is TicketOpenedEvent opened)
            {
                myTickets.Add(opened.Ticket.Id.Value);
            }

            n++;
            events.Add(e);
        }

        return events;
    }

    private sealed record Send(CustomerId Customer, ContactChannel Channel, ContactPurpose Purpose, Instant At, string Key);

    /// <summary>Runs events in order with a dispatcher sending what is due before each event (and daily after the last).</summary>
    private static (InMemoryEngineStore Store, List<Send> Sends) RunWithDispatch(List<CareEvent> events) => RunWithDispatch(events, new InMemoryEngineStore(), null);

    /// <summary>As above over <paramref name="store"/>, every unit of work's result added to <paramref name="results"/> (when given).</summary>
    private static (InMemoryEngineStore Store, List<Send> Sends) RunWithDispatch(List<CareEvent> events, InMemoryEngineStore store, List<HandleResult>? results)
    {
        var engine = new CareEngine(new CareEngineOptions(), store);
        var sends = new List<Send>();
        void Dispatch(Instant now)
        {
            results?.AddRange(engine.AdvanceAsync(now).AsTask().GetAwaiter().GetResult().Customers);
            for (var round = 0; round < 5; round++)
            {
                var leases = store.ClaimDueAsync(now, 1000, Duration.FromMinutes(1), "w").AsTask().GetAwaiter().GetResult();
                if (leases.Count == 0)
                {
                    return;
                }

                foreach (var lease in leases)
                {
                    var check = engine.CheckBeforeSendAsync(lease.Message, now).AsTask().GetAwaiter().GetResult();
                    switch (check.Verdict)
                    {
                        case SendVerdict.Send:
                            Assert.True(store.MarkSentAsync(lease, now).AsTask().GetAwaiter().GetResult());
                            sends.Add(new Send(lease.Message.CustomerId, lease.Message.Channel, lease.Message.Purpose, now, lease.Message.IdempotencyKey));
                            var sent = engine.HandleAsync(new ContactMadeEvent(lease.Message.Channel, lease.Message.Purpose, InteractionDirection.Outbound, lease.Message.IdempotencyKey)
                            { EventId = "sent:" + lease.Message.IdempotencyKey, CustomerId = lease.Message.CustomerId, At = now }).AsTask().GetAwaiter().GetResult();
                            results?.Add(sent);
                            break;
                        case SendVerdict.Defer:
                            Assert.True(check.Until > now);
                            store.RescheduleAsync(lease, check.Until!.Value, check.Reason!).AsTask().GetAwaiter().GetResult();
                            break;
                        default:
                            store.CancelAsync(lease, check.Reason!, now).AsTask().GetAwaiter().GetResult();
                            break;
                    }
                }
            }
        }

        foreach (var e in events)
        {
            Dispatch(e.At);
            var result = engine.HandleAsync(e).AsTask().GetAwaiter().GetResult();
            results?.Add(result);
        }

        var end = events.Count == 0 ? T0 : events[^1].At;
        for (var hour = 1; hour <= 24 * 60; hour += 7)
        {
            Dispatch(end + Duration.FromHours(hour));
        }

        return (store, sends);
    }

    [Property(MaxTest = 60)]
    public Property NoMessage_IsSentAfterTheWithdrawalOfItsChannelAndPurpose()
        => Prop.ForAll(Acts(3, erasures: false).ToArbitrary(), acts =>
        {
            var events = Events(acts);
            var (_, sends) = RunWithDispatch(events);
            var decisions = events.OfType<ConsentChangedEvent>().ToList();
            foreach (var s in sends)
            {
                // The consent in force just before the send: every decision of the customer made before it.
                var ledger = ConsentLedger.From(decisions.Where(d => d.CustomerId == s.Customer && d.Decision.At < s.At).Select(d => d.Decision));
                Assert.True(ContactPolicy.ConsentAllows(ledger, s.Channel, s.Purpose), $"{s.Key} sent at {s.At} against {ledger.Find(s.Channel, s.Purpose)}");
            }

            return true;
        });

    [Property(MaxTest = 60)]
    public Property AStoreDroppingClosedMessages_GivesTheSameRun_AndCountsWhatTheFullOutboxLists()
        => Prop.ForAll(Acts(3, erasures: true).ToArbitrary(), acts =>
        {
            var events = Events(acts);
            var fullResults = new List<HandleResult>();
            var leanResults = new List<HandleResult>();
            var (full, fullSends) = RunWithDispatch(events, new InMemoryEngineStore(), fullResults);
            var (lean, leanSends) = RunWithDispatch(events, new InMemoryEngineStore { KeepClosedMessages = false }, leanResults);

            // The same sends, units of work (what each decided, cancelled and created), states and pending entries.
            Assert.Equal(fullSends, leanSends);
            Assert.Equal(fullResults.Select(Describe), leanResults.Select(Describe));
            Assert.Equal(Pending(full), Pending(lean));

            // The lean store keeps no closed record but those an erasure cancelled.
            var leanAll = lean.ListAsync(null).AsTask().GetAwaiter().GetResult();
            Assert.All(leanAll, r => Assert.True(r.State == OutboxState.Pending || r.Reason == "customer erased", $"{r.Message.IdempotencyKey} {r.State} {r.Reason}"));

            // Its message figures are the full outbox's records counted by hand (state, verdict, reason, channel).
            var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in full.ListAsync(null).AsTask().GetAwaiter().GetResult())
            {
                var key = $"{r.State}|{r.Verdict}|{r.Reason}|{r.Message.Channel}";
                expected[key] = expected.GetValueOrDefault(key) + 1;
            }

            var leanStatistics = new CareEngine(new CareEngineOptions(), lean).StatisticsAsync().AsTask().GetAwaiter().GetResult();
            var fullStatistics = new CareEngine(new CareEngineOptions(), full).StatisticsAsync().AsTask().GetAwaiter().GetResult();
            Assert.Equal(expected, new SortedDictionary<string, int>(leanStatistics.Messages.ToDictionary(m => $"{m.State}|{m.Verdict}|{m.Reason}|{m.Channel}", m => m.Count), StringComparer.Ordinal));
            Assert.Equal(fullStatistics.Messages.ToArray(), leanStatistics.Messages.ToArray());
            Assert.Equal(fullStatistics.Journeys.ToArray(), leanStatistics.Journeys.ToArray());
            return true;
        });

    private static string Describe(HandleResult r)
        => $"{r.Outcome} {r.CustomerId.Value} +[{string.Join(",", r.Entered)}] -[{string.Join(",", r.Exited)}] "
            + $"m[{string.Join(",", r.Messages.Select(m => $"{m.Message.IdempotencyKey}:{m.Verdict}:{m.Reason}"))}] "
            + $"c[{string.Join(",", r.Cancelled.Select(c => $"{c.IdempotencyKey}:{c.Reason}:{c.At}"))}] t[{string.Join(",", r.Tasks.Select(t => t.Key))}] "
            + $"i[{string.Join(",", r.Instances.Select(i => i.ToString()))}]";

    private static List<string> Pending(InMemoryEngineStore store)
        => [.. store.ListAsync(OutboxState.Pending).AsTask().GetAwaiter().GetResult().Select(r => $"{r.Message.IdempotencyKey} {r.Message.DueAt} {r.Reason} {r.Attempts}")];

    [Property(MaxTest = 60)]
    public Property AnErasedCustomer_IsNeverContacted_AndTheirQueuedWorkIsDropped()
        => Prop.ForAll(Acts(3, erasures: true).ToArbitrary(), acts =>
        {
            var events = Events(acts);
            var (store, sends) = RunWithDispatch(events);
            foreach (var erased in events.OfType<CustomerErasedEvent>().GroupBy(e => e.CustomerId).Select(g => g.First()))
            {
                Assert.DoesNotContain(sends, s => s.Customer == erased.CustomerId && s.At > erased.At);
                var outbox = store.ListAsync(OutboxState.Pending).AsTask().GetAwaiter().GetResult();
                Assert.DoesNotContain(outbox, r => r.Message.CustomerId == erased.CustomerId);
                Assert.DoesNotContain(store.ListTasksAsync().AsTask().GetAwaiter().GetResult(), t => t.CustomerId == erased.CustomerId);
                var state = store.LoadAsync(erased.CustomerId).AsTask().GetAwaiter().GetResult().State!;
                Assert.True(state.Erased && state.Record is null && state.Contacts.IsEmpty && state.Instances.All(i => i.Status != InstanceStatus.Active && i.Correlation.Length == 0 && i.Snapshot.Data.IsEmpty));
            }

            return true;
        });

    [Property(MaxTest = 100)]
    public Property Replay_GivesTheBatchClassifiersMemberships_AtTheSameInstant()
        => Prop.ForAll(Acts(1, erasures: false).ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), (acts, extraDays) =>
        {
            var events = Events(acts);
            if (events.Count == 0)
            {
                return true;
            }

            var store = new InMemoryEngineStore();
            var engine = new CareEngine(new CareEngineOptions(), store);
            foreach (var e in events)
            {
                engine.HandleAsync(e).AsTask().GetAwaiter().GetResult();
            }

            var asOf = events[^1].At + Duration.FromDays(extraDays);
            var id = events[0].CustomerId;
            engine.HandleAsync(new TimePassedEvent { EventId = "end", CustomerId = id, At = asOf }).AsTask().GetAwaiter().GetResult();
            var replayed = store.LoadAsync(id).AsTask().GetAwaiter().GetResult().State!.Segments;

            // The batch side, built from the history independently: the profile, every consent decision, each order
            // with its last status.
            var profile = events.OfType<ProfileChangedEvent>().Last().Profile;
            var statuses = events.OfType<OrderStatusChangedEvent>().GroupBy(s => s.OrderId).ToDictionary(g => g.Key, g => g.Last().Status);
            var orders = events.OfType<OrderPlacedEvent>().Select(o => statuses.TryGetValue(o.Order.Id.Value, out var s) ? o.Order.WithStatus(s) : o.Order);
            var customer = profile with
            {
                Consents = ConsentLedger.From(events.OfType<ConsentChangedEvent>().Select(c => c.Decision)),
                History = new CustomerHistory { Orders = OrderHistory.From(orders) },
            };
            var batch = new SegmentClassifier(BuiltInSegments.Catalog).Classify(CustomerRecord.From(customer, Hcm), new EvaluationContext(asOf, Hcm));
            Assert.Equal(batch.Ids.ToArray(), replayed.ToArray());
            return true;
        });

    [Property(MaxTest = 60)]
    public Property TheOutbox_IsTheSame_HoweverEventsAreBatchedOrInterleaved()
        => Prop.ForAll(Acts(3, erasures: true).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (acts, seed) =>
        {
            var events = Events(acts);
            var end = (events.Count == 0 ? T0 : events[^1].At) + Duration.FromDays(400);

            // In time order across customers, advancing time at random points between events.
            var random = new Random(seed);
            var interleaved = Replay(events, (engine, e) =>
            {
                if (random.Next(3) == 0)
                {
                    engine.AdvanceAsync(e.At - Duration.FromMinutes(random.Next(0, 600))).AsTask().GetAwaiter().GetResult();
                }
            }, end);

            // One customer after another (the last first), never advancing between events.
            var batched = Replay([.. events.GroupBy(e => e.CustomerId).Reverse().SelectMany(g => g)], (_, _) => { }, end);
            Assert.Equal(interleaved.Outbox, batched.Outbox);
            Assert.Equal(interleaved.Tasks, batched.Tasks);
            return true;
        });

    private static (List<string> Outbox, List<string> Tasks) Replay(IEnumerable<CareEvent> events, Action<CareEngine, CareEvent> between, Instant end)
    {
        var store = new InMemoryEngineStore();
        var engine = new CareEngine(new CareEngineOptions(), store);
        foreach (var e in events)
        {
            between(engine, e);
            engine.HandleAsync(e).AsTask().GetAwaiter().GetResult();
        }

        engine.AdvanceAsync(end).AsTask().GetAwaiter().GetResult();
        var outbox = store.ListAsync(null).AsTask().GetAwaiter().GetResult()
            .Select(r => $"{r.Message.IdempotencyKey} {r.State} {r.Verdict} {r.Reason} {r.Message.DueAt} {r.QueuedAt} {r.ClosedAt}")
            .Order(StringComparer.Ordinal).ToList();
        var tasks = store.ListTasksAsync().AsTask().GetAwaiter().GetResult().Select(t => $"{t.Key} {t.Title} {t.DueAt}").Order(StringComparer.Ordinal).ToList();
        return (outbox, tasks);
    }
}
