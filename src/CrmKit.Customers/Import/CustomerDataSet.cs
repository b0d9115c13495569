using System.Collections.Immutable;
using System.Text;
using CrmKit.Customers.Import.Tabular;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Customers with their whole history, read from a shop's export — CSV in any encoding and delimiter, or Excel — with
/// every rejected row and every field left unset reported, the guest sales counted apart, and how each file was read.
/// </summary>
/// <remarks>
/// <para>With a customers file, orders join their customer by id, else by normalised phone, else by normalised email.
/// Without one, the customers are derived from the orders by the same identity: name, phone and email from the
/// orders, created at the first order. Rows with the same customer id are always one customer; a row without an id
/// joins a customer by phone or email only if its name is compatible with that customer's
/// (<see cref="Identity.DuplicateFinder.NamesCompatible"/>, the rule the duplicate finder merges by): a family phone
/// given with another person's name makes another customer (id: the phone, then <c>#2</c>, <c>#3</c> …). An order that names a customer missing from the customers file creates that
/// customer (with a warning) rather than being dropped. An order with no customer is a <see cref="GuestSale"/>.</para>
/// <para>A customer's orders share one currency: an order in another currency is rejected at its line, the rest kept.</para>
/// </remarks>
public sealed class CustomerDataSet
{
    private CustomerDataSet(ImmutableArray<Customer> customers, ImmutableArray<ImportIssue> issues, ImmutableArray<GuestSale> guestSales, ImmutableArray<ImportedFile> files, int issueCount, ImmutableArray<ImportIssueGroup> issueGroups)
    {
        Customers = customers;
        Issues = issues;
        IssueCount = issueCount;
        IssueGroups = issueGroups;
        GuestSales = guestSales;
        Files = files;
    }

    /// <summary>The customers, sorted by id, each with its history.</summary>
    public ImmutableArray<Customer> Customers { get; }

    /// <summary>
    /// The retained rejected rows and fields left unset (<see cref="ImportIssue.Severity"/>), by file in reading order
    /// and by line: every one up to <see cref="CsvImportOptions.MaxRetainedIssuesPerFile"/> per file (default 1,000),
    /// the first ones found beyond. <see cref="IssueCount"/> and <see cref="IssueGroups"/> count them all;
    /// <see cref="CsvImportOptions.OnIssue"/> receives them all.
    /// </summary>
    public ImmutableArray<ImportIssue> Issues { get; }

    /// <summary>How many issues the import found in all (retained in <see cref="Issues"/> or not).</summary>
    public int IssueCount { get; }

    /// <summary>
    /// Every issue grouped by file, column, severity and reason (as <see cref="ImportIssueGroup.Of"/> groups them),
    /// with exact counts even when <see cref="Issues"/> holds only the first ones; by file and first line.
    /// </summary>
    public ImmutableArray<ImportIssueGroup> IssueGroups { get; }

    /// <summary>Sales with no customer, in file order.</summary>
    public ImmutableArray<GuestSale> GuestSales { get; }

    /// <summary>How each input file was read: rows read, kept and rejected, warnings, encoding, delimiter, formats.</summary>
    public ImmutableArray<ImportedFile> Files { get; }

    /// <summary>Reads the conventional files of a folder (see <see cref="CustomerFiles.InFolder"/>).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has neither a customers nor an orders file.</exception>
    public static CustomerDataSet ReadFolder(string folder, CsvImportOptions? options = null) => Read(CustomerFiles.InFolder(folder), options);

    /// <summary>Reads a data set from files.</summary>
    /// <exception cref="ArgumentException">Neither a customers nor an orders file is given.</exception>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    /// <exception cref="InvalidValueException">An explicitly named encoding or sheet does not exist.</exception>
    public static CustomerDataSet Read(CustomerFiles files, CsvImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Customers is null && files.Orders is null)
        {
            throw new ArgumentException("A data set needs a customers file, an orders file, or both.", nameof(files));
        }

        foreach (var kind in Enum.GetValues<ImportFileKind>())
        {
            if (files.Of(kind) is { } path && !File.Exists(path))
            {
                throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
            }
        }

