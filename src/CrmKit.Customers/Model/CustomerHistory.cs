using System.Collections.Immutable;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// Everything that happened between the shop and one customer: orders, interactions, feedback, support
/// tickets and the referrals the customer made. Each list is sorted by time, then id.
/// </summary>
public sealed record CustomerHistory
{
    /// <summary>No history.</summary>
    public static CustomerHistory Empty { get; } = new();

    /// <summary>The orders.</summary>
    public OrderHistory Orders { get; init => field = value ?? OrderHistory.Empty; } = OrderHistory.Empty;

    /// <summary>Calls, messages, emails, chats and visits, sorted by time.</summary>
    public ImmutableArray<Interaction> Interactions { get; init => field = Sorted(value, i => i.At, i => i.Id.Value); } = [];

    /// <summary>Ratings and survey answers, sorted by time.</summary>
    public ImmutableArray<Feedback> Feedback { get; init => field = Sorted(value, f => f.At, f => f.Id.Value); } = [];

    /// <summary>Support tickets and complaints, sorted by opening time.</summary>
    public ImmutableArray<SupportTicket> Tickets { get; init => field = Sorted(value, t => t.OpenedAt, t => t.Id.Value); } = [];

    /// <summary>Referrals this customer made, sorted by time.</summary>
    public ImmutableArray<Referral> Referrals { get; init => field = Sorted(value, r => r.At, r => r.ReferredId.Value); } = [];

    /// <summary>Whether there is nothing at all in the history.</summary>
    [JsonIgnore]
    public bool IsEmpty => Orders.Count == 0 && Interactions.IsEmpty && Feedback.IsEmpty && Tickets.IsEmpty && Referrals.IsEmpty;

    /// <summary>Adds an order, or replaces the order with the same id.</summary>
    public CustomerHistory WithOrder(Order order) => this with { Orders = Orders.With(order) };

    /// <summary>Adds an interaction, or replaces the one with the same id.</summary>
    public CustomerHistory WithInteraction(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return this with { Interactions = [.. Interactions.Where(i => i.Id != interaction.Id), interaction] };
    }

    /// <summary>Adds feedback, or replaces the feedback with the same id.</summary>
    public CustomerHistory WithFeedback(Feedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return this with { Feedback = [.. Feedback.Where(f => f.Id != feedback.Id), feedback] };
    }

    /// <summary>Adds a ticket, or replaces the ticket with the same id (a status change).</summary>
    public CustomerHistory WithTicket(SupportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return this with { Tickets = [.. Tickets.Where(t => t.Id != ticket.Id), ticket.Validate()] };
    }

    /// <summary>Adds a referral unless the same referred customer is already recorded.</summary>
    public CustomerHistory WithReferral(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Referrals.Any(r => r.ReferredId == referral.ReferredId) ? this : this with { Referrals = Referrals.Add(referral) };
    }

    /// <summary>Feedback of one kind given in a window.</summary>
    public IEnumerable<Feedback> FeedbackIn(FeedbackKind kind, Interval window)
        => Feedback.Where(f => f.Kind == kind && window.Contains(f.At));

    /// <summary>Interactions in a window.</summary>
    public IEnumerable<Interaction> InteractionsIn(Interval window) => Interactions.Where(i => window.Contains(i.At));

    /// <inheritdoc/>
    public bool Equals(CustomerHistory? other)
        => other is not null && Orders.Equals(other.Orders) && Interactions.SequenceEqual(other.Interactions)
           && Feedback.SequenceEqual(other.Feedback) && Tickets.SequenceEqual(other.Tickets) && Referrals.SequenceEqual(other.Referrals);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Orders, Interactions.Length, Feedback.Length, Tickets.Length, Referrals.Length);

    private static ImmutableArray<T> Sorted<T>(ImmutableArray<T> items, Func<T, Instant> time, Func<T, string> id)
        where T : class
    {
        if (items.IsDefaultOrEmpty)
        {
            return [];
        }

        var sorted = true;
        for (var i = 0; i < items.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i], typeof(T).Name);
            if (sorted && i > 0)
            {
                var c = time(items[i - 1]).CompareTo(time(items[i]));
                sorted = c < 0 || (c == 0 && string.CompareOrdinal(id(items[i - 1]), id(items[i])) <= 0);
            }
        }

        // Already in order (one item, or a file written in time order): the stable sort would return it as it is.
        return sorted ? items : [.. items.OrderBy(time).ThenBy(id, StringComparer.Ordinal)];
    }
}
