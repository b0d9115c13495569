using System.Collections.Immutable;
using System.Diagnostics;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// Computes what is due: for each customer, the occurrences of the cadences of every care plan covering them whose
/// due instant falls in (asOf − lookback, asOf], passed through the contact policy in order (earliest first, then
/// higher plan priority), each allowed or deferred action counting towards the caps of the next. Pure: the host
/// stores what was sent and passes it back as <see cref="CareSubject.RecentContacts"/>.
/// </summary>
public sealed class CareAgenda
{
    private readonly ImmutableArray<CarePlan> _plans;

    /// <summary>Creates the agenda computation.</summary>
    /// <exception cref="ArgumentException">Duplicate plan ids, or duplicate cadence ids within a plan.</exception>
    public CareAgenda(IEnumerable<CarePlan> plans, ContactPolicy? policy = null, OccasionCalendar? occasions = null)
    {
        ArgumentNullException.ThrowIfNull(plans);
        _plans = [.. plans.OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal)];
        var problems = _plans.GroupBy(p => p.Id).Where(g => g.Count() > 1).Select(g => $"plan '{g.Key}' defined {g.Count()} times")
            .Concat(_plans.SelectMany(p => p.Cadences.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => $"plan '{p.Id}': cadence '{g.Key}' defined {g.Count()} times")))
            .ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid care plans: " + string.Join("; ", problems) + ".", nameof(plans));
        }

        Policy = policy ?? ContactPolicy.Vietnam;
        Occasions = occasions ?? OccasionCalendar.Default;
    }

    /// <summary>The contact policy.</summary>
    public ContactPolicy Policy { get; }

    /// <summary>The occasion calendar.</summary>
    public OccasionCalendar Occasions { get; }

    /// <summary>The plans, highest priority first.</summary>
    public ImmutableArray<CarePlan> Plans => _plans;

    /// <summary>The agenda of one customer.</summary>
    public IReadOnlyList<AgendaItem> For(CareSubject subject, Instant asOf, Duration? lookback = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var window = lookback ?? Duration.FromDays(1);
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lookback), window, "The lookback must be positive.");
        }

        var start = asOf - window;
        var (from, to) = (start.InZone(subject.Zone).Date, asOf.InZone(subject.Zone).Date);
        var candidates = new List<(Instant Due, int Rank, CarePlan Plan, Cadence Cadence, LocalDate Date)>();
        for (var rank = 0; rank < _plans.Length; rank++)
        {
            var plan = _plans[rank];
            if (!plan.Covers(subject.Segments))
            {
                continue;
            }

            foreach (var cadence in plan.Cadences)
            {
                foreach (var date in cadence.Schedule.Dates(subject, from, to, Occasions))
                {
                    var due = (date + cadence.Schedule.At).InZoneLeniently(subject.Zone).ToInstant();
                    if (due > start && due <= asOf)
                    {
                        candidates.Add((due, rank, plan, cadence, date));
                    }
                }
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Rank.CompareTo(b.Rank));
        var contacts = new List<ContactRecord>(subject.RecentContacts);
        var sent = new HashSet<(string Template, ContactChannel Channel, LocalDate Date)>();
        var items = new List<AgendaItem>(candidates.Count);
        foreach (var (due, _, plan, cadence, date) in candidates)
        {
            var action = cadence.Action;
            var key = $"{subject.CustomerId.Value}/{plan.Id}/{cadence.Id}/{date:yyyy-MM-dd}";
            if (!sent.Add((action.Template, action.Channel, date)))
            {
                items.Add(new(subject.CustomerId, plan.Id, cadence.Id, action, due, null, AgendaStatus.Skipped, "sent today by a higher-priority plan", key));
                continue;
            }

            var decision = Policy.Decide(action.Channel, action.Purpose, due, subject.Zone, subject.Consents, contacts);
            var status = decision.Verdict switch
            {
                ContactVerdict.Allowed => AgendaStatus.Due,
                ContactVerdict.Deferred => AgendaStatus.Deferred,
                ContactVerdict.Skipped => AgendaStatus.Skipped,
                ContactVerdict.Dropped => AgendaStatus.Dropped,
                _ => throw new UnreachableException($"ContactVerdict {decision.Verdict} has no agenda status."),
            };
            if (decision.SendAt is { } at)
            {
                contacts.Add(new ContactRecord(at, action.Channel, action.Purpose));
            }

            items.Add(new(subject.CustomerId, plan.Id, cadence.Id, action, due, decision.SendAt, status, decision.Reason, key));
        }

        return items;
    }

    /// <summary>The agenda of a population: every item, ordered by send (or due) instant, customer and plan priority.</summary>
    public IReadOnlyList<AgendaItem> ForPopulation(IEnumerable<CareSubject> subjects, Instant asOf, Duration? lookback = null)
    {
        ArgumentNullException.ThrowIfNull(subjects);

        // Each subject's items depend only on the subject and the plans: computed on every core, joined in order.
        IReadOnlyList<CareSubject> list = subjects as IReadOnlyList<CareSubject> ?? [.. subjects];
        var each = PerCustomer.Map(list.Count, i => For(list[i], asOf, lookback));
        var all = new List<AgendaItem>(each.Sum(items => items.Count));
        foreach (var items in each)
        {
            all.AddRange(items);
        }

        var rank = _plans.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. all.OrderBy(i => i.SendAt ?? i.DueAt).ThenBy(i => i.CustomerId.Value, StringComparer.Ordinal).ThenBy(i => rank[i.PlanId])];
    }
}
