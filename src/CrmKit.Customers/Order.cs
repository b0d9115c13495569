using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>One line of an order: a product, a quantity and a unit price.</summary>
public sealed record OrderLine
{
    /// <summary>Creates a line.</summary>
    public OrderLine(string sku, int quantity, Money unitPrice, string? productName = null, ImmutableArray<string> tags = default)
    {
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
        ProductName = productName;
        Tags = tags;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private OrderLine()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The product's stock-keeping unit.</summary>
    [JsonRequired]
    public string Sku { get; init => field = Guard.NotBlank(value, "sku"); }

    /// <summary>How many units; at least 1.</summary>
    [JsonRequired]
    public int Quantity { get; init => field = value >= 1 ? value : throw new InvalidValueException("quantity", $"{value} is not a positive quantity."); }

    /// <summary>The price of one unit; not negative.</summary>
    [JsonRequired]
    public Money UnitPrice { get; init => field = !value.IsNegative ? Guard.Amount(value, "unit price") : throw new InvalidValueException("unit price", $"{value} is negative."); }

    /// <summary>The product's name, if known.</summary>
    public string? ProductName { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Product tags or categories (<c>cosmetics</c>, <c>gift</c>), normalised like customer tags.</summary>
    public ImmutableArray<string> Tags { get; init => field = Tagging.Normalize(value); }

    /// <summary>Quantity × unit price.</summary>
    [JsonIgnore]
    public Money Amount => UnitPrice * Quantity;

    /// <inheritdoc/>
    public bool Equals(OrderLine? other)
        => other is not null && Sku == other.Sku && Quantity == other.Quantity && UnitPrice == other.UnitPrice
           && ProductName == other.ProductName && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sku, Quantity, UnitPrice);
}

/// <summary>
/// An order placed by a customer. <see cref="Total"/> is what the customer paid (after discounts, with
/// shipping); it need not equal the sum of the lines, and lines may be absent when a shop exports only totals.
/// </summary>
public sealed record Order
{
    /// <summary>The order's identifier, unique in the shop.</summary>
    public required OrderId Id { get; init => field = Guard.Set(value, "order id"); }

    /// <summary>The customer who placed it.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was placed.</summary>
    public required Instant PlacedAt { get; init => field = Guard.Time(value, "placed at"); }

    /// <summary>What the customer paid; not negative.</summary>
    public required Money Total
    {
        get;
        init => field = value.Currency.Code is null ? throw new InvalidValueException("order total", "has no currency.")
            : !value.IsNegative ? Guard.Amount(value, "order total") : throw new InvalidValueException("order total", $"{value} is negative.", "Record a return as an order with status Returned.");
    }

    /// <summary>Completed, returned or cancelled. Default: completed.</summary>
    public OrderStatus Status { get; init => field = Guard.Defined(value, "order status"); }

    /// <summary>Where the order was placed, if known.</summary>
    public SalesChannel? Channel { get; init => field = Guard.Defined(value, "sales channel"); }

    /// <summary>The order's lines, if known; all in the currency of <see cref="Total"/>.</summary>
    public ImmutableArray<OrderLine> Lines
    {
        get;
        init
        {
            var lines = Guard.OrEmpty(value);
            foreach (var line in lines)
            {
                ArgumentNullException.ThrowIfNull(line, nameof(Lines));
            }

            field = lines;
        }
    } = [];

    /// <summary>Whether the order counts as revenue (completed, not returned or cancelled).</summary>
    [JsonIgnore]
    public bool IsRevenue => Status == OrderStatus.Completed;

    /// <summary>Returns a copy with another status.</summary>
    public Order WithStatus(OrderStatus status) => this with { Status = status };

    /// <inheritdoc/>
    public bool Equals(Order? other)
        => other is not null && Id == other.Id && CustomerId == other.CustomerId && PlacedAt == other.PlacedAt
           && Total == other.Total && Status == other.Status && Channel == other.Channel && Lines.SequenceEqual(other.Lines);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, CustomerId, PlacedAt, Total, Status);

