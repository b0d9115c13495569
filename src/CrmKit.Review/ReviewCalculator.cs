using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Review;

/// <summary>
/// Computes the review figures of a period from customers and their histories. Pure: the same input gives the same
/// figures; rates are <see langword="null"/> (never NaN) when their denominator is empty. Formulas: docs/review.md.
/// </summary>
public static class ReviewCalculator
{
    /// <summary>Every figure of <paramref name="period"/>.</summary>
    /// <exception cref="ArgumentException">The period is unbounded.</exception>
    /// <exception cref="CurrencyMismatchException">Revenue in more than one currency.</exception>
    public static ReviewFigures Compute(IReadOnlyList<Customer> customers, Interval period, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckBounded(period);
        options ??= new ReviewOptions();
        var bySegment = ImmutableSortedDictionary.CreateBuilder<string, CustomerFigures>(StringComparer.Ordinal);
        if (options.Memberships is { } memberships)
        {
            var members = new Dictionary<string, List<Customer>>(StringComparer.Ordinal);
            foreach (var customer in customers)
            {
                if (memberships.TryGetValue(customer.Id, out var membership))
                {
                    foreach (var id in membership.Ids)
                    {
                        (members.TryGetValue(id, out var list) ? list : members[id] = []).Add(customer);
                    }
                }
            }

            // Each segment's figures read only its members: the segments are computed on every core.
            var segments = members.ToArray();
            var figures = PerCustomer.Map(segments.Length, i => ForCustomers(segments[i].Value, period, options.Zone), minimumRange: 1);
            for (var i = 0; i < segments.Length; i++)
            {
                bySegment[segments[i].Key] = figures[i];
            }
        }

        var end = period.End;
        var transactions = customers.SelectMany(c => c.History.Orders.Where(o => o.IsRevenue && o.PlacedAt < end)
            .Select(o => new Transaction(c.Id.Value, o.PlacedAt.InZone(c.TimeZone ?? options.Zone).Date, (double)o.Total.Amount)));
        return new ReviewFigures(
            period,
            ForCustomers(customers, period, options.Zone),
            bySegment.ToImmutable(),
            ForFeedback(customers.SelectMany(c => c.History.Feedback), period),
            ForTickets(customers.SelectMany(c => c.History.Tickets), period, options.Sla),
            CohortRetention.Build(transactions, (end - Duration.Epsilon).InZone(options.Zone).Date),
            ForStaff(options.DueActions, customers, options.FollowThroughWindow));
    }

    /// <summary>Purchase figures of <paramref name="customers"/> over <paramref name="period"/> (revenue orders only).</summary>
    /// <param name="customers">The group.</param>
    /// <param name="period">The period [start, end).</param>
    /// <param name="zone">The zone of customers without their own, which dates purchases for <see cref="CustomerFigures.RepeatBuyers"/>
    /// (orders on one day are one purchase); UTC when <see langword="null"/>.</param>
    public static CustomerFigures ForCustomers(IEnumerable<Customer> customers, Interval period, DateTimeZone? zone = null)
    {
        zone ??= DateTimeZone.Utc;
        ArgumentNullException.ThrowIfNull(customers);
        CheckBounded(period);
        var (start, end) = (period.Start, period.End);
        var before = start - period.Duration;
        int count = 0, buyers = 0, newBuyers = 0, repeat = 0, retentionBase = 0, retained = 0, orders = 0;
        Money? revenue = null, returning = null;
        foreach (var customer in customers)
        {
            count++;
            int inPeriod = 0, inWindowBefore = 0, earlier = 0;
            Money? spent = null;
            foreach (var order in customer.History.Orders)
            {
                if (!order.IsRevenue)
                {
                    continue;
                }

                var at = order.PlacedAt;
                if (at < start)
                {
                    earlier++;
                    inWindowBefore += at >= before ? 1 : 0;
                }
                else if (at < end)
                {
                    inPeriod++;
                    spent = spent is { } s ? s + order.Total : order.Total;
                }
            }

            orders += inPeriod;
            retentionBase += inWindowBefore > 0 ? 1 : 0;
            retained += inWindowBefore > 0 && inPeriod > 0 ? 1 : 0;
            if (inPeriod > 0)
            {
                buyers++;
                repeat += inPeriod > 1 && customer.History.Orders.PurchaseDaysIn(customer.TimeZone ?? zone, new Interval(start, end)) > 1 ? 1 : 0;
                newBuyers += earlier == 0 ? 1 : 0;
                revenue = revenue is { } r ? r + spent!.Value : spent;
                if (earlier > 0)
                {
                    returning = returning is { } t ? t + spent!.Value : spent;
                }
            }
        }

        if (revenue is { } total && returning is null)
        {
            returning = Money.Zero(total.Currency);
        }

        return new CustomerFigures(count, buyers, newBuyers, repeat, retentionBase, retained, orders, revenue, returning);
    }

    /// <summary>CSAT, NPS and CES over the answers given in <paramref name="period"/>; star ratings are not counted.</summary>
    public static FeedbackFigures ForFeedback(IEnumerable<Feedback> feedback, Interval period)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        int csat = 0, satisfied = 0, nps = 0, promoters = 0, detractors = 0, ces = 0, cesTotal = 0;
        foreach (var answer in feedback.Where(f => period.Contains(f.At)))
        {
            switch (answer.Kind)
            {
                case FeedbackKind.Csat:
                    csat++;
                    satisfied += answer.Score >= 4 ? 1 : 0;
                    break;
                case FeedbackKind.Nps:
                    nps++;
                    promoters += answer.Score >= 9 ? 1 : 0;
                    detractors += answer.Score <= 6 ? 1 : 0;
                    break;
                case FeedbackKind.Ces:
                    ces++;
                    cesTotal += answer.Score;
                    break;
                default:
                    break;
            }
        }

