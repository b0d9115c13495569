using NodaTime.Testing;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests.Dispatch;

/// <summary>
/// Laws of sending over generated histories (orders, consent given and withdrawn per channel × purpose, erasures, time
/// passing, dispatch rounds) run through the real engine, store and dispatcher: no channel is ever called for a
/// customer whose consent for that channel × purpose is withdrawn (or, for marketing, not given) at the send instant,
/// nor for an erased customer; and every key reaches a customer at most once.
/// </summary>
public class DispatchConsentProperties
{
    private static readonly ContactChannel[] Channels = [ContactChannel.Zalo, ContactChannel.Sms, ContactChannel.Email];

    private enum Kind
    {
        Order,
        Grant,
        Withdraw,
        Erase,
        Dispatch,
        Advance,
    }

    /// <summary>One step of a history; each step happens at least a minute after the one before, so a send and a later withdrawal or erasure never share an instant.</summary>
    private sealed record Step(Kind Kind, int Customer, ContactChannel Channel, ContactPurpose Purpose, int Minutes);

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Frequency((4, Gen.Constant(Kind.Order)), (2, Gen.Constant(Kind.Grant)), (3, Gen.Constant(Kind.Withdraw)), (1, Gen.Constant(Kind.Erase)), (5, Gen.Constant(Kind.Dispatch)), (3, Gen.Constant(Kind.Advance)))
        from customer in Gen.Choose(0, 2)
        from channel in Gen.Elements(Channels)
        from purpose in Gen.Elements(ContactPurpose.Transactional, ContactPurpose.Marketing)
        from minutes in Gen.Frequency((3, Gen.Choose(1, 30)), (2, Gen.Choose(31, 12 * 60)), (1, Gen.Choose(12 * 60, 20 * 24 * 60)))
        select new Step(kind, customer, channel, purpose, minutes);

    [Property(MaxTest = 80)]
    public Property DispatchAsync_NeverContactsAfterAWithdrawalOrAnErasure_AndDeliversEachKeyOnce()
        => Prop.ForAll(Gen.ListOf(StepGen).Select(s => s.Take(40).ToList()).ToArbitrary(), steps =>
        {
            var violation = Run(steps).AsTask().GetAwaiter().GetResult().Violation;
            return (violation is null).Label(violation ?? "lawful");
        });

    [Fact]
    public async Task GeneratedHistories_SendMessagesAndStopSome_SoThePropertyIsNotVacuous()
    {
        var sent = 0;
        var stopped = 0;
        foreach (var steps in Gen.ListOf(StepGen).Select(s => s.Take(40).ToList()).Sample(30, 40))
        {
            var run = await Run(steps);
            (sent, stopped) = (sent + run.Sent, stopped + run.Stopped);
        }

        Assert.True(sent > 0, "no generated history sent anything");
        Assert.True(stopped > 0, "no generated history had a message cancelled by consent or erasure");
    }

    private static async ValueTask<(string? Violation, int Sent, int Stopped)> Run(List<Step> steps)
    {
        var (engine, _) = NewEngine();
        var clock = new FakeClock(Local(3, 2, 8));
        var sent = new List<(CareMessage Message, Instant At)>();
        var channels = Enum.GetValues<ContactChannel>().Select(c => new TestCareChannel(c).RespondWith(m =>
        {
            lock (sent)
            {
                sent.Add((m, clock.GetCurrentInstant()));
            }

            return ChannelSendResult.Sent;
        })).ToList();
        var dispatcher = new CareDispatcher(engine, channels, new DispatchOptions { RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero, WorkerId = "p" }, clock);
        var decisions = new List<(string Customer, ConsentDecision Decision)>();
        var erasedAt = new Dictionary<string, Instant>();
        var n = 0;

        foreach (var step in steps)
        {
            clock.Advance(Duration.FromMinutes(step.Minutes));
            var now = clock.GetCurrentInstant();
            var customer = $"C{step.Customer}";
            n++;
            switch (step.Kind)
            {
                case Kind.Order:
                    await engine.HandleAsync(Order(customer, $"A-{n}", now));
                    break;
                case Kind.Grant or Kind.Withdraw:
                    var status = step.Kind == Kind.Grant ? ConsentStatus.Granted : ConsentStatus.Withdrawn;
                    var consent = Consent(customer, step.Channel, step.Purpose, status, now);
                    await engine.HandleAsync(consent);
                    decisions.Add((customer, consent.Decision));
                    break;
                case Kind.Erase:
                    await engine.HandleAsync(new CustomerErasedEvent { EventId = $"erase:{customer}", CustomerId = new(customer), At = now });
                    erasedAt.TryAdd(customer, now);
                    break;
                case Kind.Advance:
                    await engine.AdvanceAsync(now);
                    break;
                case Kind.Dispatch:
                    await engine.AdvanceAsync(now);
                    await dispatcher.DispatchAsync();
                    break;
            }
        }

        foreach (var (message, at) in sent)
        {
            var customer = message.CustomerId.Value;
            if (erasedAt.TryGetValue(customer, out var erased) && erased <= at)
            {
                return ($"{message.IdempotencyKey} sent at {at} to a customer erased at {erased}", sent.Count, 0);
            }

            var last = decisions.LastOrDefault(d => d.Customer == customer && d.Decision.Channel == message.Channel && d.Decision.Purpose == message.Purpose && d.Decision.At <= at).Decision;
            var allowed = message.Purpose == ContactPurpose.Marketing ? last?.Status == ConsentStatus.Granted : last?.Status != ConsentStatus.Withdrawn;
            if (!allowed)
            {
                return ($"{message.IdempotencyKey} ({message.Purpose}) sent at {at} with consent {last?.Status.ToString() ?? "never given"} since {last?.At}", sent.Count, 0);
            }
        }

        var stopped = (await engine.Store.ListAsync(OutboxState.Cancelled)).Count(r => r.Reason is { } reason && (reason.Contains("withdrawn", StringComparison.Ordinal) || reason.Contains("erased", StringComparison.Ordinal)));
        var repeated = sent.GroupBy(s => s.Message.IdempotencyKey).FirstOrDefault(g => g.Count() > 1);
        return (repeated is null ? null : $"{repeated.Key} sent {repeated.Count()} times", sent.Count, stopped);
    }
}
