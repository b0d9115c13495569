// The CSV reader as it was at commit 6ec0695 (before the import rewrite), kept as the import benchmarks' same-run
// baseline. Adapted only to compile here: renamed types, internal, CrmKit.Customers' internal helpers copied.
using System.Collections.Immutable;
using NodaTime;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Benchmarks.PreviousImport;

/// <summary>
/// How CSV files are read: column names, the shop's time zone for local date-times, the default currency,
/// accepted date formats and phone parsing. Every column name can be changed to match a host's export.
/// </summary>
internal sealed record PreviousCsvImportOptions
{
    /// <summary>The defaults: comma-separated UTF-8, Vietnam time (Asia/Ho_Chi_Minh), VND, ISO and <c>dd/MM/yyyy</c> dates.</summary>
    public static PreviousCsvImportOptions Default { get; } = new();

    /// <summary>The zone in which date-times without an offset are read (and written). Default Asia/Ho_Chi_Minh.</summary>
    public DateTimeZone ShopTimeZone { get; init => field = value ?? throw new ArgumentNullException(nameof(ShopTimeZone)); }
        = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>The currency of amounts when the file has no currency column or the cell is empty. Default VND.</summary>
    public Currency DefaultCurrency { get; init; } = Currency.Vnd;

    /// <summary>The field delimiter. Default ','.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The separator of several values in one cell (phones, emails, tags). Default ';'.</summary>
    public char ListSeparator { get; init; } = ';';

    /// <summary>How phone numbers are parsed.</summary>
    public PhoneNumberParseOptions Phone { get; init => field = value ?? PhoneNumberParseOptions.Default; } = PhoneNumberParseOptions.Default;

    /// <summary>
    /// NodaTime patterns accepted for dates, tried in order. Default <c>uuuu-MM-dd</c> and <c>dd/MM/uuuu</c>
    /// (the Vietnamese order: day first).
    /// </summary>
    public ImmutableArray<string> DatePatterns { get; init; } = ["uuuu-MM-dd", "dd/MM/uuuu", "d/M/uuuu"];

    /// <summary>
    /// NodaTime patterns accepted for local date-times (read in <see cref="ShopTimeZone"/>), tried in order after
    /// ISO instants (<c>…Z</c>) and ISO date-times with offsets (<c>…+07:00</c>). A date alone means its start of day.
    /// </summary>
    public ImmutableArray<string> DateTimePatterns { get; init; } =
        ["uuuu-MM-dd'T'HH:mm:ss", "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd'T'HH:mm", "uuuu-MM-dd HH:mm", "dd/MM/uuuu HH:mm:ss", "dd/MM/uuuu HH:mm"];

    /// <summary>Columns of the customers file.</summary>
    public CustomerColumns Customers { get; init; } = new();

    /// <summary>Columns of the orders file.</summary>
    public OrderColumns Orders { get; init; } = new();

    /// <summary>Columns of the order lines file.</summary>
    public OrderLineColumns OrderLines { get; init; } = new();

    /// <summary>Columns of the consents file.</summary>
    public ConsentColumns Consents { get; init; } = new();

    /// <summary>Columns of the interactions file.</summary>
    public InteractionColumns Interactions { get; init; } = new();

    /// <summary>Columns of the feedback file.</summary>
    public FeedbackColumns Feedback { get; init; } = new();

    /// <summary>Columns of the tickets file.</summary>
    public TicketColumns Tickets { get; init; } = new();

    /// <summary>Columns of the referrals file.</summary>
    public ReferralColumns Referrals { get; init; } = new();
}

/// <summary>Column names of the customers file. Required: id, name, created at; the rest may be absent.</summary>
internal sealed record CustomerColumns
{
    /// <summary>Customer id (required).</summary>
    public string Id { get; init; } = "customer_id";

    /// <summary>Display name (required).</summary>
    public string Name { get; init; } = "name";

    /// <summary>When the customer was first recorded (required).</summary>
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

/// <summary>Column names of the orders file. Required: order id, customer id, placed at, total.</summary>
internal sealed record OrderColumns
{
    /// <summary>Order id (required).</summary>
    public string Id { get; init; } = "order_id";

    /// <summary>Customer id (required).</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When the order was placed (required).</summary>
    public string PlacedAt { get; init; } = "placed_at";

    /// <summary>What the customer paid (required).</summary>
    public string Total { get; init; } = "total";

    /// <summary>ISO 4217 currency code; the default currency when absent.</summary>
    public string Currency { get; init; } = "currency";

    /// <summary><c>completed</c>, <c>returned</c> or <c>cancelled</c>; completed when absent.</summary>
    public string Status { get; init; } = "status";

