using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// How import files are read: CrmKit's own column names (each can be renamed), a mapping onto a platform's export
/// (<see cref="Mapping"/>), explicit value formats, the shop's time zone for local date-times, the default currency
/// and phone parsing.
/// </summary>
public sealed record CsvImportOptions
{
    /// <summary>The defaults: encoding, delimiter, number style and date order detected; Vietnam time (Asia/Ho_Chi_Minh); VND.</summary>
    public static CsvImportOptions Default { get; } = new();

    /// <summary>The zone in which date-times without an offset are read (and written). Default Asia/Ho_Chi_Minh.</summary>
    public DateTimeZone ShopTimeZone { get; init => field = value ?? throw new ArgumentNullException(nameof(ShopTimeZone)); }
        = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>The currency of amounts when the file has no currency column or the cell is empty. Default VND.</summary>
    public Currency DefaultCurrency { get; init; } = Currency.Vnd;

    /// <summary>The separator of several values in one cell (phones, emails, tags). Default ';'.</summary>
    public char ListSeparator { get; init; } = ';';

    /// <summary>How phone numbers are parsed.</summary>
    public PhoneNumberParseOptions Phone { get; init => field = value ?? PhoneNumberParseOptions.Default; } = PhoneNumberParseOptions.Default;

    /// <summary>
    /// How the files' values are written, set explicitly (the command line's <c>--number-format</c>, <c>--date-format</c>,
    /// <c>--zone</c>, <c>--encoding</c>, <c>--delimiter</c>, <c>--sheet</c>): wins over <see cref="Mapping"/>'s formats, which
    /// win over <see cref="ShopTimeZone"/>, <see cref="DefaultCurrency"/> and detection.
    /// </summary>
    public ImportFormat Format { get; init => field = value ?? ImportFormat.Unset; } = ImportFormat.Unset;

    /// <summary>How the source files map onto CrmKit's fields (a preset or a mapping file). Default: none.</summary>
    public ImportMapping Mapping { get; init => field = value ?? ImportMapping.None; } = ImportMapping.None;

    /// <summary>
    /// The order of day and month used when a file's dates never show it (no part greater than 12) and no order is
    /// configured. Default <see cref="DateOrder.DayFirst"/>, the Vietnamese order.
    /// </summary>
    public DateOrder DefaultDateOrder { get; init => field = value == DateOrder.Auto ? throw new ArgumentOutOfRangeException(nameof(DefaultDateOrder), value, "The default order must be a definite one.") : value; } = DateOrder.DayFirst;

    /// <summary>
    /// When the files were exported: the instant of consent decisions read from consent columns of customer or order
    /// exports (Shopify's "Accepts Email Marketing"). Default: each file's last-modified time.
    /// </summary>
    public Instant? ExportedAt { get; init; }

    /// <summary>The default of <see cref="MaxRetainedIssuesPerFile"/>: 1,000 issues of each file.</summary>
    public const int DefaultMaxRetainedIssuesPerFile = 1_000;

    /// <summary>
    /// How many issues of each file <see cref="CustomerDataSet.Issues"/> keeps (the first ones found), 0 or more; the
    /// counts and <see cref="CustomerDataSet.IssueGroups"/> stay exact whatever the number, and <see cref="OnIssue"/>
    /// receives every issue. Bounds the memory of an import whose rows are mostly rejected. 0 keeps none (the counts
    /// and groups remain); <see cref="int.MaxValue"/> keeps every issue. Default <see cref="DefaultMaxRetainedIssuesPerFile"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
    public int MaxRetainedIssuesPerFile { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRetainedIssuesPerFile), value, "The number of retained issues cannot be negative."); }
        = DefaultMaxRetainedIssuesPerFile;

    /// <summary>
    /// Receives every import issue (an <see cref="ImportIssue"/>, personal data masked) as it is found (all of them,
    /// beyond <see cref="MaxRetainedIssuesPerFile"/>): file by
    /// file in reading order, within a file mostly by line (issues that need the whole data set, such as an order in
    /// another currency than its customer's first, come last). Called on the importing thread; an exception it throws
    /// ends the import. The command line's <c>--rejects FILE</c> writes them one per line. Default: none.
    /// </summary>
    public Action<ImportIssue>? OnIssue { get; init; }

    /// <summary>The effective format of a kind of file: <see cref="Format"/>, then the mapping's, then the defaults.</summary>
    public ImportFormat FormatOf(ImportFileKind kind)
        => Format.Then(Mapping.For(kind).Format).Then(Mapping.Format).Then(new ImportFormat
        {
            NumberFormat = NumberFormat.Auto,
            DateOrder = DateOrder.Auto,
            Zone = ShopTimeZone,
            Currency = DefaultCurrency,
        });

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

