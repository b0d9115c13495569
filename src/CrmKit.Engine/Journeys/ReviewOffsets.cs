using System.Collections.Immutable;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// When a customer's segments can change by time alone: the day counts the rules compare (days since created, since
/// the first or last order) and the order windows they count over, each as an offset from the customer's creation or
/// from an order. The engine reclassifies at these instants (the "segment reviews"), so a customer enters
/// <c>lapsed</c> 181 days after the last order without any event — deterministically, whenever time is advanced.
/// </summary>
internal sealed class ReviewOffsets
{
    private const int MaxDays = 36_525;

    private ReviewOffsets(ImmutableArray<Duration> fromCreation, ImmutableArray<Duration> fromOrders)
    {
        FromCreation = fromCreation;
        FromOrders = fromOrders;
    }

    public ImmutableArray<Duration> FromCreation { get; }

    public ImmutableArray<Duration> FromOrders { get; }

    public static ReviewOffsets From(SegmentCatalog catalog, IEnumerable<CompiledJourney> journeys)
    {
        var creation = new SortedSet<int>();
        var orders = new SortedSet<int>();
        // Only what journeys watch over time: the segments they enter on, leave on or exit on, and their exit rules
        // (with the segments those refer to). Rules read at an event's instant need no review.
        var list = journeys.ToList();
        var rules = new List<Rule>();
        var segments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var j in list)
        {
            if (j.Journey.Entry is SegmentEnteredEntry se)
            {
                segments.Add(se.Segment);
            }

            if (j.Journey.Entry is SegmentExitedEntry sx)
            {
                segments.Add(sx.Segment);
            }

            foreach (var x in j.Journey.Exits)
            {
                if (x is SegmentExitedExit e)
                {
                    segments.Add(e.Segment);
                }
                else if (x is RuleExit r)
                {
                    rules.Add(r.Rule);
                    segments.UnionWith(JourneyValidator.SegmentReferences(r.Rule));
                }
            }
        }

        var queue = new Queue<string>(segments);
        while (queue.TryDequeue(out var id))
        {
            var rule = catalog[id].Rule;
            rules.Add(rule);
            foreach (var referenced in JourneyValidator.SegmentReferences(rule).Where(segments.Add))
            {
                queue.Enqueue(referenced);
            }
        }

        foreach (var rule in rules)
        {
            Walk(rule, creation, orders);
        }

        return new([.. creation.Select(d => Duration.FromDays(d))], [.. orders.Select(d => Duration.FromDays(d))]);
    }

    /// <summary>The first review instant after <paramref name="after"/>, else none.</summary>
    public Instant? Next(CustomerRecord record, Instant after)
    {
        Instant? best = null;
        foreach (var d in FromCreation)
        {
            var at = record.CreatedAt + d;
            if (at > after)
            {
                best = Min(best, at);
                break;
            }
        }

        if (FromOrders.IsEmpty)
        {
            return best;
        }

        var horizon = after - FromOrders[^1];
        foreach (var o in record.Orders)
        {
            if (o.PlacedAt < horizon)
            {
                continue;
            }

            foreach (var d in FromOrders)
            {
                var at = o.PlacedAt + d;
                if (at > after)
                {
                    best = Min(best, at);
                    break;
                }
            }
        }

        return best;
    }

    private static Instant Min(Instant? a, Instant b) => a is { } x && x < b ? x : b;

    private static void Walk(Rule rule, SortedSet<int> creation, SortedSet<int> orders)
    {
        switch (rule)
        {
            case AllRule all:
                foreach (var r in all.Rules)
                {
                    Walk(r, creation, orders);
                }

                break;
            case AnyRule any:
                foreach (var r in any.Rules)
                {
                    Walk(r, creation, orders);
                }

                break;
            case NotRule not:
                Walk(not.Rule, creation, orders);
                break;
            case Condition c:
                var target = c.Field.Kind switch
                {
                    FieldKind.DaysSinceCreated => creation,
                    FieldKind.DaysSinceFirstOrder or FieldKind.DaysSinceLastOrder => orders,
                    _ => null,
                };
                if (target is not null)
                {
                    foreach (var v in c.Values.Where(v => v.Kind == AttributeKind.Number))
                    {
                        Add(target, v.AsNumber());
                    }
                }

                if (c.Field.Orders?.Days is { } window)
                {
                    Add(orders, window);
                }

                break;
        }
    }

    private static void Add(SortedSet<int> set, decimal days)
    {
        if (days >= 0 && days <= MaxDays)
        {
            var whole = (int)decimal.Floor(days);
            set.Add(whole);
            set.Add(whole + 1);
        }
    }
}
