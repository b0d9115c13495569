using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>What the agenda needs to know about one customer.</summary>
public sealed record CareSubject
{
    /// <summary>The members, with a customer id that is a phone number or email masked (<see cref="PersonalData.Redact"/>).</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder("CareSubject { ");
        PrintMembers(builder);
        return PersonalData.Redact(builder.Append(" }").ToString());
    }

    /// <summary>
    /// The subject of a customer: their zone (else <paramref name="shopZone"/>), segments, consents, birthday, joining date
    /// and the instants of their first and last completed orders.
    /// </summary>
    public static CareSubject From(Customer customer, SegmentMembership segments, DateTimeZone shopZone)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(shopZone);
        var zone = customer.TimeZone ?? shopZone;
        Instant? first = null, last = null;
        foreach (var o in customer.History.Orders)
        {
            if (o.IsRevenue)
            {
                first = first is null || o.PlacedAt < first ? o.PlacedAt : first;
                last = last is null || o.PlacedAt > last ? o.PlacedAt : last;
            }
        }

        return new CareSubject
        {
            CustomerId = customer.Id,
            Zone = zone,
            Segments = segments,
            Consents = customer.Consents,
            BirthDate = customer.BirthDate,
            JoinedOn = customer.CreatedAt.InZone(zone).Date,
            FirstOrderAt = first,
            LastOrderAt = last,
        };
    }

    /// <summary>The customer's id.</summary>
    /// <exception cref="ArgumentException">The id is not set (a default <see cref="Customers.CustomerId"/>).</exception>
    public required CustomerId CustomerId
    {
        get;
        init => field = value.Value is null ? throw new ArgumentException("The customer id is not set (a default CustomerId).", nameof(value)) : value;
    }

    /// <summary>The customer's zone (local times, quiet hours and calendar days are read in it).</summary>
    public required DateTimeZone Zone { get; init; }

    /// <summary>The customer's segments.</summary>
    public required SegmentMembership Segments { get; init; }

    /// <summary>The customer's current consent.</summary>
    public ConsentLedger Consents { get; init; } = ConsentLedger.Empty;

    /// <summary>The birthday, if known.</summary>
    public LocalDate? BirthDate { get; init; }

    /// <summary>The day the customer joined (in the customer's zone).</summary>
    public LocalDate JoinedOn { get; init; }

    /// <summary>The first completed order, if any.</summary>
    public Instant? FirstOrderAt { get; init; }

    /// <summary>The latest completed order, if any.</summary>
    public Instant? LastOrderAt { get; init; }

    /// <summary>Contacts already made (at least the last 24 hours' and today's), which the caps count.</summary>
    public ImmutableArray<ContactRecord> RecentContacts { get; init; } = [];
}
