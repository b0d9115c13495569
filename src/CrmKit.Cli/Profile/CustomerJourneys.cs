using CrmKit.Cli.Engine;
using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Cli.Profile;

/// <summary>What the care engine did and is doing for one customer at the as-of instant.</summary>
/// <param name="Instances">The customer's journey instances (active and ended), newest first.</param>
/// <param name="Outbox">The messages the journeys queued for the customer, sent, cancelled or pending.</param>
/// <param name="Tasks">The tasks (calls, staff assignments) the journeys created for the customer, newest first.</param>
internal sealed record CustomerJourneys(IReadOnlyList<JourneyInstance> Instances, IReadOnlyList<OutboxRecord> Outbox, IReadOnlyList<CareTask> Tasks)
{
    /// <summary>The journeys the replay ran: the text names an instance by its journey's display name.</summary>
    public IReadOnlyList<Journey> Definitions { get; init; } = [];

    /// <summary>
    /// Replays <paramref name="customer"/>'s history up to <paramref name="asOf"/> through a fresh engine, alone:
    /// the engine keeps every customer's state apart (one unit per customer, docs/engine-semantics.md), so this is what
    /// <c>crmkit run</c>'s replay of the whole shop holds for the customer, at the cost of one customer's events.
    /// </summary>
    public static CustomerJourneys Replay(Customer customer, Instant asOf, CareEngineOptions options)
        => ReplayAsync(customer, asOf, options).GetAwaiter().GetResult();

    private static async Task<CustomerJourneys> ReplayAsync(Customer customer, Instant asOf, CareEngineOptions options)
    {
        var store = new InMemoryEngineStore();
        var replay = new EngineReplay(new CareEngine(options, store), EngineReplay.DefaultPoll);
        await replay.RunAsync(HistoryEvents.Of([customer], asOf), asOf).ConfigureAwait(false);
        var state = (await store.LoadAsync(customer.Id).ConfigureAwait(false)).State;
        var outbox = await store.ListAsync(null).ConfigureAwait(false);
        var tasks = await store.ListTasksAsync().ConfigureAwait(false);
        return new CustomerJourneys(
            [.. (state?.Instances ?? []).OrderByDescending(i => i.EnrolledAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal)],
            [.. outbox.Where(m => m.Message.CustomerId == customer.Id)],
            [.. tasks.Where(t => t.CustomerId == customer.Id).OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Key, StringComparer.Ordinal)])
        {
            Definitions = options.Journeys,
        };
    }
}