    internal void CheckLineCurrencies()
    {
        foreach (var line in Lines)
        {
            if (line.UnitPrice.Currency != Total.Currency)
            {
                throw new CurrencyMismatchException(Total.Currency, line.UnitPrice.Currency, $"mix in order '{Id}'");
            }
        }
    }
}

/// <summary>A contact between the shop and a customer: a call, a message, an email, a chat or a visit.</summary>
public sealed record Interaction
{
    /// <summary>The interaction's identifier.</summary>
    public required InteractionId Id { get; init => field = Guard.Set(value, "interaction id"); }

    /// <summary>The customer.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it happened.</summary>
    public required Instant At { get; init => field = Guard.Time(value, "interaction time"); }

    /// <summary>The channel.</summary>
    public required ContactChannel Channel { get; init => field = Guard.Defined(value, "channel"); }

    /// <summary>Who started it.</summary>
    public required InteractionDirection Direction { get; init => field = Guard.Defined(value, "direction"); }

    /// <summary>How it ended.</summary>
    public required InteractionOutcome Outcome { get; init => field = Guard.Defined(value, "outcome"); }

    /// <summary>What it was about, if recorded.</summary>
    public string? Subject { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The staff member who handled it, if recorded.</summary>
    public string? StaffId { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The ids, time and kind, without the subject (free text may hold personal data): <c>Interaction I1 of KH1 at … (Zalo Outbound Reached)</c>.</summary>
    public override string ToString() => $"Interaction {Id} of {CustomerId} at {At} ({Channel} {Direction} {Outcome})";
}

/// <summary>
/// A customer's feedback on one scale: star rating 1–5, NPS 0–10, CSAT 1–5 or CES 1–7, optionally about an
/// order or a ticket.
/// </summary>
public sealed record Feedback : IJsonOnDeserialized
{
    /// <summary>Creates a piece of feedback; the score is checked against the scale of <paramref name="kind"/>.</summary>
    public Feedback(FeedbackId id, CustomerId customerId, Instant at, FeedbackKind kind, int score)
    {
        Id = id;
        CustomerId = customerId;
        At = at;
        Kind = kind;
        Score = score;
        CheckScore(kind, score);
        _constructed = true;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private Feedback()
    {
        // Kind and Score may come in any order; they are checked together in OnDeserialized.
    }
#pragma warning restore CS8618, CS9264

    private bool _constructed; // copied by `with`, so a changed Kind re-checks the existing score

    /// <summary>The feedback's identifier.</summary>
    [JsonRequired]
    public FeedbackId Id { get; init => field = Guard.Set(value, "feedback id"); }

    /// <summary>The customer.</summary>
    [JsonRequired]
    public CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was given.</summary>
    [JsonRequired]
    public Instant At { get; init => field = Guard.Time(value, "feedback time"); }

    /// <summary>The scale. Changing it with <c>with</c> re-checks the score.</summary>
    [JsonRequired]
    public FeedbackKind Kind
    {
        get;
        init
        {
            field = Guard.Defined(value, "feedback kind");
            if (_constructed)
            {
                CheckScore(value, Score);
            }
        }
    }

    /// <summary>The score on the scale of <see cref="Kind"/>.</summary>
    [JsonRequired]
    public int Score { get; init => field = _constructed ? CheckScore(Kind, value) : value; }

    /// <summary>The customer's comment, if any.</summary>
    public string? Comment { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The ids, time, kind and score, without the comment (free text may hold personal data).</summary>
    public override string ToString() => $"Feedback {Id} of {CustomerId} at {At} ({Kind} {Score})";

    /// <summary>The order it is about, if any.</summary>
    public OrderId? OrderId { get; init; }

    /// <summary>The ticket it is about, if any.</summary>
    public TicketId? TicketId { get; init; }

    /// <summary>The lowest and highest score of a scale.</summary>
    public static (int Min, int Max) ScaleOf(FeedbackKind kind) => kind switch
    {
        FeedbackKind.StarRating => (1, 5),
        FeedbackKind.Nps => (0, 10),
        FeedbackKind.Csat => (1, 5),
        FeedbackKind.Ces => (1, 7),
        _ => throw new InvalidValueException("feedback kind", $"{kind} is not a defined FeedbackKind."),
    };

    void IJsonOnDeserialized.OnDeserialized()
    {
        try
        {
            CheckScore(Kind, Score);
        }
        catch (InvalidValueException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        _constructed = true;
    }

    private static int CheckScore(FeedbackKind kind, int score)
    {
        var (min, max) = ScaleOf(kind);
        return Guard.InRange(score, min, max, $"{kind} score");
    }
}

/// <summary>A support ticket or complaint, as a historical record (the care-process package runs its workflow).</summary>
public sealed record SupportTicket
{
    /// <summary>The ticket's identifier.</summary>
    public required TicketId Id { get; init => field = Guard.Set(value, "ticket id"); }

    /// <summary>The customer.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was opened.</summary>
    public required Instant OpenedAt { get; init => field = Guard.Time(value, "opened at"); }

    /// <summary>The channel it came in on.</summary>
    public required ContactChannel Channel { get; init => field = Guard.Defined(value, "channel"); }

    /// <summary>Its priority. Default: normal.</summary>
    public TicketPriority Priority { get; init => field = Guard.Defined(value, "priority"); } = TicketPriority.Normal;

    /// <summary>Its status. Default: new.</summary>
    public TicketStatus Status { get; init => field = Guard.Defined(value, "ticket status"); }

    /// <summary>What it is about (<c>delivery</c>, <c>warranty</c>, <c>product quality</c>), if recorded.</summary>
    public string? Category { get; init => field = Guard.TrimToNull(value); }

    /// <summary>When the shop first replied, if it has.</summary>
    public Instant? FirstReplyAt { get; init => field = Guard.Time(value, "first reply at"); }

    /// <summary>When it was solved, if it was.</summary>
    public Instant? SolvedAt { get; init => field = Guard.Time(value, "solved at"); }

    /// <summary>When it was closed, if it was.</summary>
    public Instant? ClosedAt { get; init => field = Guard.Time(value, "closed at"); }

    /// <summary>The staff member it is assigned to, if any.</summary>
    public string? AssigneeId { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Checks that the timestamps are in order (opened ≤ first reply, opened ≤ solved ≤ closed).</summary>
    /// <exception cref="InvalidValueException">A timestamp precedes the one it must follow.</exception>
    public SupportTicket Validate()
    {
        Before(OpenedAt, FirstReplyAt, "first reply");
        Before(OpenedAt, SolvedAt, "solved at");
        Before(SolvedAt ?? OpenedAt, ClosedAt, "closed at");
        return this;

        void Before(Instant earlier, Instant? later, string field)
        {
            if (later is { } l && l < earlier)
            {
                throw new InvalidValueException(field, $"{l} precedes {earlier} in ticket '{Id}'.");
            }
        }
    }
}

/// <summary>A customer referred another customer to the shop.</summary>
public sealed record Referral
{
    /// <summary>Creates a referral.</summary>
    public Referral(CustomerId referrerId, CustomerId referredId, Instant at)
    {
        ReferrerId = referrerId;
        ReferredId = referredId;
        At = at;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private Referral()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The customer who made the referral.</summary>
    [JsonRequired]
    public CustomerId ReferrerId { get; init => field = Guard.Set(value, "referrer id"); }

    /// <summary>The customer who was referred.</summary>
    [JsonRequired]
    public CustomerId ReferredId { get; init => field = Guard.Set(value, "referred id"); }

    /// <summary>When the referred customer came.</summary>
    [JsonRequired]
    public Instant At { get; init => field = Guard.Time(value, "referral time"); }
}
