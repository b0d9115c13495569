using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// A customer: profile, contact points, consent and history. Immutable; every change returns a new value
/// (<c>with</c> expressions or the <c>With…</c> methods), and every value is validated as it is set.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> masks personal data (<c>Customer KH001 N***** V** A*</c>); serialize the record to
/// see it whole.
/// </remarks>
public sealed record Customer
{
    /// <summary>The customer's identifier in the host application.</summary>
    public required CustomerId Id { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>Individual or business. Default: individual.</summary>
    public CustomerKind Kind { get; init => field = Guard.Defined(value, "customer kind"); }

    /// <summary>The name shown to staff: a person's full name, or a business's name.</summary>
    public required string DisplayName { get; init => field = Guard.NotBlank(value, "display name"); }

    /// <summary>When the customer was first recorded.</summary>
    public required Instant CreatedAt { get; init => field = Guard.Time(value, "created at"); }

    /// <summary>Phone numbers, normalised to E.164; the first is the preferred one. Duplicates are removed.</summary>
    public ImmutableArray<PhoneNumber> Phones { get; init => field = Distinct(value, "phone"); } = [];

    /// <summary>Email addresses, normalised; the first is the preferred one. Duplicates are removed.</summary>
    public ImmutableArray<EmailAddress> Emails { get; init => field = Distinct(value, "email"); } = [];

    /// <summary>The birth date (a person's) or founding date (a business's), if known.</summary>
    public LocalDate? BirthDate { get; init => field = Guard.Date(value, "birth date"); }

    /// <summary>The gender, if stated.</summary>
    public Gender? Gender { get; init => field = Guard.Defined(value, "gender"); }

    /// <summary>The income tier, if recorded.</summary>
    public IncomeTier? IncomeTier { get; init => field = Guard.Defined(value, "income tier"); }

    /// <summary>Where the customer lives, if known.</summary>
    public Location? Location { get; init; }

    /// <summary>Tags, the shop's free labels on the customer (<c>food</c>, <c>travel</c>, <c>mẹ bỉm sữa</c>): trimmed, distinct ignoring case, sorted.</summary>
    public ImmutableArray<string> Tags { get; init => field = Tagging.Normalize(value); } = [];

    /// <summary>Shop-defined typed attributes, by name (ordinal, case-sensitive).</summary>
    public ImmutableSortedDictionary<string, AttributeValue> Attributes
    {
        get;
        init
        {
            var attributes = value ?? ImmutableSortedDictionary<string, AttributeValue>.Empty;
            foreach (var (name, attribute) in attributes)
            {
                Guard.NotBlank(name, "attribute name");
                if (attribute.IsDefault)
                {
                    throw new InvalidValueException($"attribute '{name}'", "has no value (default(AttributeValue)); create values with AttributeValue.Text, Number, Boolean, Date or Instant.");
                }
            }

            field = attributes.WithComparers(StringComparer.Ordinal);
        }
    } = NoAttributes;

    /// <summary>How the customer first came to the shop, if known.</summary>
    public AcquisitionSource? Source { get; init => field = Guard.Defined(value, "acquisition source"); }

    /// <summary>The customer's time zone, if different from the shop's (for quiet hours and birthdays).</summary>
    public DateTimeZone? TimeZone { get; init; }

    /// <summary>The lifecycle stage. Default: acquisition (the shop has the customer's details).</summary>
    public LifecycleStage Stage { get; init => field = Guard.Defined(value, "lifecycle stage"); } = LifecycleStage.Acquisition;

    /// <summary>
    /// Whether <see cref="Stage"/> was given by the source: <see langword="false"/> when an imported file had no
    /// stage for the customer (no <c>stage</c> column, or an empty cell) and <see cref="Stage"/> is only the default,
    /// acquisition. Default: <see langword="true"/> (a customer built in code states its stage).
    /// </summary>
    public bool StageRecorded { get; init; } = true;

    /// <summary>The consent ledger: every grant and withdrawal per channel and purpose, from which the consent in force is derived.</summary>
    public ConsentLedger Consents { get; init => field = value ?? ConsentLedger.Empty; } = ConsentLedger.Empty;

    /// <summary>Identifiers of customers that were merged into this one (see <see cref="Identity.CustomerMerge"/>).</summary>
    public ImmutableArray<CustomerId> MergedIds { get; init => field = [.. Guard.OrEmpty(value).Distinct().Order()]; } = [];

    /// <summary>Orders, interactions, feedback, tickets and referrals.</summary>
    public CustomerHistory History
    {
        get;
        init
        {
            var history = value ?? CustomerHistory.Empty;
            if (Id.Value is not null)
            {
                CheckOwnership(Id, history);
            }

            field = history;
        }
    } = CustomerHistory.Empty;

    /// <summary>
    /// The record of this customer's erasure, or <see langword="null"/> while the customer is not erased; see
    /// <see cref="Privacy.PersonalDataEraser"/>.
    /// </summary>
    public Privacy.ErasureRecord? Erasure { get; init; }

    /// <summary>Whether the customer's personal data was erased.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsErased => Erasure is not null;

    internal static ImmutableSortedDictionary<string, AttributeValue> NoAttributes { get; } = ImmutableSortedDictionary.Create<string, AttributeValue>(StringComparer.Ordinal);

    /// <summary>The customer's age in whole years on <paramref name="date"/>, or <see langword="null"/> without a birth date.</summary>
    public int? AgeOn(LocalDate date)
        => BirthDate is { } birth && birth <= date ? Period.Between(birth, date, PeriodUnits.Years).Years : null;

    /// <summary>Returns a copy with another phone number (added last unless it is already there).</summary>
    public Customer WithPhone(PhoneNumber phone) => this with { Phones = Phones.Add(phone) };

    /// <summary>Returns a copy with another email address (added last unless it is already there).</summary>
    public Customer WithEmail(EmailAddress email) => this with { Emails = Emails.Add(email) };

    /// <summary>Returns a copy with another tag.</summary>
    public Customer WithTag(string tag) => this with { Tags = Tags.Add(Guard.NotBlank(tag, "tag")) };

    /// <summary>Returns a copy with an attribute set (replacing any value of that name).</summary>
    public Customer WithAttribute(string name, AttributeValue value) => this with { Attributes = Attributes.SetItem(Guard.NotBlank(name, "attribute name"), value) };

    /// <summary>Returns a copy with a consent decision appended to the ledger (a later decision for that channel and purpose, if any, stays in force).</summary>
    public Customer WithConsent(ConsentDecision decision) => this with { Consents = Consents.Append(decision) };

    /// <summary>Returns a copy with an order added (or replaced by id).</summary>
    public Customer WithOrder(Order order) => this with { History = History.WithOrder(order) };

    /// <inheritdoc/>
    public bool Equals(Customer? other)
        => other is not null
           && Id == other.Id && Kind == other.Kind && DisplayName == other.DisplayName && CreatedAt == other.CreatedAt
           && Phones.SequenceEqual(other.Phones) && Emails.SequenceEqual(other.Emails) && BirthDate == other.BirthDate
           && Gender == other.Gender && IncomeTier == other.IncomeTier && Equals(Location, other.Location)
           && Tags.SequenceEqual(other.Tags) && Attributes.SequenceEqual(other.Attributes) && Source == other.Source
           && Equals(TimeZone, other.TimeZone) && Stage == other.Stage && StageRecorded == other.StageRecorded && Consents.Equals(other.Consents)
           && MergedIds.SequenceEqual(other.MergedIds) && History.Equals(other.History) && Equals(Erasure, other.Erasure);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, DisplayName, CreatedAt, Phones.Length, History);