        return new Reading(files, options ?? CsvImportOptions.Default).Run();
    }

    /// <summary>Creates a data set from customers in memory (for writing).</summary>
    public static CustomerDataSet From(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new CustomerDataSet([.. customers.OrderBy(c => c.Id)], [], [], [], 0, []);
    }

    /// <summary>Writes the data set as the conventional files of a folder, creating it if needed.</summary>
    public void WriteFolder(string folder, CsvImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var exporter = new CsvExporter(options);
        var orders = Customers.SelectMany(c => c.History.Orders).ToList();

        void WriteFile(string name, Action<TextWriter> write)
        {
            using var writer = new StreamWriter(Path.Combine(folder, name), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            write(writer);
        }

        WriteFile("customers.csv", w => exporter.WriteCustomers(w, Customers));
        WriteFile("orders.csv", w => exporter.WriteOrders(w, orders));
        WriteFile("order_lines.csv", w => exporter.WriteOrderLines(w, orders));
        WriteFile("consents.csv", w => exporter.WriteConsents(w, Customers));
        WriteFile("interactions.csv", w => exporter.WriteInteractions(w, Customers.SelectMany(c => c.History.Interactions)));
        WriteFile("feedback.csv", w => exporter.WriteFeedback(w, Customers.SelectMany(c => c.History.Feedback)));
        WriteFile("tickets.csv", w => exporter.WriteTickets(w, Customers.SelectMany(c => c.History.Tickets)));
        WriteFile("referrals.csv", w => exporter.WriteReferrals(w, Customers.SelectMany(c => c.History.Referrals)));
    }

    /// <summary>One reading of a set of files.</summary>
    private sealed class Reading(CustomerFiles files, CsvImportOptions options)
    {
        private readonly CsvImporter _importer = new(options);
        private readonly ImportIssueLog _issues = new(options.MaxRetainedIssuesPerFile, options.OnIssue);
        private readonly List<ImportedFile> _reports = [];
        private readonly Dictionary<CustomerId, Customer> _customers = [];
        private readonly HashSet<CustomerId> _createdAtGiven = [];
        private readonly HashSet<CustomerId> _derived = [];
        private readonly Dictionary<string, CustomerId> _byPhone = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CustomerId> _byEmail = new(StringComparer.Ordinal);

        // Further customers named by a phone or email already in _byPhone/_byEmail (a household's shared contact).
        private readonly Dictionary<string, List<CustomerId>> _sharing = new(StringComparer.Ordinal);
        private readonly Dictionary<CustomerId, Instant> _exportedAt = [];
        private readonly Dictionary<OrderId, Order> _orders = [];
        private readonly Dictionary<OrderId, (string File, int Line, int Rows)> _orderLines = [];
        private readonly List<GuestSale> _guests = [];

        public CustomerDataSet Run()
        {
            ReadCustomers();
            ReadOrders();
            var extraLines = Read(ImportFileKind.OrderLines, ReadOrderLines);

            CustomerId? Known(CustomerId id) => _customers.TryGetValue(id, out var customer) ? customer.Id : null;
            var consents = Read(ImportFileKind.Consents, table => CsvImporter.ReadConsents(table, Known).ToList());
            var interactions = Read(ImportFileKind.Interactions, table => CsvImporter.ReadInteractions(table, Known).ToList());
            var tickets = Read(ImportFileKind.Tickets, table => CsvImporter.ReadTickets(table, Known).ToList());
            var ticketIds = tickets.Select(t => t.Id).ToHashSet();
            var guestOrders = _guests.Select(g => g.OrderId).ToHashSet();
            var feedback = Read(ImportFileKind.Feedback, table => CsvImporter.ReadFeedback(table, Known, o => _orders.ContainsKey(o) || guestOrders.Contains(o), ticketIds.Contains).ToList());
            var referrals = Read(ImportFileKind.Referrals, table => CsvImporter.ReadReferrals(table, Known).ToList());

            // Each order once, with the lines of the order lines file after those of the orders file (file order).
            var ordersBy = _orders.Values
                .Select(o => extraLines.TryGetValue(o.Id, out var more) ? o with { Lines = o.Lines.IsEmpty ? more : [.. o.Lines, .. more] } : o)
                .ToLookup(o => o.CustomerId);
            _orders.Clear();
            extraLines.Clear();
            var consentsBy = consents.ToLookup(c => c.CustomerId, c => c.Decision);
            var interactionsBy = interactions.ToLookup(i => i.CustomerId);
            var feedbackBy = feedback.ToLookup(f => f.CustomerId);
            var ticketsBy = tickets.ToLookup(t => t.CustomerId);
            var referralsBy = referrals.ToLookup(r => r.ReferrerId);

            var result = ImmutableArray.CreateBuilder<Customer>(_customers.Count);
            foreach (var customer in ById(_customers.Values))
            {
                var id = customer.Id;
                var orders = OneCurrency(ordersBy[id]);
                var createdAt = _createdAtGiven.Contains(id) || orders.Count == 0
                    ? customer.CreatedAt
                    : Instant.Min(orders[0].PlacedAt, _exportedAt.GetValueOrDefault(id, Instant.MaxValue));
                result.Add(customer with
                {
                    CreatedAt = createdAt,
                    Consents = customer.Consents.Merge(ConsentLedger.From(consentsBy[id])),
                    History = new CustomerHistory
                    {
                        Orders = OrderHistory.From(orders),
                        Interactions = [.. interactionsBy[id]],
                        Feedback = [.. feedbackBy[id]],
                        Tickets = [.. ticketsBy[id]],
                        Referrals = [.. referralsBy[id]],
                    },
                });
            }

            var fileOrder = _reports.Select(r => r.File).ToList();
            return new CustomerDataSet(result.ToImmutable(), _issues.Retained(fileOrder), [.. _guests], [.. _reports], _issues.Count, _issues.Groups(fileOrder));
        }

        // The customers ordered by id (ordinal, so distinct ids never tie). A customers file is usually written in id
        // order and customers derived from orders come after it: one pass checks the order, and only an unordered
        // set is sorted.
        private static Customer[] ById(Dictionary<CustomerId, Customer>.ValueCollection customers)
        {
            var ordered = new Customer[customers.Count];
            var sorted = true;
            var i = 0;
            foreach (var customer in customers)
            {
                sorted = sorted && (i == 0 || ordered[i - 1].Id.CompareTo(customer.Id) < 0);
                ordered[i++] = customer;
            }

            if (!sorted)
            {
                Array.Sort(ordered, static (a, b) => a.Id.CompareTo(b.Id));
            }

            return ordered;
        }

        // The lines of the order lines file by order, in file order. The rows of one order usually follow each other:
        // each run of them becomes one array, appended to what earlier runs of the order gave.
        private Dictionary<OrderId, ImmutableArray<OrderLine>> ReadOrderLines(ImportTable table)
        {
            var byOrder = new Dictionary<OrderId, ImmutableArray<OrderLine>>();
            var run = new List<OrderLine>();
            OrderId? current = null;
            void Flush()
            {
                if (current is { } id && run.Count > 0)
                {
                    byOrder[id] = byOrder.TryGetValue(id, out var earlier) ? [.. earlier, .. run] : [.. run];
                }

                run.Clear();
            }

            foreach (var (orderId, line) in CsvImporter.ReadOrderLines(table, id => _orders.TryGetValue(id, out var o) ? o.Total.Currency : null))
            {
                if (current != orderId)
                {
                    Flush();
                    current = orderId;
                }

                run.Add(line);
            }

            Flush();
            return byOrder;
        }

        private void ReadCustomers()
        {
            var exportedAt = ExportedAt(ImportFileKind.Customers);
            foreach (var imported in Read(ImportFileKind.Customers, table => _importer.ReadCustomers(table, exportedAt).ToList()))
            {
                var customer = imported.Customer;
                _customers[customer.Id] = customer;
                _exportedAt[customer.Id] = exportedAt;
                if (imported.HasCreatedAt)
                {
                    _createdAtGiven.Add(customer.Id);
                }

                Index(customer);
            }
        }

        private void ReadOrders()
        {
            var exportedAt = ExportedAt(ImportFileKind.Orders);
            var hasCustomersFile = files.Customers is not null;
            Read(ImportFileKind.Orders, table =>
            {
                foreach (var draft in _importer.ReadOrders(table, exportedAt).ToList())
                {
                    var reference = draft.Customer;
                    if (reference.Guest)
                    {
                        _guests.Add(new GuestSale(draft.Id, draft.PlacedAt!.Value, draft.Total!.Value, draft.Status!.Value, table.File, draft.Line));
                        continue;
                    }

                    var id = Resolve(reference);
                    if (!_customers.TryGetValue(id, out var customer))
                    {
                        if (hasCustomersFile)
                        {
                            table.Issues.Add(new ImportIssue(table.File, draft.Line, table.Binding.ColumnName(reference.Id is null ? reference.Phone is null ? "customer_email" : "customer_phone" : "customer_id"),
                                $"customer '{id}' is not in {Path.GetFileName(files.Customers)}; the customer was created from the order.")
                            {
                                Severity = ImportIssueSeverity.Warning,
                                Kind = ImportIssueKind.CustomerCreatedFromOrder,
                                Arguments = [id.Value, Path.GetFileName(files.Customers) ?? string.Empty],
                            });
                        }

                        customer = new Customer
                        {
                            Id = id,
                            DisplayName = reference.Name ?? id.Value,
                            CreatedAt = draft.PlacedAt!.Value,
                            Phones = reference.Phone is { } p ? [p] : [],
                            Emails = reference.Email is { } e ? [e] : [],
                        };
                        _customers[id] = customer;
                        _derived.Add(id);
                        Index(customer);
                    }
                    else if (_derived.Contains(id))
                    {
                        // A customer known only from orders gathers the name, phones and emails its orders give.
                        _customers[id] = customer with
                        {
                            DisplayName = customer.DisplayName == id.Value && reference.Name is { } name ? name : customer.DisplayName,
                            Phones = reference.Phone is { } p && !customer.Phones.Contains(p) ? customer.Phones.Add(p) : customer.Phones,
                            Emails = reference.Email is { } e && !customer.Emails.Contains(e) ? customer.Emails.Add(e) : customer.Emails,
                        };
                    }

                    // Later orders may name the same customer by any contact this order gives (identity is transitive).
                    Alias(reference, id);

                    if (draft.Consents.Count > 0)
                    {
                        _customers[id] = _customers[id] with { Consents = _customers[id].Consents.Merge(ConsentLedger.From(draft.Consents)) };
                    }

                    _orders[draft.Id] = CsvImporter.ToOrder(draft, customer.Id); // the customer's own id string, shared by its orders
                    _orderLines[draft.Id] = (table.File, draft.Line, draft.RowCount);
                }

                return _orders.Count;
            });
        }

        // The customer an order names: by id; else the customer with that phone, else with that email, whose name is
        // compatible with the order's; else a new one keyed by the phone, else the email (#2, #3 … when that key is a
        // customer already, whose name differs).
        private CustomerId Resolve(CustomerReference reference)
        {
            if (reference.Id is { } id)
            {
                return id;
            }

            if (reference.Phone is { } phone && Named(_byPhone, "p" + phone.E164, phone.E164, reference.Name) is { } byPhone)
            {
                return byPhone;
            }

            if (reference.Email is { } email && Named(_byEmail, "e" + email.Value, email.Value, reference.Name) is { } byEmail)
            {
                return byEmail;
            }

            var key = reference.Key!;
            var fresh = new CustomerId(key);
            for (var n = 2; _customers.ContainsKey(fresh); n++)
            {
                fresh = new CustomerId(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}#{n}"));
            }

            return fresh;
        }

        // The first customer known by this contact whose name is compatible with the order's.
        private CustomerId? Named(Dictionary<string, CustomerId> index, string sharingKey, string contact, string? name)
        {
            if (!index.TryGetValue(contact, out var first))
            {
                return null;
            }

            if (Compatible(first, name))
            {
                return first;
            }

            foreach (var other in _sharing.GetValueOrDefault(sharingKey) ?? [])
            {
                if (Compatible(other, name))
                {
                    return other;
                }
            }

            return null;
        }

        private bool Compatible(CustomerId id, string? name)
            => !_customers.TryGetValue(id, out var customer) || customer.DisplayName == id.Value || Identity.DuplicateFinder.NamesCompatible(customer.DisplayName, name);

        private void Alias(CustomerReference reference, CustomerId id)
        {
            if (reference.Phone is { } phone)
            {
                Index(_byPhone, "p" + phone.E164, phone.E164, id);
            }

            if (reference.Email is { } email)
            {
                Index(_byEmail, "e" + email.Value, email.Value, id);
            }
        }

        private void Index(Customer customer)
        {
            foreach (var phone in customer.Phones)
            {
                Index(_byPhone, "p" + phone.E164, phone.E164, customer.Id);
            }

            foreach (var email in customer.Emails)
            {
                Index(_byEmail, "e" + email.Value, email.Value, customer.Id);
            }
        }

        private void Index(Dictionary<string, CustomerId> index, string sharingKey, string contact, CustomerId id)
        {
            if (index.TryAdd(contact, id) || index[contact] == id)
            {
                return;
            }

            if (!_sharing.TryGetValue(sharingKey, out var others))
            {
                _sharing[sharingKey] = others = [];
            }

            if (!others.Contains(id))
            {
                others.Add(id);
            }
        }

        // A customer's orders must share a currency: the first order's wins, the others are rejected at their lines.
        private List<Order> OneCurrency(IEnumerable<Order> orders)
        {
            var list = orders.ToList();
            list.Sort(OrderHistory.Compare); // by time, then id: the order OrderHistory keeps
            if (list.Count < 2 || list.All(o => o.Total.Currency == list[0].Total.Currency))
            {
                return list;
            }

            var currency = list[0].Total.Currency;
            foreach (var other in list.Where(o => o.Total.Currency != currency))
            {
                var (file, line, rows) = _orderLines[other.Id];
                _issues.Add(new ImportIssue(file, line, null, $"order '{other.Id}' is in {other.Total.Currency.Code}, but customer '{other.CustomerId}' buys in {currency.Code} (their first order); one customer's history has one currency. The order was not imported.")
                {
                    Kind = ImportIssueKind.CurrencyMismatch,
                    Arguments = [other.Id.Value, other.Total.Currency.Code, other.CustomerId.Value, currency.Code],
                });
                MarkRejected(file, rows);
            }

            return [.. list.Where(o => o.Total.Currency == currency)];
        }

        private void MarkRejected(string file, int rows)
        {
            var index = _reports.FindIndex(r => r.File == file);
            if (index >= 0)
            {
                _reports[index] = _reports[index] with { RowsRejected = _reports[index].RowsRejected + rows };
            }
        }

        private Instant ExportedAt(ImportFileKind kind)
            => options.ExportedAt ?? (files.Of(kind) is { } path ? Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(path)) : DataLimits.EarliestInstant);

        private TResult Read<TResult>(ImportFileKind kind, Func<ImportTable, TResult> read)
            where TResult : new()
        {
            if (files.Of(kind) is not { } path)
            {
                return new TResult();
            }

            var issues = new List<ImportIssue>();
            var format = options.FormatOf(kind);
            using var table = new ImportTable(TabularSource.Open(path, format, issues), kind, options, issues, settled => settled.ForEach(_issues.Add));
            var result = read(table);
            table.Drain();
            _reports.Add(new ImportedFile
            {
                Kind = kind,
                File = table.File,
                Type = table.Source.Kind,
                Encoding = table.Source.Encoding,
                Delimiter = table.Source.Delimiter,
                Sheet = table.Source.Sheet,
                Zone = table.Zone.Id,
                NumberFormats = table.AmountColumns.Where(a => a.IsDecided || a.AmbiguousCount > 0).ToImmutableDictionary(a => a.Name, a => a.Describe()[(a.Name.Length + 2)..]),
                DateOrders = table.DateColumns.Where(d => d.OrderSource != ColumnFormatSource.Defaulted || d.AmbiguousCount > 0).ToImmutableDictionary(d => d.Name, d => d.Describe()[(d.Name.Length + 2)..]),
                RowsRead = table.RowsRead,
                RowsRejected = table.IsUnreadable ? 0 : table.RowsRejected,
                Warnings = _issues.WarningsOf(table.File),
                Unreadable = table.IsUnreadable || _issues.FirstErrorLineOf(table.File) <= table.HeaderLine,
                UnusedColumns = [.. table.Binding.Unused.Select(table.Binding.EchoHeader)],
            });
            return result;
        }
    }
}
