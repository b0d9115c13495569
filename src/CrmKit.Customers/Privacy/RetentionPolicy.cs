using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>
/// How long personal data of inactive customers is kept. Storage limitation (GDPR art. 5(1)(e); the principles of Vietnam's
/// Decree 13/2023) asks for such a limit; the period itself is the shop's decision.
/// </summary>
/// <remarks>
/// A customer is inactive when nothing happened for longer than <see cref="InactiveFor"/>: no order, interaction,
/// ticket, feedback, referral or consent decision, and the customer was created before the cut-off. Erased
/// customers are never flagged again.
/// </remarks>
public sealed record RetentionPolicy
{
    /// <summary>How long a customer may stay inactive before the policy applies, e.g. <c>Period.FromYears(3)</c>.</summary>
    public required Period InactiveFor
    {
        get;
        init => field = value is not null && Reference.Plus(value) > Reference
            ? value
            : throw new InvalidValueException("retention period", $"{value?.ToString() ?? "null"} is not a positive period.", "Use e.g. Period.FromYears(3).");
    }

    private static readonly LocalDateTime Reference = new(2000, 1, 1, 0, 0);

    /// <summary>What to do with an inactive customer. Default: <see cref="RetentionAction.Flag"/>.</summary>
    public RetentionAction Action { get; init => field = Guard.Defined(value, "retention action"); } = RetentionAction.Flag;

    /// <summary>The last instant anything happened with the customer.</summary>
    public static Instant LastActivity(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var last = customer.CreatedAt;
        var h = customer.History;
        foreach (var o in h.Orders)
        {
            last = Instant.Max(last, o.PlacedAt);
        }

        foreach (var i in h.Interactions)
        {
            last = Instant.Max(last, i.At);
        }

        foreach (var f in h.Feedback)
        {
            last = Instant.Max(last, f.At);
        }

        foreach (var t in h.Tickets)
        {
            last = Instant.Max(last, t.ClosedAt ?? t.SolvedAt ?? t.FirstReplyAt ?? t.OpenedAt); // a ticket's times never go back
        }

        foreach (var r in h.Referrals)
        {
            last = Instant.Max(last, r.At);
        }

        return customer.Consents.LastDecisionAt is { } consent ? Instant.Max(last, consent) : last;
    }

    /// <summary>The instant before which a customer's last activity makes it inactive at <paramref name="now"/> (calendar arithmetic in UTC).</summary>
    public Instant CutOff(Instant now) => (now.InUtc().LocalDateTime - InactiveFor).InUtc().ToInstant();

    /// <summary>The customers inactive at <paramref name="now"/>, in input order.</summary>
    public ImmutableArray<RetentionFinding> Review(IEnumerable<Customer> customers, Instant now)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var cutOff = CutOff(now);
        var findings = ImmutableArray.CreateBuilder<RetentionFinding>();
        foreach (var customer in customers)
        {
            if (!customer.IsErased && LastActivity(customer) is var last && last < cutOff)
            {
                findings.Add(new RetentionFinding(customer.Id, last, cutOff));
            }
        }

        return findings.DrainToImmutable();
    }
}