    /// <summary>The id and the masked name, e.g. <c>Customer KH001 N***** V** A*</c> (an id that is a phone number or email is masked too).</summary>
    public override string ToString() => IsErased ? $"Customer {Id} (erased)" : $"Customer {Id} {PersonalData.MaskName(DisplayName)}";

    private static ImmutableArray<T> Distinct<T>(ImmutableArray<T> values, string field)
        where T : struct, IEquatable<T>
    {
        if (values.IsDefaultOrEmpty)
        {
            return [];
        }

        foreach (var v in values)
        {
            if (v.Equals(default))
            {
                throw new InvalidValueException(field, $"the default {typeof(T).Name} is not a value.");
            }
        }

        // Almost every customer has one phone and one email: keep a short array as given when nothing repeats.
        var repeats = values.Length > 8;
        for (var i = 1; i < values.Length && !repeats; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (values[i].Equals(values[j]))
                {
                    repeats = true;
                    break;
                }
            }
        }

        return repeats ? [.. values.Distinct()] : values;
    }

    private static void CheckOwnership(CustomerId id, CustomerHistory history)
    {
        static void Check(CustomerId owner, CustomerId id, string what, string itemId)
        {
            if (owner != id)
            {
                throw new InvalidValueException("history", $"{what} '{itemId}' belongs to customer '{owner}', not '{id}'.");
            }
        }

        foreach (var o in history.Orders.Orders)
        {
            Check(o.CustomerId, id, "order", o.Id.Value);
        }

        foreach (var i in history.Interactions)
        {
            Check(i.CustomerId, id, "interaction", i.Id.Value);
        }

        foreach (var f in history.Feedback)
        {
            Check(f.CustomerId, id, "feedback", f.Id.Value);
        }

        foreach (var t in history.Tickets)
        {
            Check(t.CustomerId, id, "ticket", t.Id.Value);
        }

        foreach (var r in history.Referrals)
        {
            Check(r.ReferrerId, id, "referral of", r.ReferredId.Value);
        }
    }
}
