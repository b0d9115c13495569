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