/// <summary>
/// Column names of the orders file. Required: order id, placed at, and a total or lines (quantity and unit price).
/// The customer is named by id, phone or email; an order with none of them is a guest sale. In a line-item export
/// (one row per line, as Shopify's), the rows of one order id are one order.
/// </summary>
public sealed record OrderColumns
{
    /// <summary>Order id (required).</summary>
    public string Id { get; init; } = "order_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>The customer's name (for customers derived from orders).</summary>
    public string CustomerName { get; init; } = "customer_name";

    /// <summary>The customer's given name, joined with <see cref="CustomerLastName"/> when there is no name column.</summary>
    public string CustomerFirstName { get; init; } = "customer_first_name";

    /// <summary>The customer's family name.</summary>
    public string CustomerLastName { get; init; } = "customer_last_name";

    /// <summary>The customer's phone: joins the order to a customer when there is no customer id.</summary>
    public string CustomerPhone { get; init; } = "customer_phone";

    /// <summary>The customer's email: joins the order to a customer when there is no customer id or phone.</summary>
    public string CustomerEmail { get; init; } = "customer_email";

    /// <summary>When the order was placed (required).</summary>
    public string PlacedAt { get; init; } = "placed_at";

    /// <summary>What the customer paid; when absent, the sum of the lines.</summary>
    public string Total { get; init; } = "total";

    /// <summary>ISO 4217 currency code; the default currency when absent.</summary>
    public string Currency { get; init; } = "currency";

    /// <summary><c>completed</c>, <c>returned</c> or <c>cancelled</c>; completed when absent.</summary>
    public string Status { get; init; } = "status";

    /// <summary>A yes/no flag that marks the order returned whatever its status (Sapo's return status column).</summary>
    public string Returned { get; init; } = "returned";

    /// <summary>A yes/no flag that marks the order cancelled whatever its status (Haravan's cancel status column).</summary>
    public string Cancelled { get; init; } = "cancelled";

    /// <summary>Sales channel (<c>in_store</c>, <c>website</c>, <c>marketplace</c> …).</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Line-item exports: the line's stock-keeping unit.</summary>
    public string Sku { get; init; } = "sku";

    /// <summary>Line-item exports: the line's product name.</summary>
    public string ProductName { get; init; } = "product_name";

    /// <summary>Line-item exports: the line's quantity.</summary>
    public string Quantity { get; init; } = "quantity";

    /// <summary>Line-item exports: the line's unit price.</summary>
    public string UnitPrice { get; init; } = "unit_price";

    /// <summary>Line-item exports: the line's amount (quantity × unit price after line discounts).</summary>
    public string LineTotal { get; init; } = "line_total";
}

/// <summary>Column names of the order lines file. Required: order id, sku, quantity, unit price.</summary>
public sealed record OrderLineColumns
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
public sealed record ConsentColumns
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
public sealed record InteractionColumns
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
public sealed record FeedbackColumns
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
public sealed record TicketColumns
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
public sealed record ReferralColumns
{
    /// <summary>The referring customer.</summary>
    public string ReferrerId { get; init; } = "referrer_id";

    /// <summary>The referred customer.</summary>
    public string ReferredId { get; init; } = "referred_id";

    /// <summary>When the referred customer came.</summary>
    public string At { get; init; } = "at";
}