        return new FeedbackFigures(csat, satisfied, nps, promoters, detractors, ces, cesTotal);
    }

    /// <summary>Reply and resolution times and the SLA breach rate of the tickets opened in <paramref name="period"/>, as of its end.</summary>
    /// <exception cref="ArgumentException">A ticket's priority has no targets in <paramref name="sla"/>.</exception>
    public static TicketFigures ForTickets(IEnumerable<SupportTicket> tickets, Interval period, SlaPolicy sla)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(sla);
        CheckBounded(period);
        var now = period.End - Duration.Epsilon;
        var firstReplies = new List<Duration>();
        var resolutions = new List<Duration>();
        int opened = 0, breached = 0;
        var events = new List<TicketEvent>(3);
        foreach (var ticket in tickets.Where(t => period.Contains(t.OpenedAt)))
        {
            opened++;
            events.Clear();
            events.Add(new TicketEvent(ticket.OpenedAt, TicketEventKind.Created));
            if (ticket.FirstReplyAt is { } reply)
            {
                events.Add(new TicketEvent(reply, TicketEventKind.AgentReply));
            }

            if (ticket.SolvedAt is { } solved)
            {
                events.Add(new TicketEvent(solved, TicketEventKind.Solved));
            }

            var clocks = sla.Evaluate(ticket.Priority.ToString().ToLowerInvariant(), events, now);
            breached += clocks.Any(c => c.Status == SlaStatus.Breached) ? 1 : 0;
            foreach (var clock in clocks)
            {
                if (clock.Metric == SlaMetric.FirstReply && ticket.FirstReplyAt <= now)
                {
                    firstReplies.Add(clock.Elapsed);
                }
                else if (clock.Metric == SlaMetric.Resolution && ticket.SolvedAt <= now)
                {
                    resolutions.Add(clock.Elapsed);
                }
            }
        }

        return new TicketFigures(opened, firstReplies.Count, Median(firstReplies), Mean(firstReplies), resolutions.Count, Median(resolutions), Mean(resolutions), breached);
    }

    /// <summary>
    /// Care actions due vs done per staff member. A due action (status <see cref="AgendaStatus.Due"/>) belongs to the
    /// staff member of the customer's latest interaction at or before its due instant (else
    /// <see cref="StaffFigures.Unassigned"/>); it is done when the customer had an outbound interaction on the action's
    /// channel in [due, due + <paramref name="window"/>].
    /// </summary>
    public static ImmutableArray<StaffFigures> ForStaff(IReadOnlyList<AgendaItem> due, IReadOnlyList<Customer> customers, Duration window)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(customers);
        if (window < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The follow-through window cannot be negative.");
        }

        var byId = new Dictionary<CustomerId, Customer>();
        foreach (var customer in customers)
        {
            byId[customer.Id] = customer;
        }

        var figures = new SortedDictionary<string, (int Due, int Done)>(StringComparer.Ordinal);
        foreach (var item in due.Where(i => i.Status == AgendaStatus.Due))
        {
            var staff = StaffFigures.Unassigned;
            var done = false;
            if (byId.TryGetValue(item.CustomerId, out var customer))
            {
                staff = AssignedStaff(customer, item.DueAt);
                foreach (var interaction in customer.History.Interactions)
                {
                    done |= interaction.Direction == InteractionDirection.Outbound && interaction.Channel == item.Action.Channel
                        && interaction.At >= item.DueAt && interaction.At <= item.DueAt + window;
                }
            }

            var (d, n) = figures.GetValueOrDefault(staff);
            figures[staff] = (d + 1, n + (done ? 1 : 0));
        }

        return [.. figures.Select(f => new StaffFigures(f.Key, f.Value.Due, f.Value.Done))];
    }

    /// <summary>
    /// The staff member who looks after <paramref name="customer"/> at <paramref name="at"/>: the staff id of the
    /// customer's latest interaction at or before that instant (the later of two at the same instant), else
    /// <see cref="StaffFigures.Unassigned"/>. The rule <see cref="ForStaff"/> assigns due actions by, and the report's
    /// "today" section groups them by.
    /// </summary>
    public static string AssignedStaff(Customer customer, Instant at)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var (staff, latest) = (StaffFigures.Unassigned, Instant.MinValue);
        foreach (var interaction in customer.History.Interactions)
        {
            if (interaction.StaffId is { } id && interaction.At <= at && interaction.At >= latest)
            {
                (staff, latest) = (id, interaction.At);
            }
        }

        return staff;
    }

    private static void CheckBounded(Interval period)
    {
        if (!period.HasStart || !period.HasEnd)
        {
            throw new ArgumentException("A review period needs a start and an end.", nameof(period));
        }
    }

    private static Duration? Median(List<Duration> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : values[mid - 1] + ((values[mid] - values[mid - 1]) / 2);
    }

    private static Duration? Mean(List<Duration> values)
        => values.Count == 0 ? null : Duration.FromNanoseconds(values.Aggregate(0.0, (sum, d) => sum + d.TotalNanoseconds) / values.Count);
}
