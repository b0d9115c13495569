using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Customers.Import;

/// <summary>
/// Writes customers and their history as CSV in exactly the layout <see cref="CsvImporter"/> reads (same column
/// names and options), so that export followed by import gives back equal customers. Instants are written in the
/// shop's zone with their offset (<c>2025-01-29T10:15:00+07:00</c>), enum values in snake case. Text that a spreadsheet
/// could run as a formula is written with a leading apostrophe (<see cref="SpreadsheetSafety"/>), which the import
/// removes again.
/// </summary>
public sealed class CsvExporter
{
    private static readonly OffsetDateTimePattern InstantText = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");
    private readonly CsvImportOptions _options;

    /// <summary>Creates an exporter.</summary>
    public CsvExporter(CsvImportOptions? options = null) => _options = options ?? CsvImportOptions.Default;

    /// <summary>Writes the customers file.</summary>
    public void WriteCustomers(TextWriter writer, IEnumerable<Customer> customers)
    {
        var c = _options.Customers;
        Write(writer, [c.Id, c.Name, c.Kind, c.CreatedAt, c.Phones, c.Emails, c.BirthDate, c.Gender, c.IncomeTier, c.Province, c.City, c.Area, c.Tags, c.Source, c.TimeZone, c.Stage, .. c.Attributes.Keys.Order(StringComparer.Ordinal)],
            customers, customer =>
            [
                customer.Id.Value, customer.DisplayName, Enum(customer.Kind), Instant(customer.CreatedAt),
                List(customer.Phones.Select(p => p.Format(PhoneNumberFormat.E164))), List(customer.Emails.Select(e => e.Value)),
                Date(customer.BirthDate), Enum(customer.Gender), Enum(customer.IncomeTier), customer.Location?.Province, customer.Location?.City,
                Enum(customer.Location?.Area), List(customer.Tags), Enum(customer.Source), customer.TimeZone?.Id, customer.StageRecorded ? Enum(customer.Stage) : null,
                .. c.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => customer.Attributes.TryGetValue(a.Value.Name, out var v) ? v.ToString() : null),
            ]);
    }

    /// <summary>Writes the orders file.</summary>
    public void WriteOrders(TextWriter writer, IEnumerable<Order> orders)
    {
        var o = _options.Orders;
        Write(writer, [o.Id, o.CustomerId, o.PlacedAt, o.Total, o.Currency, o.Status, o.Channel], orders, order =>
            [order.Id.Value, order.CustomerId.Value, Instant(order.PlacedAt), Number(order.Total.Amount), order.Total.Currency.Code, Enum(order.Status), Enum(order.Channel)]);
    }

    /// <summary>Writes the order lines file.</summary>
    public void WriteOrderLines(TextWriter writer, IEnumerable<Order> orders)
    {
        var l = _options.OrderLines;
        Write(writer, [l.OrderId, l.Sku, l.ProductName, l.Quantity, l.UnitPrice, l.Tags], orders.SelectMany(o => o.Lines.Select(line => (o.Id, line))), x =>
            [x.Id.Value, x.line.Sku, x.line.ProductName, x.line.Quantity.ToString(CultureInfo.InvariantCulture), Number(x.line.UnitPrice.Amount), List(x.line.Tags)]);
    }

    /// <summary>Writes the consents file: every decision of every ledger, oldest first per customer.</summary>
    public void WriteConsents(TextWriter writer, IEnumerable<Customer> customers)
    {
        var k = _options.Consents;
        Write(writer, [k.CustomerId, k.Channel, k.Purpose, k.Status, k.At, k.Source, k.RecordedBy], customers.SelectMany(c => c.Consents.Select(d => (c.Id, d))), x =>
            [x.Id.Value, Enum(x.d.Channel), Enum(x.d.Purpose), Enum(x.d.Status), Instant(x.d.At), x.d.Source, x.d.RecordedBy]);
    }

    /// <summary>Writes the interactions file.</summary>
    public void WriteInteractions(TextWriter writer, IEnumerable<Interaction> interactions)
    {
        var i = _options.Interactions;
        Write(writer, [i.Id, i.CustomerId, i.At, i.Channel, i.Direction, i.Outcome, i.Subject, i.StaffId], interactions, x =>
            [x.Id.Value, x.CustomerId.Value, Instant(x.At), Enum(x.Channel), Enum(x.Direction), Enum(x.Outcome), x.Subject, x.StaffId]);
    }

    /// <summary>Writes the feedback file.</summary>
    public void WriteFeedback(TextWriter writer, IEnumerable<Feedback> feedback)
    {
        var f = _options.Feedback;
        Write(writer, [f.Id, f.CustomerId, f.At, f.Kind, f.Score, f.Comment, f.OrderId, f.TicketId], feedback, x =>
            [x.Id.Value, x.CustomerId.Value, Instant(x.At), Enum(x.Kind), x.Score.ToString(CultureInfo.InvariantCulture), x.Comment, x.OrderId?.Value, x.TicketId?.Value]);
    }

    /// <summary>Writes the tickets file.</summary>
    public void WriteTickets(TextWriter writer, IEnumerable<SupportTicket> tickets)
    {
        var t = _options.Tickets;
        Write(writer, [t.Id, t.CustomerId, t.OpenedAt, t.Channel, t.Priority, t.Status, t.Category, t.FirstReplyAt, t.SolvedAt, t.ClosedAt, t.AssigneeId], tickets, x =>
            [x.Id.Value, x.CustomerId.Value, Instant(x.OpenedAt), Enum(x.Channel), Enum(x.Priority), Enum(x.Status), x.Category, Instant(x.FirstReplyAt), Instant(x.SolvedAt), Instant(x.ClosedAt), x.AssigneeId]);
    }

    /// <summary>Writes the referrals file.</summary>
    public void WriteReferrals(TextWriter writer, IEnumerable<Referral> referrals)
    {
        var r = _options.Referrals;
        Write(writer, [r.ReferrerId, r.ReferredId, r.At], referrals, x => [x.ReferrerId.Value, x.ReferredId.Value, Instant(x.At)]);
    }

    private void Write<T>(TextWriter writer, string[] header, IEnumerable<T> rows, Func<T, string?[]> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = (_options.Format.Delimiter ?? ',').ToString(), NewLine = "\n" };
        using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var name in header)
        {
            csv.WriteField(SpreadsheetSafety.Cell(name));
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in fields(row))
            {
                csv.WriteField(SpreadsheetSafety.Cell(field) ?? string.Empty);
            }

            csv.NextRecord();
        }
    }

    private string? Instant(Instant? instant) => instant is { } i ? InstantText.Format(i.InZone(_options.ShopTimeZone).ToOffsetDateTime()) : null;

    private static string? Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Enum<TEnum>(TEnum? value)
        where TEnum : struct, System.Enum
        => value is { } v ? EnumText.Format(v) : null;

    private static string Enum<TEnum>(TEnum value)
        where TEnum : struct, System.Enum
        => EnumText.Format(value);

    private string List(IEnumerable<string> items) => string.Join(_options.ListSeparator, items);
}