/// <summary>Each file kind's CrmKit field names with the column names the options give them.</summary>
internal static class ColumnNames
{
    public static IReadOnlyDictionary<string, string> Of(CsvImportOptions options, ImportFileKind kind) => kind switch
    {
        ImportFileKind.Customers => Map(("customer_id", options.Customers.Id), ("name", options.Customers.Name), ("first_name", options.Customers.FirstName),
            ("last_name", options.Customers.LastName), ("created_at", options.Customers.CreatedAt), ("kind", options.Customers.Kind), ("phone", options.Customers.Phones),
            ("email", options.Customers.Emails), ("birth_date", options.Customers.BirthDate), ("gender", options.Customers.Gender), ("income_tier", options.Customers.IncomeTier),
            ("province", options.Customers.Province), ("city", options.Customers.City), ("area", options.Customers.Area), ("tags", options.Customers.Tags),
            ("source", options.Customers.Source), ("time_zone", options.Customers.TimeZone), ("stage", options.Customers.Stage)),
        ImportFileKind.Orders => Map(("order_id", options.Orders.Id), ("customer_id", options.Orders.CustomerId), ("customer_name", options.Orders.CustomerName),
            ("customer_first_name", options.Orders.CustomerFirstName), ("customer_last_name", options.Orders.CustomerLastName), ("customer_phone", options.Orders.CustomerPhone), ("customer_email", options.Orders.CustomerEmail), ("placed_at", options.Orders.PlacedAt),
            ("total", options.Orders.Total), ("currency", options.Orders.Currency), ("status", options.Orders.Status), ("returned", options.Orders.Returned), ("cancelled", options.Orders.Cancelled), ("channel", options.Orders.Channel),
            ("sku", options.Orders.Sku), ("product_name", options.Orders.ProductName), ("quantity", options.Orders.Quantity), ("unit_price", options.Orders.UnitPrice),
            ("line_total", options.Orders.LineTotal)),
        ImportFileKind.OrderLines => Map(("order_id", options.OrderLines.OrderId), ("sku", options.OrderLines.Sku), ("product_name", options.OrderLines.ProductName),
            ("quantity", options.OrderLines.Quantity), ("unit_price", options.OrderLines.UnitPrice), ("tags", options.OrderLines.Tags)),
        ImportFileKind.Consents => Map(("customer_id", options.Consents.CustomerId), ("channel", options.Consents.Channel), ("purpose", options.Consents.Purpose),
            ("status", options.Consents.Status), ("at", options.Consents.At), ("source", options.Consents.Source), ("recorded_by", options.Consents.RecordedBy)),
        ImportFileKind.Interactions => Map(("interaction_id", options.Interactions.Id), ("customer_id", options.Interactions.CustomerId), ("at", options.Interactions.At),
            ("channel", options.Interactions.Channel), ("direction", options.Interactions.Direction), ("outcome", options.Interactions.Outcome),
            ("subject", options.Interactions.Subject), ("staff_id", options.Interactions.StaffId)),
        ImportFileKind.Feedback => Map(("feedback_id", options.Feedback.Id), ("customer_id", options.Feedback.CustomerId), ("at", options.Feedback.At),
            ("kind", options.Feedback.Kind), ("score", options.Feedback.Score), ("comment", options.Feedback.Comment), ("order_id", options.Feedback.OrderId),
            ("ticket_id", options.Feedback.TicketId)),
        ImportFileKind.Tickets => Map(("ticket_id", options.Tickets.Id), ("customer_id", options.Tickets.CustomerId), ("opened_at", options.Tickets.OpenedAt),
            ("channel", options.Tickets.Channel), ("priority", options.Tickets.Priority), ("status", options.Tickets.Status), ("category", options.Tickets.Category),
            ("first_reply_at", options.Tickets.FirstReplyAt), ("solved_at", options.Tickets.SolvedAt), ("closed_at", options.Tickets.ClosedAt),
            ("assignee_id", options.Tickets.AssigneeId)),
        ImportFileKind.Referrals => Map(("referrer_id", options.Referrals.ReferrerId), ("referred_id", options.Referrals.ReferredId), ("at", options.Referrals.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a file kind."),
    };

    private static Dictionary<string, string> Map(params (string Field, string Column)[] pairs) => pairs.ToDictionary(p => p.Field, p => p.Column, StringComparer.Ordinal);
}
