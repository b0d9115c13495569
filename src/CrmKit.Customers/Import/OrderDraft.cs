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

    // The lines of its rows after the first (line-item exports); most orders have one row, and no list.
    private List<int>? _moreRows;
    private List<OrderLine>? _lines;
    private List<ConsentDecision>? _consents;

    /// <summary>How many rows it has.</summary>
    public int RowCount { get; private set; }

    /// <summary>The lines of all its rows, the first (<see cref="Line"/>) first.</summary>
    public IEnumerable<int> RowLines => RowCount == 0 ? [] : _moreRows is null ? [Line] : [Line, .. _moreRows];

    /// <summary>Records a row of the order (the first is the one at <see cref="Line"/>).</summary>
    public void AddRow(int line)
    {
        if (RowCount > 0)
        {
            (_moreRows ??= []).Add(line);
        }

        RowCount++;
    }

    public CustomerReference Customer { get; set; }

    public Instant? PlacedAt { get; set; }

    public Money? Total { get; set; }

    public Currency? Currency { get; set; }

    public OrderStatus? Status { get; set; }

    public SalesChannel? Channel { get; set; }

    /// <summary>The lines its rows recorded, in row order.</summary>
    public IReadOnlyList<OrderLine> Lines => _lines ?? (IReadOnlyList<OrderLine>)[];

    /// <summary>Records a line of one of its rows.</summary>
    public void AddLine(OrderLine line) => (_lines ??= []).Add(line);

    /// <summary>The sum of the rows' line amounts (signed: returns are negative).</summary>
    public decimal LinesAmount { get; set; }

    public bool HasLineAmounts { get; set; }

    /// <summary>The consent decisions its rows carry.</summary>
    public IReadOnlyList<ConsentDecision> Consents => _consents ?? (IReadOnlyList<ConsentDecision>)[];

    /// <summary>Records the consent decisions of one of its rows.</summary>
    public void AddConsents(ImmutableArray<ConsentDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            (_consents ??= []).Add(decision);
        }
    }

    /// <summary>Whether any of its rows was rejected: then the whole order is.</summary>
    public bool Failed { get; set; }
}

/// <summary>
/// An order read from the orders file, its customer resolved, whose lines may still come from the order lines file:
/// held as a value until every line is known, then built once (<see cref="ToOrder"/>). <see cref="File"/> is empty
/// outside a folder read.
/// </summary>
internal struct PendingOrder(OrderDraft draft, CustomerId customer, string file)
{
    public readonly OrderId Id = draft.Id;
    public readonly CustomerId CustomerId = customer;
    public readonly Instant PlacedAt = draft.PlacedAt!.Value;
    public readonly Money Total = draft.Total!.Value;
    public readonly OrderStatus Status = draft.Status ?? OrderStatus.Completed;
    public readonly SalesChannel? Channel = draft.Channel;

    /// <summary>The lines of its rows in the orders file (line-item exports).</summary>
    public readonly ImmutableArray<OrderLine> Lines = [.. draft.Lines];

    /// <summary>Its lines from the order lines file, in file order (default: none).</summary>
    public ImmutableArray<OrderLine> MoreLines;

    /// <summary>Where its rows are (for a rejection after the read).</summary>
    public readonly string File = file;
    public readonly int Line = draft.Line;
    public readonly int Rows = draft.RowCount;

    public readonly Order ToOrder() => new()
    {
        Id = Id,
        CustomerId = CustomerId,
        PlacedAt = PlacedAt,
        Total = Total,
        Status = Status,
        Channel = Channel,
        Lines = MoreLines.IsDefaultOrEmpty ? Lines : Lines.IsEmpty ? MoreLines : [.. Lines, .. MoreLines],
    };
}
