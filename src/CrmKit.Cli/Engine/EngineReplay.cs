using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Cli.Engine;

/// <summary>What a replay did at one instant, for the caller's per-day figures.</summary>
internal interface IReplayObserver
{
    /// <summary>A unit of work of the engine (an event, or a customer's due timers and occasions) at <paramref name="at"/>.</summary>
    void Handled(HandleResult result, Instant at);

    /// <summary>The replay's dispatcher sent <paramref name="message"/> at <paramref name="at"/> (the send-time check passed).</summary>
    void Sent(OutboxMessage message, Instant at);

    /// <summary>The send-time check deferred <paramref name="message"/> to <paramref name="until"/>.</summary>
    void Deferred(OutboxMessage message, Instant until, string reason, Instant at);

    /// <summary>The send-time check cancelled <paramref name="message"/>.</summary>
    void Cancelled(OutboxMessage message, string reason, Instant at);
}

/// <summary>
/// Runs a history through the care engine as a live host would have run it: events in time order, and every
/// <see cref="Poll"/> a dispatcher that advances time (<see cref="CareEngine.AdvanceAsync"/>), claims the due outbox
/// entries, re-checks each at that instant (<see cref="CareEngine.CheckBeforeSendAsync"/>) and "sends" it — marks it sent
/// and records the contact as a <see cref="ContactMadeEvent"/> with id <c>sent:KEY</c>, so caps count it. Nothing
/// leaves the process: the channel is the replay itself.
/// </summary>
/// <remarks>
/// The dispatcher polls at fixed instants (multiples of <see cref="Poll"/> since the Unix epoch), between the events:
/// every event before a poll instant is handled before the poll, so a customer's events and contacts stay in time
/// order. A message due between two polls is sent at the next poll, as a host polling that often would send it.
/// </remarks>
internal sealed class EngineReplay(CareEngine engine, Duration poll)
{
    /// <summary>The default polling interval of the replay's dispatcher: 15 minutes.</summary>
    public static readonly Duration DefaultPoll = Duration.FromMinutes(15);

    private const int ClaimBatch = 1000;
    private const string Worker = "crmkit-replay";
    private static readonly Duration Lease = Duration.FromMinutes(5);

    /// <summary>The polling interval.</summary>
    public Duration Poll { get; } = poll > Duration.Zero ? poll : throw new ArgumentOutOfRangeException(nameof(poll), poll, "The polling interval must be positive.");

    /// <summary>Events handled (duplicates included).</summary>
    public long Events { get; private set; }

    /// <summary>
    /// Runs <paramref name="events"/> (sorted by instant) that are at or before <paramref name="until"/>, then polls up
    /// to <paramref name="until"/>; <paramref name="count"/> is told how many events were handled.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<CareEvent> events, Instant until, IReplayObserver? observer = null, ProgressCount? count = null, CancellationToken ct = default)
    {
        count ??= ProgressCount.None;
        Instant? next = null;
        foreach (var e in events)
        {
            if (e.At > until)
            {
                break;
            }

            next ??= NextPollAfter(e.At - Duration.Epsilon);
            while (e.At >= next.Value)
            {
                await PollAsync(next.Value, observer, ct).ConfigureAwait(false);
                next = next.Value + Poll;
            }

            var result = await engine.HandleAsync(e, ct).ConfigureAwait(false);
            Events++;
            count.Report(Events);
            observer?.Handled(result, e.At);
        }

        for (var p = next ?? NextPollAfter(until); p <= until; p += Poll)
        {
            await PollAsync(p, observer, ct).ConfigureAwait(false);
        }

        await PollAsync(until, observer, ct).ConfigureAwait(false);
    }

    private Instant NextPollAfter(Instant at)
    {
        var ticks = Poll.BclCompatibleTicks;
        var t = at.ToUnixTimeTicks();
        var floor = t >= 0 ? t / ticks * ticks : -((-t + ticks - 1) / ticks * ticks);
        return Instant.FromUnixTimeTicks(floor + ticks);
    }

    private async Task PollAsync(Instant now, IReplayObserver? observer, CancellationToken ct)
    {
        var advanced = await engine.AdvanceAsync(now, ct).ConfigureAwait(false);
        foreach (var unit in advanced.Customers)
        {
            observer?.Handled(unit, now);
        }

        while (true)
        {
            var leases = await engine.Store.ClaimDueAsync(now, ClaimBatch, Lease, Worker, ct).ConfigureAwait(false);
            foreach (var lease in leases)
            {
                await DispatchAsync(lease, now, observer, ct).ConfigureAwait(false);
            }

            if (leases.Count < ClaimBatch)
            {
                return;
            }
        }
    }

    private async Task DispatchAsync(OutboxLease lease, Instant now, IReplayObserver? observer, CancellationToken ct)
    {
        var message = lease.Message;
        var check = await engine.CheckBeforeSendAsync(message, now, ct).ConfigureAwait(false);
        switch (check.Verdict)
        {
            case SendVerdict.Send:
                await engine.Store.MarkSentAsync(lease, now, ct).ConfigureAwait(false);
                observer?.Sent(message, now);
                var contact = new ContactMadeEvent(message.Channel, message.Purpose, InteractionDirection.Outbound, message.IdempotencyKey)
                {
                    EventId = "sent:" + message.IdempotencyKey,
                    CustomerId = message.CustomerId,
                    At = now,
                };
                observer?.Handled(await engine.HandleAsync(contact, ct).ConfigureAwait(false), now);
                break;
            case SendVerdict.Defer:
                // Never earlier than the next poll: a deferral to an instant already passed would be claimed again at once.
                var until = check.Until is { } u && u > now ? u : now + Poll;
                await engine.Store.RescheduleAsync(lease, until, check.Reason ?? "deferred", ct).ConfigureAwait(false);
                observer?.Deferred(message, until, check.Reason ?? "deferred", now);
                break;
            case SendVerdict.Cancel:
                await engine.Store.CancelAsync(lease, check.Reason ?? "cancelled", now, ct).ConfigureAwait(false);
                observer?.Cancelled(message, check.Reason ?? "cancelled", now);
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"Send verdict {check.Verdict} is not handled.");
        }
    }
}
