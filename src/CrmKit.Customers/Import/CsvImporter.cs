using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Import.Tabular;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Reads customers and their history from CSV text (columns named as in <see cref="CsvImportOptions"/>, or mapped by
/// <see cref="CsvImportOptions.Mapping"/>). A bad required field rejects its row with an <see cref="ImportIssue"/>
/// naming the file, physical line, column and reason; a bad optional field is a warning that leaves the field unset
/// and keeps the row. Nothing valid is dropped or read with another meaning than written.
/// </summary>
/// <remarks>
/// References are checked when a lookup is given: an order whose customer is unknown, or a line whose order is
/// unknown, is reported, not silently dropped. <see cref="CustomerDataSet"/> reads whole exports (CSV or Excel, any
/// encoding, orders-only files, line-item exports, guest sales) this way.
/// </remarks>
public sealed class CsvImporter
{
    private readonly CsvImportOptions _options;

    /// <summary>Creates an importer.</summary>
    public CsvImporter(CsvImportOptions? options = null)
    {
        _options = options ?? CsvImportOptions.Default;
        _parsePhone = ParsePhone;
    }

    // ParsePhone as one delegate for every row (a method group makes a new delegate at each use).
    private readonly Func<string, PhoneNumber> _parsePhone;

    internal CsvImportOptions Options => _options;

    /// <summary>
    /// Reads customers (without history). A row needs a customer id, a phone or an email, and a creation time unless
    /// <see cref="CsvImportOptions.ExportedAt"/> is given (customers without one are then created at that instant).
    /// </summary>
    public ImportResult<Customer> ReadCustomers(TextReader reader, string file)
        => Collect(reader, file, ImportFileKind.Customers, (table, issues) => ReadCustomers(table, _options.ExportedAt).Select(c => c.Customer), (c, fields) => WithoutRetracted(c, fields, _options.ExportedAt));

    /// <summary>Reads orders (lines of line-item exports included); rows that name no customer id are reported.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="isKnownCustomer">When given, orders of other customers are reported and skipped.</param>
    public ImportResult<Order> ReadOrders(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Orders, (table, issues) =>
        {
            var orders = new List<Order>();
            foreach (var draft in ReadOrders(table, DataLimits.EarliestInstant))
            {
                if (draft.Customer.Id is not { } id)
                {
                    issues.Add(new ImportIssue(file, draft.Line, table.Binding.ColumnName("customer_id"), "the order names no customer id; read the file with CustomerDataSet to join orders by phone or email and to count guest sales.") { Kind = ImportIssueKind.OrderWithoutCustomerId });
                }
                else if (isKnownCustomer is not null && !isKnownCustomer(id))
                {
                    issues.Add(new ImportIssue(file, draft.Line, table.Binding.ColumnName("customer_id"), $"customer '{id}' is not among the imported customers.") { Kind = ImportIssueKind.UnknownCustomer, Arguments = [id.Value] });
                }
                else
                {
                    orders.Add(ToOrder(draft, id));
                }
            }

            return orders;
        });

    /// <summary>Reads order lines, each with the id of its order.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="currencyOfOrder">The currency of each known order; lines of unknown orders are reported and skipped.</param>
    public ImportResult<(OrderId OrderId, OrderLine Line)> ReadOrderLines(TextReader reader, string file, Func<OrderId, Currency?> currencyOfOrder)
    {
        ArgumentNullException.ThrowIfNull(currencyOfOrder);
        return Collect(reader, file, ImportFileKind.OrderLines, (table, _) => ReadOrderLines(table, currencyOfOrder));
    }

    /// <summary>Reads consent decisions, each with its customer.</summary>
    public ImportResult<(CustomerId CustomerId, ConsentDecision Decision)> ReadConsents(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Consents, (table, _) => ReadConsents(table, Canonical(isKnownCustomer)));

    /// <summary>Reads interactions.</summary>
    public ImportResult<Interaction> ReadInteractions(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Interactions, (table, _) => ReadInteractions(table, Canonical(isKnownCustomer)));

    /// <summary>Reads feedback.</summary>
    public ImportResult<Feedback> ReadFeedback(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Feedback, (table, _) => ReadFeedback(table, Canonical(isKnownCustomer)));

    /// <summary>Reads support tickets.</summary>
    public ImportResult<SupportTicket> ReadTickets(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Tickets, (table, _) => ReadTickets(table, Canonical(isKnownCustomer)));

    /// <summary>Reads referrals.</summary>
    public ImportResult<Referral> ReadReferrals(TextReader reader, string file, Func<CustomerId, bool>? isKnownCustomer = null)
        => Collect(reader, file, ImportFileKind.Referrals, (table, _) => ReadReferrals(table, Canonical(isKnownCustomer)));

    internal static readonly string[] LineFields = ["sku", "product_name", "quantity", "unit_price", "line_total"];

    /// <summary>Customers of a customers file, each with whether its creation time was given.</summary>
    internal IEnumerable<ImportedCustomer> ReadCustomers(ImportTable table, Instant? exportedAt)
    {
        if (!table.CheckHeader(exportedAt is null ? ["created_at"] : []))
        {
            yield break;
        }

        if (!table.Binding.Has("name") && !table.Binding.Has("first_name") && !table.Binding.Has("last_name"))
        {
            table.WarnHeader($"no column holds the customers' names, so each is shown by its id. {table.Binding.DescribeMissing("name", required: false)}");
        }

        if (!table.Binding.Has("customer_id") && !table.Binding.Has("phone") && !table.Binding.Has("email"))
        {
            table.CheckHeader("customer_id");
            yield break;
        }

        var seen = new Dictionary<CustomerId, int>();
        var attributes = _options.Customers.Attributes;
        while (table.Next())
        {
            var phones = table.List("phone", _parsePhone);
            var emails = table.List("email", EmailAddress.Parse);
            var id = table.Id<CustomerId>("customer_id", FieldUse.Optional) ?? KeyOf(phones, emails);
            if (id is null)
            {
                table.Fail("customer_id", table.Binding.Has("customer_id")
                    ? "the row has no customer id, phone or email to know the customer by; the row was skipped."
                    : "the row has no phone or email to know the customer by; the row was skipped.");
                continue;
            }

            var province = table.Text("province");
            var city = table.Text("city");
            var area = table.Enum<AreaType>("area");
            LifecycleStage? stage; // read in the initializer below, so its problems keep their column order
            if (province is null && (city is not null || area is not null))
            {
                table.Warn("province", "a city or area is given without a province; the location was left empty.");
                city = null;
                area = null;
            }

            var custom = Customer.NoAttributes; // one empty instance for every customer without attributes
            foreach (var (column, (attribute, kind)) in attributes)
            {
                if (ReadAttribute(table, column, kind) is { } value)
                {
                    custom = custom.SetItem(attribute, value);
                }
            }

            var createdAt = table.Instant("created_at", exportedAt is null ? FieldUse.Required : FieldUse.Optional);

            var name = table.Text("name") ?? JoinName(table.Text("first_name"), table.Text("last_name"));
            Customer customer;
            try
            {
                customer = new Customer
                {
                    Id = id.Value,
                    DisplayName = name ?? id.Value.Value,
                    CreatedAt = createdAt ?? exportedAt ?? DataLimits.EarliestInstant, // a row without a valid created_at is rejected: never kept
                    Kind = table.Enum<CustomerKind>("kind") ?? CustomerKind.Individual,
                    Phones = phones.Length < 2 ? phones : [.. phones.Distinct()],
                    Emails = emails.Length < 2 ? emails : [.. emails.Distinct()],
                    BirthDate = table.Date("birth_date"),
                    Gender = table.Enum<Gender>("gender"),
                    IncomeTier = table.Enum<IncomeTier>("income_tier"),
                    Location = province is null ? null : table.Reuse(new Location(province, city, area)),
                    Tags = table.Tags("tags"),
                    Source = table.Enum<AcquisitionSource>("source"),
                    TimeZone = table.TimeZone("time_zone"),
                    Stage = (stage = table.Enum<LifecycleStage>("stage")) ?? LifecycleStage.Acquisition,
                    StageRecorded = stage is not null,
                    Attributes = custom,
                    Consents = ConsentLedger.From(table.Consents(exportedAt ?? createdAt ?? DataLimits.EarliestInstant, table.File)),
                };
            }
            catch (InvalidValueException) when (table.RowFailed)
            {
                continue; // a model check tripped over a field already reported; the row is skipped
            }
            catch (CrmKitException ex)
            {
                table.Fail(ex is InvalidValueException iv ? iv.Field : null, ex.Message);
                continue;
            }

            if (table.RowFailed)
            {
                continue;
            }

            if (!seen.TryAdd(customer.Id, table.Line))
            {
                table.Fail("customer_id", Repeated("customer", customer.Id.Value, seen[customer.Id]));
                continue;
            }

            yield return new ImportedCustomer(customer, createdAt is not null, table.Line);
        }
    }

    /// <summary>
    /// The orders of an orders file as drafts (customer not yet resolved). In a line-item export (the file has line
    /// columns) the rows of one order id form one order; elsewhere a repeated order id is rejected.
    /// </summary>
    internal IEnumerable<OrderDraft> ReadOrders(ImportTable table, Instant exportedAt)
    {
        var mapping = _options.Mapping.For(ImportFileKind.Orders);
        if (!table.CheckHeader("placed_at"))
        {
            return [];
        }

        var readLines = LineFields.Any(table.Binding.Has);
        var amountSource = mapping.Amount ?? (table.Binding.Has("total") ? OrderAmountSource.Total : OrderAmountSource.Lines);
        if (amountSource == OrderAmountSource.Total && !table.CheckHeader("total"))
        {
            return [];
        }

        if (amountSource == OrderAmountSource.Lines && !table.Binding.Has("line_total"))
        {
            // Without a total the amount is the lines'; a file with no line columns at all simply lacks its total.
            if (mapping.Amount is null && !LineFields.Any(table.Binding.Has))
            {
                table.CheckHeader("total");
                return [];
            }

            if (!table.CheckHeader("quantity", "unit_price"))
            {
                return [];
            }
        }

        var drafts = new Dictionary<OrderId, OrderDraft>();
        var order = new List<OrderDraft>();
        // Without an order id column (a purchase log), each row is one order, known by its line; with one, the rows
        // of an id in a file with line columns are that order's lines.
        var hasIds = table.Binding.Has("order_id");
        var lineItems = readLines && hasIds;
        while (table.Next())
        {
            var id = hasIds ? table.Id<OrderId>("order_id") : new OrderId(string.Create(CultureInfo.InvariantCulture, $"{table.File}:{table.Line}"));
            if (id is null)
            {
                continue;
            }

            if (drafts.TryGetValue(id.Value, out var draft))
            {
                if (!lineItems)
                {
                    table.Fail("order_id", Repeated("order", id.Value.Value, draft.Line));
                    continue;
                }
            }
            else
            {
                draft = new OrderDraft(id.Value, table.Line);
                drafts[id.Value] = draft;
                order.Add(draft);
            }

            ReadOrderRow(table, draft, readLines, amountSource, mapping, exportedAt);
            draft.LastLine = table.Line;
            draft.AddRow(table.Line);
            if (table.RowFailed && !draft.Failed)
            {
                draft.Failed = true;
                if (lineItems && draft.RowCount > 1)
                {
                    table.Fail(null, $"order '{draft.Id}' was not imported, because one of its rows was rejected.");
                }
            }

            if (draft.Failed)
            {
                table.RejectLines(draft.RowLines);
            }
        }

        // A value read two ways on one of an order's rows, in a column that turned out to mix both ways: the order is
        // not imported, as when one of its rows is rejected while it is read.
        if (table.Retracted.Count > 0 || table.HasRetractedFields)
        {
            foreach (var draft in order)
            {
                if (!draft.Failed && draft.RowLines.Any(l => table.Retracted.Contains(l) || table.RetractedFields(l).Count > 0))
                {
                    draft.Failed = true;
                    if (draft.RowCount > 1)
                    {
                        table.Issues.Add(new ImportIssue(table.File, draft.Line, null, $"order '{draft.Id}' was not imported, because one of its rows was rejected.") { Severity = ImportIssueSeverity.Error });
                    }

                    table.RejectLines(draft.RowLines);
                }
            }
        }

        return order.Where(d => !d.Failed && Complete(table, d, amountSource, mapping));
    }

    /// <summary>A customer without the optional fields whose values were retracted at the end of its file (<see cref="ImportTable.RetractedFields"/>).</summary>
    internal Customer WithoutRetracted(Customer customer, IReadOnlyList<string> fields, Instant? exportedAt)
    {
        var attributes = customer.Attributes;
        foreach (var field in fields)
        {
            if (field.StartsWith('#') && _options.Customers.Attributes.TryGetValue(field[1..], out var attribute))
            {
                attributes = attributes.Remove(attribute.Name);
            }
        }

        return customer with
        {
            BirthDate = fields.Contains("birth_date") ? null : customer.BirthDate,
            CreatedAt = fields.Contains("created_at") && exportedAt is { } exported ? exported : customer.CreatedAt,
            Attributes = attributes,
        };
    }

    private void ReadOrderRow(ImportTable table, OrderDraft draft, bool lineItems, OrderAmountSource amountSource, FileMapping mapping, Instant exportedAt)
    {
        // Order-level fields come from the order's first row that has them (continuation rows leave them empty).
        if (draft.Customer.IsEmpty && !draft.Customer.Guest)
        {
            draft.Customer = ReadCustomerReference(table, mapping);
        }

        draft.PlacedAt ??= table.Instant("placed_at", draft.PlacedAt is null && draft.Line == table.Line ? FieldUse.Required : FieldUse.Significant);
        if (draft.Currency is null)
        {
            var code = table.Text("currency");
            if (code is not null)
            {
                if (CurrencyText.TryResolve(code, out var currency))
                {
                    draft.Currency = currency;
                }
                else
                {
                    table.Fail("currency", $"'{code}' is not a known ISO 4217 currency code such as VND or USD.");
                    return;
                }
            }
            else if (table.CurrencyMark("total") is { } mark && CurrencyText.TryResolve(mark, out var marked))
            {
                draft.Currency = marked;
            }
        }

        var orderCurrency = draft.Currency ?? table.Currency;
        if (amountSource == OrderAmountSource.Total && draft.Total is null && table.Text("total") is not null)
        {
            draft.Total = table.Amount("total", orderCurrency, FieldUse.Required);
        }

        draft.Status ??= table.Enum<OrderStatus>("status", FieldUse.Significant);
        if (table.Flag("cancelled") == true)
        {
            draft.Status = OrderStatus.Cancelled;
        }
        else if (table.Flag("returned") == true && draft.Status != OrderStatus.Cancelled)
        {
            draft.Status = OrderStatus.Returned;
        }

        draft.Channel ??= table.Enum<SalesChannel>("channel");
        draft.AddConsents(table.Consents(exportedAt, table.File));
        if (!lineItems)
        {
            return;
        }

        var quantity = table.Binding.Has("quantity") ? table.Integer("quantity", amountSource == OrderAmountSource.Lines && !table.Binding.Has("line_total") ? FieldUse.Required : FieldUse.Significant) : 1;
        var unitPrice = table.Binding.Has("unit_price") ? table.Amount("unit_price", orderCurrency, FieldUse.Significant) : null;
        var lineTotal = table.Binding.Has("line_total") ? table.Amount("line_total", orderCurrency, FieldUse.Significant) : null;
        if (table.RowFailed)
        {
            return;
        }

        var amount = lineTotal?.Amount ?? (quantity is { } q && unitPrice is { } p ? q * p.Amount : null);
        if (amount is { } a)
        {
            draft.LinesAmount += a;
            draft.HasLineAmounts = true;
        }
        else if (amountSource == OrderAmountSource.Lines)
        {
            table.Fail(table.Binding.Has("line_total") ? "line_total" : "unit_price", "the line has no amount (quantity × unit price), and the order's amount is the sum of its lines.");
            return;
        }

        var sku = table.Text("sku") ?? table.Text("product_name");
        if (sku is not null && quantity is { } qty && qty != 0)
        {
            var price = unitPrice ?? (lineTotal is { } lt ? new Money(Math.Abs(lt.Amount) / Math.Abs(qty), orderCurrency) : Money.Zero(orderCurrency));
            if (price.IsNegative)
            {
                price = new Money(-price.Amount, price.Currency);
            }

            try
            {
                draft.AddLine(table.Reuse(new OrderLine(sku, Math.Abs(qty), price, table.Text("product_name"))));
            }
            catch (InvalidValueException ex)
            {
                table.Warn(ex.Field, $"{ex.Reason} The line was not recorded; the order's amount is kept.");
            }
        }
    }

    private CustomerReference ReadCustomerReference(ImportTable table, FileMapping mapping)
    {
        var idText = table.Text("customer_id");
        var name = table.Text("customer_name") ?? JoinName(table.Text("customer_first_name"), table.Text("customer_last_name"));
        if (IsGuest(mapping, idText) || (idText is null && IsGuest(mapping, name)))
        {
            return new CustomerReference(null, null, null, name, Guest: true);
        }

        var id = idText is null ? null : table.Id<CustomerId>("customer_id", FieldUse.Significant);
        var phone = table.Parse<PhoneNumber>("customer_phone", FieldUse.Optional, _parsePhone);
        var email = table.Parse<EmailAddress>("customer_email", FieldUse.Optional, EmailAddress.Parse);
        var reference = new CustomerReference(id, phone, email, name, Guest: false);
        return reference.IsEmpty ? reference with { Guest = true } : reference;
    }

    // Whether an order's customer id or name is a guest placeholder: one of the mapping's guest customers or a built-in
    // walk-in word (a loop, not a lambda: every order row asks).
    private static bool IsGuest(FileMapping mapping, string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var guest in mapping.GuestCustomers)
        {
            if (ValueMapComparer.Instance.Equals(guest, text))
            {
                return true;
            }
        }

        return BuiltInValues.IsWalkIn(text);
    }

    // Settles an order's amount and status once all its rows are read.
    private static bool Complete(ImportTable table, OrderDraft draft, OrderAmountSource amountSource, FileMapping mapping)
    {
        var currency = draft.Currency ?? table.Currency;
        if (draft.PlacedAt is null)
        {
            Reject(table, draft, "placed_at", "the order has no placed-at time.");
            return false;
        }

        var amount = amountSource == OrderAmountSource.Total ? draft.Total?.Amount : draft.HasLineAmounts ? draft.LinesAmount : null;
        if (amount is null)
        {
            Reject(table, draft, amountSource == OrderAmountSource.Total ? "total" : table.Binding.Has("line_total") ? "line_total" : "unit_price", amountSource == OrderAmountSource.Total ? "the order has no total." : "the order has no lines with an amount.");
            return false;
        }

        var cancelled = mapping.CancelledOrderPrefix is { } prefix && draft.Id.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        var status = cancelled ? OrderStatus.Cancelled : draft.Status ?? OrderStatus.Completed;
        if (amount < 0)
        {
            // A negative order is money going back: a return (or the cancellation it is marked as), never negative revenue.
            if (status == OrderStatus.Completed)
            {
                status = OrderStatus.Returned;
                table.Issues.Add(new ImportIssue(table.File, draft.Line, table.Binding.ColumnName(amountSource == OrderAmountSource.Total ? "total" : "quantity"),
                    string.Create(CultureInfo.InvariantCulture, $"order '{draft.Id}' has a negative amount ({amount}); it was read as a return of {-amount} {currency.Code}."))
                {
                    Severity = ImportIssueSeverity.Warning,
                    Kind = ImportIssueKind.NegativeAmountReturn,
                    Arguments = [draft.Id.Value, amount.Value.ToString(CultureInfo.InvariantCulture), (-amount.Value).ToString(CultureInfo.InvariantCulture), currency.Code],
                });
            }

            amount = -amount;
        }

        draft.Status = status;
        draft.Total = new Money(amount.Value, currency);
        return true;
    }

    private static void Reject(ImportTable table, OrderDraft draft, string field, string reason)
    {
        table.Issues.Add(new ImportIssue(table.File, draft.Line, table.Binding.Has(field) ? table.Binding.ColumnName(field) : null, $"{reason} Order '{draft.Id}' was not imported.") { Severity = ImportIssueSeverity.Error });
        table.RejectLines(draft.RowLines);
    }

    internal static Order ToOrder(OrderDraft draft, CustomerId customer) => new PendingOrder(draft, customer, file: string.Empty).ToOrder();

    internal static IEnumerable<(OrderId OrderId, OrderLine Line)> ReadOrderLines(ImportTable table, Func<OrderId, Currency?> currencyOfOrder)
    {
        if (!table.CheckHeader("order_id", "sku", "quantity", "unit_price"))
        {
            yield break;
        }

        while (table.Next())
        {
            var orderId = table.Id<OrderId>("order_id");
            var currency = orderId is { } id ? currencyOfOrder(id) : null;
            if (orderId is not null && currency is null)
            {
                table.Fail("order_id", $"order '{orderId}' is not among the imported orders.");
            }

            var sku = table.Required("sku");
            var quantity = table.Integer("quantity");
            var price = table.Amount("unit_price", currency ?? table.Currency);
            if (table.RowFailed)
            {
                continue;
            }

            OrderLine line;
            try
            {
                line = table.Reuse(new OrderLine(sku!, quantity!.Value, price!.Value, table.Text("product_name"), table.Tags("tags")));
            }
            catch (InvalidValueException ex)
            {
                table.Fail(ex.Field, ex.Message);
                continue;
            }

            yield return (orderId!.Value, line);
        }
    }

    internal static IEnumerable<(CustomerId CustomerId, ConsentDecision Decision)> ReadConsents(ImportTable table, Func<CustomerId, CustomerId?>? knownCustomer)
        => Rows(table, ["customer_id", "channel", "purpose", "status", "at"], null, () =>
        {
            var customer = KnownCustomer(table, "customer_id", knownCustomer);
            var channel = table.Enum<ContactChannel>("channel", FieldUse.Required);
            var purpose = table.Enum<ContactPurpose>("purpose", FieldUse.Required);
            var status = table.Enum<ConsentStatus>("status", FieldUse.Required);
            var at = table.Instant("at");
            if (channel == ContactChannel.InPerson)
            {
                table.Fail("channel", "in-person contact needs no consent.");
            }

            return table.RowFailed
                ? default
                : (customer, new ConsentDecision(channel!.Value, purpose!.Value, status!.Value, at!.Value, table.Text("source"), table.Text("recorded_by")));
        });

    internal static IEnumerable<Interaction> ReadInteractions(ImportTable table, Func<CustomerId, CustomerId?>? knownCustomer)
        => Rows(table, ["interaction_id", "customer_id", "at", "channel", "direction", "outcome"], new("interaction_id", "interaction", i => i.Id.Value), () => new Interaction
        {
            Id = table.Id<InteractionId>("interaction_id") ?? default,
            CustomerId = KnownCustomer(table, "customer_id", knownCustomer),
            At = table.Instant("at") ?? default,
            Channel = table.Enum<ContactChannel>("channel", FieldUse.Required) ?? default,
            Direction = table.Enum<InteractionDirection>("direction", FieldUse.Required) ?? default,
            Outcome = table.Enum<InteractionOutcome>("outcome", FieldUse.Required) ?? default,
            Subject = table.Text("subject"),
            StaffId = table.Text("staff_id"),
        });

    internal static IEnumerable<Feedback> ReadFeedback(ImportTable table, Func<CustomerId, CustomerId?>? knownCustomer, Func<OrderId, bool>? isKnownOrder = null, Func<TicketId, bool>? isKnownTicket = null)
        => Rows(table, ["feedback_id", "customer_id", "at", "kind", "score"], new("feedback_id", "feedback", f => f.Id.Value), () =>
        {
            var id = table.Id<FeedbackId>("feedback_id");
            var customer = KnownCustomer(table, "customer_id", knownCustomer);
            var at = table.Instant("at");
            var kind = table.Enum<FeedbackKind>("kind", FieldUse.Required);
            var score = table.Integer("score");
            if (kind is { } k && score is { } s && (s < Feedback.ScaleOf(k).Min || s > Feedback.ScaleOf(k).Max))
            {
                table.Fail("score", $"{s} is outside the {EnumText.Format(k)} scale {Feedback.ScaleOf(k).Min}..{Feedback.ScaleOf(k).Max}.");
            }

            var orderId = table.Id<OrderId>("order_id", FieldUse.Optional);
            var ticketId = table.Id<TicketId>("ticket_id", FieldUse.Optional);
            if (table.RowFailed)
            {
                return null!;
            }

            // A link to an order or ticket outside the export is kept as the shop wrote it, and reported.
            if (orderId is { } o && isKnownOrder is not null && !isKnownOrder(o))
            {
                table.Warn("order_id", $"order '{o}' is not among the imported orders; the feedback was kept with that reference.");
            }

            if (ticketId is { } t && isKnownTicket is not null && !isKnownTicket(t))
            {
                table.Warn("ticket_id", $"ticket '{t}' is not among the imported tickets; the feedback was kept with that reference.");
            }

            return new Feedback(id!.Value, customer, at!.Value, kind!.Value, score!.Value)
            {
                Comment = table.Text("comment"),
                OrderId = orderId,
                TicketId = ticketId,
            };
        });

    internal static IEnumerable<SupportTicket> ReadTickets(ImportTable table, Func<CustomerId, CustomerId?>? knownCustomer)
        => Rows(table, ["ticket_id", "customer_id", "opened_at", "channel"], new("ticket_id", "ticket", t => t.Id.Value), () => new SupportTicket
        {
            Id = table.Id<TicketId>("ticket_id") ?? default,
            CustomerId = KnownCustomer(table, "customer_id", knownCustomer),
            OpenedAt = table.Instant("opened_at") ?? default,
            Channel = table.Enum<ContactChannel>("channel", FieldUse.Required) ?? default,
            Priority = table.Enum<TicketPriority>("priority", FieldUse.Significant) ?? TicketPriority.Normal,
            Status = table.Enum<TicketStatus>("status", FieldUse.Significant) ?? TicketStatus.New,
            Category = table.Text("category"),
            FirstReplyAt = table.Instant("first_reply_at", FieldUse.Significant),
            SolvedAt = table.Instant("solved_at", FieldUse.Significant),
            ClosedAt = table.Instant("closed_at", FieldUse.Significant),
            AssigneeId = table.Text("assignee_id"),
        }.Validate());

    internal static IEnumerable<Referral> ReadReferrals(ImportTable table, Func<CustomerId, CustomerId?>? knownCustomer)
        => Rows(table, ["referrer_id", "referred_id", "at"], new("referred_id", "referral", r => $"{r.ReferrerId} → {r.ReferredId}"), () =>
        {
            var referrer = KnownCustomer(table, "referrer_id", knownCustomer);
            var referred = KnownCustomer(table, "referred_id", knownCustomer);
            var at = table.Instant("at");
            if (!table.RowFailed && referrer == referred)
            {
                table.Fail("referred_id", "a customer cannot refer themselves.");
            }

            return table.RowFailed ? null! : new Referral(referrer, referred, at!.Value);
        });

    // "order 'HD1' appears earlier in the file (line 3); this row was skipped."
    private static string Repeated(string noun, string id, int line) => $"{noun} '{id}' appears earlier in the file (line {line}); this row was skipped.";

    /// <summary>The field whose value identifies a record of a file, which a second row may not repeat.</summary>
    private sealed record UniqueKey<T>(string Field, string Noun, Func<T, string> Of);

    // Reads every row of a table with a row reader; rows with a rejected field are skipped, and so is a row that
    // repeats an earlier row's key.
    private static IEnumerable<T> Rows<T>(ImportTable table, string[] required, UniqueKey<T>? unique, Func<T> readRow)
    {
        if (!table.CheckHeader(required))
        {
            yield break;
        }

        var seen = unique is null ? null : new Dictionary<string, int>(StringComparer.Ordinal);

        while (table.Next())
        {
            T record;
            try
            {
                record = readRow();
            }
            catch (InvalidValueException) when (table.RowFailed)
            {
                continue; // a model check tripped over a field already reported; the row is skipped
            }
            catch (CrmKitException ex)
            {
                table.Fail(ex is InvalidValueException iv ? iv.Field : null, ex.Message);
                continue;
            }

            if (table.RowFailed)
            {
                continue;
            }

            if (unique is not null && !seen!.TryAdd(unique.Of(record), table.Line))
            {
                var key = unique.Of(record);
                table.Fail(unique.Field, Repeated(unique.Noun, key, seen[key]));
                continue;
            }

            yield return record;
        }
    }

    // An orders file's records span rows and are checked whole at its end (ReadOrders); any other file's are one per row.
    private ImportResult<T> Collect<T>(TextReader reader, string file, ImportFileKind kind, Func<ImportTable, List<ImportIssue>, IEnumerable<T>> read, Func<T, IReadOnlyList<string>, T>? clear = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        var issues = new List<ImportIssue>();
        using var table = new ImportTable(TabularSource.Open(reader, file, _options.FormatOf(kind), issues), kind, _options, issues);
        var records = kind == ImportFileKind.Orders ? read(table, issues).ToImmutableArray() : [.. table.OnePerRow(read(table, issues), clear)];
        return new ImportResult<T>(records, [.. issues.OrderBy(i => i.Line)]);
    }

    // A leading apostrophe is Excel's mark for "keep this number as text" ('0912345678), not part of the number.
    private PhoneNumber ParsePhone(string text) => PhoneNumber.Parse(text.StartsWith('\'') ? text[1..] : text, _options.Phone);

    private static CustomerId? KeyOf(ImmutableArray<PhoneNumber> phones, ImmutableArray<EmailAddress> emails)
        => !phones.IsEmpty ? new CustomerId(phones[0].E164) : !emails.IsEmpty ? new CustomerId(emails[0].Value) : null;

    private static string? JoinName(string? first, string? last)
        => first is null ? last : last is null ? first : $"{first} {last}";

    // A customer id of a history file, as the customers read spell it (one string per customer, not one per row); a
    // customer that was not read is reported.
    private static CustomerId KnownCustomer(ImportTable table, string field, Func<CustomerId, CustomerId?>? known)
    {
        var id = table.Id<CustomerId>(field);
        if (id is not { } read || known is null)
        {
            return id ?? default;
        }

        if (known(read) is { } canonical)
        {
            return canonical;
        }

        table.Fail(field, $"customer '{read}' is not among the imported customers.");
        return read;
    }

    private static Func<CustomerId, CustomerId?>? Canonical(Func<CustomerId, bool>? isKnown)
        => isKnown is null ? null : id => isKnown(id) ? id : null;

    private static AttributeValue? ReadAttribute(ImportTable table, string column, AttributeKind kind)
    {
        var text = table.RawColumn(column);
        if (text is null)
        {
            return null;
        }

        return kind switch
        {
            AttributeKind.Text => AttributeValue.Text(text),
            AttributeKind.Number => table.ColumnNumber(column, text) is { } number ? AttributeValue.Number(number) : null,
            AttributeKind.Boolean => bool.TryParse(text, out var b) ? AttributeValue.Boolean(b)
                : text is "1" or "0" ? AttributeValue.Boolean(text == "1")
                : Warned(table, column, $"'{text}' is not true/false or 1/0."),
            AttributeKind.Date => table.ColumnDate(column, text) is { } date ? AttributeValue.Date(date) : null,
            _ => table.ColumnInstant(column, text) is { } instant ? AttributeValue.Instant(instant) : null,
        };
    }

    private static AttributeValue? Warned(ImportTable table, string column, string reason)
    {
        table.WarnColumn(column, reason + " The attribute was left empty; the row was kept.");
        return null;
    }
}

/// <summary>A customer read from a customers file, with whether the file gave its creation time, and its line.</summary>
internal sealed record ImportedCustomer(Customer Customer, bool HasCreatedAt, int Line);
