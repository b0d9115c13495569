// The CSV reader as it was at commit 6ec0695 (before the import rewrite), kept as the import benchmarks' same-run
// baseline. Adapted only to compile here: renamed types, internal, CrmKit.Customers' internal helpers copied.
using System.Collections.Immutable;
using NodaTime;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Benchmarks.PreviousImport;

/// <summary>
/// Reads customers and their history from CSV files (UTF-8, a header row, columns named as in
/// <see cref="PreviousCsvImportOptions"/>). A bad field rejects its row with an <see cref="ImportIssue"/> naming the
/// file, line, column and reason; every other row is still imported, and nothing valid is changed.
/// </summary>
/// <remarks>
/// References are checked when a lookup is given: an order whose customer is unknown, or a line whose order is
/// unknown, is reported, not silently dropped. <see cref="PreviousCustomerDataSet"/> reads a whole folder this way.
/// </remarks>
internal sealed class PreviousCsvImporter
{
    private readonly PreviousCsvImportOptions _options;

    /// <summary>Creates an importer.</summary>
    public PreviousCsvImporter(PreviousCsvImportOptions? options = null) => _options = options ?? PreviousCsvImportOptions.Default;

    /// <summary>Reads customers (without history).</summary>
    public ImportResult<Customer> ReadCustomers(TextReader reader, string file)
    {
        var c = _options.Customers;
        var seen = new HashSet<CustomerId>();
        return Read(reader, file, [c.Id, c.Name, c.CreatedAt], table =>
        {
            var id = table.Id<CustomerId>(c.Id);
            var name = table.Required(c.Name);
            var createdAt = table.Instant(c.CreatedAt);
            var phones = table.List(c.Phones, text => PhoneNumber.Parse(text, _options.Phone));
            var emails = table.List(c.Emails, EmailAddress.Parse);
            var province = table.Text(c.Province);
            var city = table.Text(c.City);
            var area = table.Enum<AreaType>(c.Area);
            if (province is null && (city is not null || area is not null))
            {
                table.Fail(c.Province, "a city or area is given without a province.");
            }

            var attributes = ImmutableSortedDictionary.CreateBuilder<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var (column, (attribute, kind)) in c.Attributes)
            {
                if (ReadAttribute(table, column, kind) is { } value)
                {
                    attributes[attribute] = value;
                }
            }

            var customer = new Customer
            {
                Id = id ?? default,
                DisplayName = name ?? "?",
                CreatedAt = createdAt ?? default,
                Kind = table.Enum<CustomerKind>(c.Kind) ?? CustomerKind.Individual,
                Phones = phones,
                Emails = emails,
                BirthDate = table.Date(c.BirthDate),
                Gender = table.Enum<Gender>(c.Gender),
                IncomeTier = table.Enum<IncomeTier>(c.IncomeTier),
                Location = province is null ? null : new Location(province, city, area),
                Tags = table.List(c.Tags, t => t),
                Source = table.Enum<AcquisitionSource>(c.Source),
                TimeZone = table.Zone(c.TimeZone),
                Stage = table.Enum<LifecycleStage>(c.Stage) ?? LifecycleStage.Acquisition,
                Attributes = attributes.ToImmutable(),
            };
            if (!table.RowFailed && !seen.Add(customer.Id))
            {
                table.Fail(c.Id, $"customer '{customer.Id}' appears earlier in the file; this row was skipped.");
            }

            return customer;
        });
    }

    /// <summary>Reads orders (without lines).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="isKnownCustomer">When given, orders of other customers are reported and skipped.</param>
    public ImportResult<Order> ReadOrders(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var o = _options.Orders;
        var seen = new HashSet<OrderId>();
        return Read(reader, file, [o.Id, o.CustomerId, o.PlacedAt, o.Total], table =>
        {
            var currency = CurrencyOf(table, o.Currency);
            var order = new Order
            {
                Id = table.Id<OrderId>(o.Id) ?? default,
                CustomerId = KnownCustomer(table, o.CustomerId, isKnownCustomer),
                PlacedAt = table.Instant(o.PlacedAt) ?? default,
                Total = (currency is { } cur ? table.Amount(o.Total, cur) : null) ?? Money.Zero(_options.DefaultCurrency),
                Status = table.Enum<OrderStatus>(o.Status) ?? OrderStatus.Completed,
                Channel = table.Enum<SalesChannel>(o.Channel),
            };
            if (!table.RowFailed && !seen.Add(order.Id))
            {
                table.Fail(o.Id, $"order '{order.Id}' appears earlier in the file; this row was skipped.");
            }

            return order;
        });
    }

    /// <summary>Reads order lines, each with the id of its order.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="currencyOfOrder">The currency of each known order; lines of unknown orders are reported and skipped.</param>
    public ImportResult<(OrderId OrderId, OrderLine Line)> ReadOrderLines(TextReader reader, string file, Func<OrderId, Currency?> currencyOfOrder)
    {
        ArgumentNullException.ThrowIfNull(currencyOfOrder);
        var l = _options.OrderLines;
        return Read(reader, file, [l.OrderId, l.Sku, l.Quantity, l.UnitPrice], table =>
        {
            var orderId = table.Id<OrderId>(l.OrderId);
            var currency = orderId is { } id ? currencyOfOrder(id) : null;
            if (orderId is not null && currency is null)
            {
                table.Fail(l.OrderId, $"order '{orderId}' is not among the imported orders.");
            }

            var line = new OrderLine(
                table.Required(l.Sku) ?? "?",
                table.Integer(l.Quantity) ?? 1,
                table.Amount(l.UnitPrice, currency ?? _options.DefaultCurrency) ?? Money.Zero(currency ?? _options.DefaultCurrency),
                table.Text(l.ProductName),
                table.List(l.Tags, t => t));
            return (orderId ?? default, line);
        });
    }

    /// <summary>Reads consent decisions, each with its customer.</summary>
    public ImportResult<(CustomerId CustomerId, ConsentDecision Decision)> ReadConsents(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var k = _options.Consents;
        return Read(reader, file, [k.CustomerId, k.Channel, k.Purpose, k.Status, k.At], table =>
        {
            var customer = KnownCustomer(table, k.CustomerId, isKnownCustomer);
            var channel = table.Enum<ContactChannel>(k.Channel, required: true);
            var purpose = table.Enum<ContactPurpose>(k.Purpose, required: true);
            var status = table.Enum<ConsentStatus>(k.Status, required: true);
            var at = table.Instant(k.At);
            if (channel == ContactChannel.InPerson)
            {
                table.Fail(k.Channel, "in-person contact needs no consent.");
            }

            return table.RowFailed
                ? default
                : (customer, new ConsentDecision(channel!.Value, purpose!.Value, status!.Value, at!.Value, table.Text(k.Source), table.Text(k.RecordedBy)));
        });
    }

    /// <summary>Reads interactions.</summary>
    public ImportResult<Interaction> ReadInteractions(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var i = _options.Interactions;
        return Read(reader, file, [i.Id, i.CustomerId, i.At, i.Channel, i.Direction, i.Outcome], table => new Interaction
        {
            Id = table.Id<InteractionId>(i.Id) ?? default,
            CustomerId = KnownCustomer(table, i.CustomerId, isKnownCustomer),
            At = table.Instant(i.At) ?? default,
            Channel = table.Enum<ContactChannel>(i.Channel, required: true) ?? default,
            Direction = table.Enum<InteractionDirection>(i.Direction, required: true) ?? default,
            Outcome = table.Enum<InteractionOutcome>(i.Outcome, required: true) ?? default,
            Subject = table.Text(i.Subject),
            StaffId = table.Text(i.StaffId),
        });
    }

    /// <summary>Reads feedback.</summary>
    public ImportResult<Feedback> ReadFeedback(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var f = _options.Feedback;
        return Read(reader, file, [f.Id, f.CustomerId, f.At, f.Kind, f.Score], table =>
        {
            var id = table.Id<FeedbackId>(f.Id);
            var customer = KnownCustomer(table, f.CustomerId, isKnownCustomer);
            var at = table.Instant(f.At);
            var kind = table.Enum<FeedbackKind>(f.Kind, required: true);
            var score = table.Integer(f.Score);
            if (kind is { } k && score is { } s && (s < Feedback.ScaleOf(k).Min || s > Feedback.ScaleOf(k).Max))
            {
                table.Fail(f.Score, $"{s} is outside the {PreviousEnumText.Format(k)} scale {Feedback.ScaleOf(k).Min}..{Feedback.ScaleOf(k).Max}.");
            }

            return table.RowFailed
                ? null!
                : new Feedback(id!.Value, customer, at!.Value, kind!.Value, score!.Value)
                {
                    Comment = table.Text(f.Comment),
                    OrderId = table.Id<OrderId>(f.OrderId, required: false),
                    TicketId = table.Id<TicketId>(f.TicketId, required: false),
                };
        });
    }

    /// <summary>Reads support tickets.</summary>
    public ImportResult<SupportTicket> ReadTickets(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var t = _options.Tickets;
        return Read(reader, file, [t.Id, t.CustomerId, t.OpenedAt, t.Channel], table => new SupportTicket
        {
            Id = table.Id<TicketId>(t.Id) ?? default,
            CustomerId = KnownCustomer(table, t.CustomerId, isKnownCustomer),
            OpenedAt = table.Instant(t.OpenedAt) ?? default,
            Channel = table.Enum<ContactChannel>(t.Channel, required: true) ?? default,
            Priority = table.Enum<TicketPriority>(t.Priority) ?? TicketPriority.Normal,
            Status = table.Enum<TicketStatus>(t.Status) ?? TicketStatus.New,
            Category = table.Text(t.Category),
            FirstReplyAt = table.Instant(t.FirstReplyAt, required: false),
            SolvedAt = table.Instant(t.SolvedAt, required: false),
            ClosedAt = table.Instant(t.ClosedAt, required: false),
            AssigneeId = table.Text(t.AssigneeId),
        }.Validate());
    }

    /// <summary>Reads referrals.</summary>
    public ImportResult<Referral> ReadReferrals(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
    {
        var r = _options.Referrals;
        return Read(reader, file, [r.ReferrerId, r.ReferredId, r.At], table =>
        {
            var referrer = KnownCustomer(table, r.ReferrerId, isKnownCustomer);
            var referred = KnownCustomer(table, r.ReferredId, isKnownCustomer);
            var at = table.Instant(r.At);
            if (!table.RowFailed && referrer == referred)
            {
                table.Fail(r.ReferredId, "a customer cannot refer themselves.");
            }

            return table.RowFailed ? null! : new Referral(referrer, referred, at!.Value);
        });
    }

    private ImportResult<T> Read<T>(TextReader reader, string file, string[] required, Func<PreviousCsvTable, T> readRow)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        var issues = new List<ImportIssue>();
        var records = ImmutableArray.CreateBuilder<T>();
        using (var table = new PreviousCsvTable(reader, file, _options, issues))
        {
            if (table.ReadHeader(required))
            {
                while (table.NextRow())
                {
                    T record;
                    try
                    {
                        record = readRow(table);
                    }
                    catch (InvalidValueException ex) when (table.RowFailed)
                    {
                        _ = ex; // a model check tripped over a field already reported; the row is skipped
                        continue;
                    }
                    catch (CrmKitException ex)
                    {
                        table.Fail(ex is InvalidValueException iv ? iv.Field : null, ex.Message);
                        continue;
                    }

                    if (!table.RowFailed)
                    {
                        records.Add(record);
                    }
                }
            }
        }

        return new ImportResult<T>(records.ToImmutable(), [.. issues]);
    }

    private Currency? CurrencyOf(PreviousCsvTable table, string column)
    {
        var code = table.Text(column);
        if (code is null)
        {
            return _options.DefaultCurrency;
        }

        if (Currency.TryFromCode(code, out var currency))
        {
            return currency;
        }

        table.Fail(column, $"'{code}' is not a known ISO 4217 currency code.");
        return null;
    }

    private static CustomerId KnownCustomer(PreviousCsvTable table, string column, Func<CustomerId, bool>? isKnown)
    {
        var id = table.Id<CustomerId>(column);
        if (id is { } known && isKnown is not null && !isKnown(known))
        {
            table.Fail(column, $"customer '{known}' is not among the imported customers.");
        }

        return id ?? default;
    }

    private static AttributeValue? ReadAttribute(PreviousCsvTable table, string column, AttributeKind kind) => kind switch
    {
        AttributeKind.Text => table.Text(column) is { } text ? AttributeValue.Text(text) : null,
        AttributeKind.Number => table.Decimal(column, required: false) is { } number ? AttributeValue.Number(number) : null,
        AttributeKind.Boolean => table.Parse(column, false, text => bool.TryParse(text, out var b) ? b : text is "1" or "0" ? text == "1" : throw new InvalidValueException(column, $"'{text}' is not true/false or 1/0.")) is { } flag ? AttributeValue.Boolean(flag) : null,
        AttributeKind.Date => table.Date(column) is { } date ? AttributeValue.Date(date) : null,
        _ => table.Instant(column, required: false) is { } instant ? AttributeValue.Instant(instant) : null,
    };
}
