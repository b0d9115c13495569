using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Who an order row names: a customer id, a phone, an email, a name — or nobody (a guest sale).</summary>
internal readonly record struct CustomerReference(CustomerId? Id, PhoneNumber? Phone, EmailAddress? Email, string? Name, bool Guest)
{
    /// <summary>The identity key: the id, else the phone (E.164), else the email.</summary>
    public string? Key => Id?.Value ?? Phone?.E164 ?? Email?.Value;

    public bool IsEmpty => Key is null;
}

/// <summary>An order being read: one row, or all rows of one order id in a line-item export.</summary>
internal sealed class OrderDraft(OrderId id, int line)
{
    public OrderId Id { get; } = id;

    /// <summary>The line of the order's first row.</summary>
    public int Line { get; } = line;

    /// <summary>The line of its last row.</summary>
    public int LastLine { get; set; } = line;

    /// <summary>The lines of all its rows.</summary>
    public List<int> RowLines { get; } = [];

    public CustomerReference Customer { get; set; }

    public Instant? PlacedAt { get; set; }

    public Money? Total { get; set; }

    public Currency? Currency { get; set; }

    public OrderStatus? Status { get; set; }

    public SalesChannel? Channel { get; set; }

    public List<OrderLine> Lines { get; } = [];

    /// <summary>The sum of the rows' line amounts (signed: returns are negative).</summary>
    public decimal LinesAmount { get; set; }

    public bool HasLineAmounts { get; set; }

    public List<ConsentDecision> Consents { get; } = [];

    /// <summary>Whether any of its rows was rejected: then the whole order is.</summary>
    public bool Failed { get; set; }

    public ImmutableArray<ConsentDecision> ConsentDecisions => [.. Consents];
}
