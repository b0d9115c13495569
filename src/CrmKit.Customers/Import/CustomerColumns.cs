using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Column names of the customers file. A row needs an id, a phone or an email (the first present is the customer's
/// key); the name defaults to first + last name, the creation time to the first order's.
/// </summary>
public sealed record CustomerColumns
{
    /// <summary>Customer id.</summary>
    public string Id { get; init; } = "customer_id";

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "name";

    /// <summary>Given name, joined with <see cref="LastName"/> when there is no display name column.</summary>
    public string FirstName { get; init; } = "first_name";

    /// <summary>Family name.</summary>
    public string LastName { get; init; } = "last_name";

    /// <summary>When the customer was first recorded.</summary>
    public string CreatedAt { get; init; } = "created_at";

    /// <summary><c>individual</c> or <c>business</c>.</summary>
    public string Kind { get; init; } = "kind";

    /// <summary>Phone numbers, several separated by the list separator.</summary>
    public string Phones { get; init; } = "phone";

    /// <summary>Email addresses, several separated by the list separator.</summary>
    public string Emails { get; init; } = "email";

    /// <summary>Birth date.</summary>
    public string BirthDate { get; init; } = "birth_date";

    /// <summary><c>female</c>, <c>male</c> or <c>other</c>.</summary>
    public string Gender { get; init; } = "gender";

    /// <summary><c>low</c>, <c>middle</c> or <c>high</c>.</summary>
    public string IncomeTier { get; init; } = "income_tier";

    /// <summary>Province or state.</summary>
    public string Province { get; init; } = "province";

    /// <summary>City or district.</summary>
    public string City { get; init; } = "city";

    /// <summary><c>urban</c>, <c>suburban</c> or <c>rural</c>.</summary>
    public string Area { get; init; } = "area";

    /// <summary>Tags, separated by the list separator.</summary>
    public string Tags { get; init; } = "tags";

    /// <summary>Acquisition source (<c>walk_in</c>, <c>website</c> …).</summary>
    public string Source { get; init; } = "source";

    /// <summary>TZDB time zone id.</summary>
    public string TimeZone { get; init; } = "time_zone";

    /// <summary>Lifecycle stage.</summary>
    public string Stage { get; init; } = "stage";

    /// <summary>Custom attribute columns: column name → attribute name and kind.</summary>
    public ImmutableDictionary<string, (string Name, AttributeKind Kind)> Attributes { get; init; } =
        ImmutableDictionary<string, (string Name, AttributeKind Kind)>.Empty;
}