    /// <summary>Sales channel (<c>in_store</c>, <c>website</c>, <c>marketplace</c> …).</summary>
    public string Channel { get; init; } = "channel";
}

/// <summary>Column names of the order lines file. Required: order id, sku, quantity, unit price.</summary>
internal sealed record OrderLineColumns
{
    /// <summary>Order id (required).</summary>
    public string OrderId { get; init; } = "order_id";

    /// <summary>Stock-keeping unit (required).</summary>
    public string Sku { get; init; } = "sku";

    /// <summary>Product name.</summary>
    public string ProductName { get; init; } = "product_name";

    /// <summary>Quantity (required).</summary>
    public string Quantity { get; init; } = "quantity";

    /// <summary>Unit price, in the order's currency (required).</summary>
    public string UnitPrice { get; init; } = "unit_price";

    /// <summary>Product tags, separated by the list separator.</summary>
    public string Tags { get; init; } = "tags";
}

/// <summary>Column names of the consents file. All but source and recorded by are required.</summary>
internal sealed record ConsentColumns
{
    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Channel (<c>sms</c>, <c>zalo</c>, <c>email</c>, <c>phone_call</c>, <c>chat</c>).</summary>
    public string Channel { get; init; } = "channel";

    /// <summary><c>transactional</c> or <c>marketing</c>.</summary>
    public string Purpose { get; init; } = "purpose";

    /// <summary><c>granted</c> or <c>withdrawn</c>.</summary>
    public string Status { get; init; } = "status";

    /// <summary>When the customer decided.</summary>
    public string At { get; init; } = "at";

    /// <summary>How the decision was given.</summary>
    public string Source { get; init; } = "source";

    /// <summary>Who recorded the decision (optional).</summary>
    public string RecordedBy { get; init; } = "recorded_by";
}

/// <summary>Column names of the interactions file. Required: id, customer id, at, channel, direction, outcome.</summary>
internal sealed record InteractionColumns
{
    /// <summary>Interaction id.</summary>
    public string Id { get; init; } = "interaction_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it happened.</summary>
    public string At { get; init; } = "at";

    /// <summary>Channel.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public string Direction { get; init; } = "direction";

    /// <summary>Outcome (<c>reached</c>, <c>no_answer</c> …).</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>Subject.</summary>
    public string Subject { get; init; } = "subject";

    /// <summary>Staff member.</summary>
    public string StaffId { get; init; } = "staff_id";
}

/// <summary>Column names of the feedback file. Required: id, customer id, at, kind, score.</summary>
internal sealed record FeedbackColumns
{
    /// <summary>Feedback id.</summary>
    public string Id { get; init; } = "feedback_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it was given.</summary>
    public string At { get; init; } = "at";

    /// <summary><c>star_rating</c>, <c>nps</c>, <c>csat</c> or <c>ces</c>.</summary>
    public string Kind { get; init; } = "kind";

    /// <summary>The score.</summary>
    public string Score { get; init; } = "score";

    /// <summary>Comment.</summary>
    public string Comment { get; init; } = "comment";

    /// <summary>The order it is about.</summary>
    public string OrderId { get; init; } = "order_id";

    /// <summary>The ticket it is about.</summary>
    public string TicketId { get; init; } = "ticket_id";
}

/// <summary>Column names of the tickets file. Required: id, customer id, opened at, channel.</summary>
internal sealed record TicketColumns
{
    /// <summary>Ticket id.</summary>
    public string Id { get; init; } = "ticket_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it was opened.</summary>
    public string OpenedAt { get; init; } = "opened_at";

    /// <summary>Channel it came in on.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Priority.</summary>
    public string Priority { get; init; } = "priority";

    /// <summary>Status.</summary>
    public string Status { get; init; } = "status";

    /// <summary>Category.</summary>
    public string Category { get; init; } = "category";

    /// <summary>First reply.</summary>
    public string FirstReplyAt { get; init; } = "first_reply_at";

    /// <summary>Solved at.</summary>
    public string SolvedAt { get; init; } = "solved_at";

    /// <summary>Closed at.</summary>
    public string ClosedAt { get; init; } = "closed_at";

    /// <summary>Assignee.</summary>
    public string AssigneeId { get; init; } = "assignee_id";
}

/// <summary>Column names of the referrals file. All required.</summary>
internal sealed record ReferralColumns
{
    /// <summary>The referring customer.</summary>
    public string ReferrerId { get; init; } = "referrer_id";

    /// <summary>The referred customer.</summary>
    public string ReferredId { get; init; } = "referred_id";

    /// <summary>When the referred customer came.</summary>
    public string At { get; init; } = "at";
}
