using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        private readonly Dictionary<CustomerId, CustomerDraft> _customers = [];
        private readonly Dictionary<string, CustomerId> _byPhone = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CustomerId> _byEmail = new(StringComparer.Ordinal);

        // Further customers named by a phone or email already in _byPhone/_byEmail (a household's shared contact).
        private readonly Dictionary<string, List<CustomerId>> _sharing = new(StringComparer.Ordinal);
        private readonly List<GuestSale> _guests = [];
        private Dictionary<OrderId, PendingOrder> _orders = [];

        // The customer of the last lookup by id. The rows of one customer usually follow each other (orders and history
        // files written customer by customer), so most lookups compare one id instead of hashing it and probing the
        // dictionary; a draft is never replaced in _customers, so the memo cannot go stale.
        private CustomerDraft? _last;

        // When the customers file was exported: a customer of that file without created_at was created at the latest
        // then (or at its first order, if earlier).
        private Instant _customersExportedAt = Instant.MaxValue;

        // How many one-line arrays of shared order lines an order lines file keeps for reuse (as many as it shares lines).
        private const int OneLineArrays = ImportTable.MaxSharedRecords;

        public CustomerDataSet Run()
        {
            ReadCustomers();
            ReadOrders();
            if (ReadsInParallel())
            {
                ReadLinesBesideHistory();
            }
            else
            {
                Read(ImportFileKind.OrderLines, ReadOrderLines);
                ReadHistory();
            }

            // Each order built once, with the lines of the order lines file after those of the orders file (file order).
            var orders = _orders;
            _orders = [];
            Distribute(null, orders.Values.Select(static p => p.ToOrder()), static o => o.CustomerId, static o => o, static (d, o) => d.Orders = o);

            var drafts = ById(_customers.Values);
            _customers.Clear();
            _last = null;
            // Each customer's orders sorted and checked for one currency, then each customer built: the work of one index
            // touches nothing else, so both run on two halves at once; the rare customer with orders in two currencies
            // is reported afterwards, in id order, as a single pass would.
            var histories = new OrderHistory[drafts.Length];
            var mixed = InHalves(drafts.Length, (from, to) =>
            {
                List<int>? found = null;
                for (var i = from; i < to; i++)
                {
                    if (SortedHistory(drafts[i].Orders) is { } history)
                    {
                        histories[i] = history;
                        drafts[i].Orders = default;
                    }
                    else
                    {
                        (found ??= []).Add(i);
                    }
                }

                return found;
            });
            foreach (var i in mixed.SelectMany(static found => found ?? []))
            {
                histories[i] = OneCurrency(drafts[i].Orders, orders);
                drafts[i].Orders = default;
            }

            orders = null; // the pending orders were kept only for the rare order rejected for its currency
            var result = new Customer[drafts.Length];
            InHalves(drafts.Length, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    var draft = drafts[i];
                    drafts[i] = null!; // each draft dies as soon as its customer is built
                    result[i] = Build(draft, histories[i]);
                }

                return true;
            });

            var fileOrder = _reports.Select(r => r.File).ToList();
            return new CustomerDataSet(ImmutableCollectionsMarshal.AsImmutableArray(result), _issues.Retained(fileOrder), [.. _guests], [.. _reports], _issues.Count, _issues.Groups(fileOrder));
        }

        private Customer Build(CustomerDraft draft, OrderHistory history)
        {
            var customer = draft.Customer;
            var createdAt = draft.CreatedAtGiven || history.Count == 0
                ? customer.CreatedAt
                : Instant.Min(history[0].PlacedAt, draft.FromCustomersFile ? _customersExportedAt : Instant.MaxValue);
            var kept = history.Count == 0 && draft.Interactions.IsDefault && draft.Feedback.IsDefault && draft.Tickets.IsDefault && draft.Referrals.IsDefault
                ? CustomerHistory.Empty // one instance for every customer without history
                : new CustomerHistory
                {
                    Orders = history,
                    Interactions = draft.Interactions,
                    Feedback = draft.Feedback,
                    Tickets = draft.Tickets,
                    Referrals = draft.Referrals,
                };
            return customer with
            {
                CreatedAt = createdAt,
                Consents = draft.Consents.IsDefault ? customer.Consents : customer.Consents.Merge(ConsentLedger.From(draft.Consents)), // Merge keeps a ledger as it is when the other is empty
                History = kept,
            };
        }

        // Runs work over the indexes [0, count) as two ranges, the second on another thread when the process has more
        // than one processor, and returns the ranges' results in index order. The work of a range must read and write
        // nothing but its own indexes (and what no one writes meanwhile), so the split never changes a result. An
        // exception of the first range wins, as in one pass over all indexes.
        private static T[] InHalves<T>(int count, Func<int, int, T> work)
        {
            if (Environment.ProcessorCount < 2 || count < 2)
            {
                return [work(0, count)];
            }

            var half = count / 2;
            var second = Task.Run(() => work(half, count));
            T first;
            try
            {
                first = work(0, half);
            }
            finally
            {
                ((IAsyncResult)second).AsyncWaitHandle.WaitOne(); // never leave the second range running
            }

            return [first, second.GetAwaiter().GetResult()];
        }

        // Whether the order lines file is read on another thread while this one reads the history files. Once the
        // orders are read, the two touch disjoint state: the order lines only the pending orders' lines (in place,
        // never adding or removing an order), the history files only the drafts and _last (the feedback file asks
        // whether an order exists, which the lines never change). Each side logs its own files' issues and reports,
        // joined in file order, so the data set is the same as read one file after the other. Not when the process has
        // one processor (nothing to gain), when OnIssue must see the issues in file order as they are found, or when the
        // lines file has the name of another file of the set (issues are logged by file name).
        private bool ReadsInParallel()
        {
            if (Environment.ProcessorCount < 2 || options.OnIssue is not null || files.OrderLines is not { } lines)
            {
                return false;
            }

            ImportFileKind[] history = [ImportFileKind.Consents, ImportFileKind.Interactions, ImportFileKind.Tickets, ImportFileKind.Feedback, ImportFileKind.Referrals];
            var others = Enum.GetValues<ImportFileKind>().Where(k => k != ImportFileKind.OrderLines).Select(files.Of).OfType<string>().Select(Path.GetFileName);
            return history.Any(k => files.Of(k) is not null) && !others.Contains(Path.GetFileName(lines), StringComparer.Ordinal);
        }

        private void ReadLinesBesideHistory()
        {
            var linesIssues = new ImportIssueLog(options.MaxRetainedIssuesPerFile, sink: null);
            var linesReports = new List<ImportedFile>();
            var at = _reports.Count;
            var lines = Task.Run(() => Read(ImportFileKind.OrderLines, ReadOrderLines, linesIssues, linesReports));
            try
            {
                ReadHistory();
            }
            finally
            {
                // Never leave the lines being read; the lines' failure wins, as when the lines file is read first.
                ((IAsyncResult)lines).AsyncWaitHandle.WaitOne();
                lines.GetAwaiter().GetResult();
            }

            _issues.Merge(linesIssues);
            _reports.InsertRange(at, linesReports);
        }

        // Each kind of history is put on its customers as soon as its file is read, in exactly sized arrays; the rows of
        // one file die with its reading.
        private void ReadHistory()
        {
            CustomerId? Known(CustomerId id) => Draft(id)?.Id;

            Read(ImportFileKind.Consents, table => Distribute(table, CsvImporter.ReadConsents(table, Known), static c => c.CustomerId, static c => c.Decision, static (d, c) => d.Consents = c));
            Read(ImportFileKind.Interactions, table => Distribute(table, CsvImporter.ReadInteractions(table, Known), static i => i.CustomerId, static i => i, static (d, i) => d.Interactions = i));
            var ticketIds = new HashSet<TicketId>();
            Read(ImportFileKind.Tickets, table => Distribute(table, CsvImporter.ReadTickets(table, Known).Select(t => { ticketIds.Add(t.Id); return t; }), static t => t.CustomerId, static t => t, static (d, t) => d.Tickets = t));
            var guestOrders = _guests.Select(g => g.OrderId).ToHashSet();
            var orders = _orders;
            Read(ImportFileKind.Feedback, table => Distribute(table, CsvImporter.ReadFeedback(table, Known, o => orders.ContainsKey(o) || guestOrders.Contains(o), ticketIds.Contains), static f => f.CustomerId, static f => f, static (d, f) => d.Feedback = f));
            ticketIds.Clear(); // both die young: only the feedback file's check needs them
            ticketIds.TrimExcess();
            guestOrders.Clear();
            guestOrders.TrimExcess();
            Read(ImportFileKind.Referrals, table => Distribute(table, CsvImporter.ReadReferrals(table, Known), static r => r.ReferrerId, static r => r, static (d, r) => d.Referrals = r));
        }

        // The draft of a customer read so far (see _last), or null.
        private CustomerDraft? Draft(CustomerId id)
        {
            if (_last is { } last && string.Equals(last.Id.Value, id.Value, StringComparison.Ordinal))
            {
                return last;
            }

            if (!_customers.TryGetValue(id, out var draft))
            {
                return null;
            }

            _last = draft;
            return draft;
        }

        // Puts the rows of one kind on their customers, in row order, each customer's rows in one array of exactly
        // their number (no grouping structure kept beside them). Rows of a customer not read are dropped, as the
        // readers report them, and so are the rows the table retracts at the end of the file (ImportTable.Retracted).
        private int Distribute<TRow, T>(ImportTable? table, IEnumerable<TRow> rows, Func<TRow, CustomerId> customerOf, Func<TRow, T> valueOf, Action<CustomerDraft, ImmutableArray<T>> keep)
        {
            var items = new List<T>();
            var owners = new List<CustomerDraft>();
            List<(int Index, int Line)>? twoWay = null;
            foreach (var row in rows)
            {
                if (Draft(customerOf(row)) is { } owner)
                {
                    if (table is { RowReadTwoWays: true })
                    {
                        (twoWay ??= []).Add((items.Count, table.Line));
                    }

                    items.Add(valueOf(row));
                    owners.Add(owner);
                    owner.Pending++;
                }
            }

            if (twoWay is not null && table!.Retracted.Count > 0)
            {
                var drop = twoWay.Where(r => table.Retracted.Contains(r.Line)).Select(r => r.Index).ToHashSet();
                if (drop.Count > 0)
                {
                    foreach (var index in drop)
                    {
                        owners[index].Pending--;
                    }

                    items = [.. items.Where((_, i) => !drop.Contains(i))];
                    owners = [.. owners.Where((_, i) => !drop.Contains(i))];
                }
            }

            for (var i = 0; i < items.Count; i++)
            {
                var owner = owners[i];
                var array = (T[]?)owner.Filling ?? new T[owner.Pending];
                array[owner.Filled++] = items[i];
                if (owner.Filled == array.Length)
                {
                    keep(owner, ImmutableCollectionsMarshal.AsImmutableArray(array));
                    owner.Filling = null;
                    owner.Filled = 0;
                    owner.Pending = 0;
                }
                else
                {
                    owner.Filling = array;
                }
            }

            return items.Count;
        }

        // The customers ordered by id (ordinal, so distinct ids never tie). A customers file is usually written in id
        // order and customers derived from orders come after it: one pass checks the order, and only an unordered
        // set is sorted.
        private static CustomerDraft[] ById(Dictionary<CustomerId, CustomerDraft>.ValueCollection customers)
        {
            var ordered = new CustomerDraft[customers.Count];
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

        // The lines of the order lines file, attached to their order as they are read. The rows of one order usually
        // follow each other: each run of them becomes one exactly sized array, appended to what earlier runs gave.
        private int ReadOrderLines(ImportTable table)
        {
            var run = new List<OrderLine>();
            var oneLine = new Dictionary<OrderLine, ImmutableArray<OrderLine>>(ReferenceEqualityComparer.Instance);
            OrderId? current = null;
            OrderId? asked = null;
            Currency? askedCurrency = null;
            var count = 0;
            void Flush()
            {
                if (current is { } id && run.Count > 0)
                {
                    ref var order = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, id);
                    order.MoreLines = order.MoreLines.IsDefault ? run.Count == 1 ? OneLine(run[0]) : [.. run] : [.. order.MoreLines, .. run];
                }

                run.Clear();
            }

            List<(OrderId OrderId, OrderLine Line, int At)>? twoWay = null;
            foreach (var (orderId, line) in CsvImporter.ReadOrderLines(table, CurrencyOf))
            {
                if (current != orderId)
                {
                    Flush();
                    current = orderId;
                }

                if (table.RowReadTwoWays)
                {
                    (twoWay ??= []).Add((orderId, line, table.Line));
                }

                run.Add(line);
                count++;
            }

            Flush();

            // A line whose price or quantity was read two ways, in a column that turned out to mix both styles, is taken
            // off its order again (an equal line of the same order is the same line).
            foreach (var (orderId, line, at) in twoWay ?? [])
            {
                if (table.Retracted.Contains(at))
                {
                    ref var order = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, orderId);
                    if (!Unsafe.IsNullRef(ref order) && !order.MoreLines.IsDefault)
                    {
                        order.MoreLines = order.MoreLines.Remove(line);
                        count--;
                    }
                }
            }

            return count;

            // The currency of a known order: the lines of one order follow each other, so the last order asked for is
            // remembered; the order is read in place (PendingOrder is a large struct).
            Currency? CurrencyOf(OrderId id)
            {
                if (asked is { } last && string.Equals(last.Value, id.Value, StringComparison.Ordinal))
                {
                    return askedCurrency;
                }

                ref var order = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, id);
                asked = id;
                askedCurrency = Unsafe.IsNullRef(ref order) ? null : order.Total.Currency;
                return askedCurrency;
            }

            // The lines of an order of one line: one array per shared line (ImportTable.Reuse shares identical lines),
            // for the first OneLineArrays of them.
            ImmutableArray<OrderLine> OneLine(OrderLine line)
            {
                if (oneLine.TryGetValue(line, out var lines))
                {
                    return lines;
                }

                lines = [line];
                if (oneLine.Count < OneLineArrays)
                {
                    oneLine[line] = lines;
                }

                return lines;
            }
        }

        private void ReadCustomers()
        {
            var exportedAt = ExportedAt(ImportFileKind.Customers);
            _customersExportedAt = exportedAt;
            var customers = Read(ImportFileKind.Customers, table => table.OnePerRow(_importer.ReadCustomers(table, exportedAt),
                (c, fields) => c with { Customer = _importer.WithoutRetracted(c.Customer, fields, exportedAt), HasCreatedAt = c.HasCreatedAt && !fields.Contains("created_at") }));
            _customers.EnsureCapacity(_customers.Count + customers.Count); // sized once, not grown by doubling
            foreach (var imported in customers)
            {
                var customer = imported.Customer;
                _customers[customer.Id] = new CustomerDraft(customer) { FromCustomersFile = true, CreatedAtGiven = imported.HasCreatedAt };
                Index(customer);
            }
        }

        private void ReadOrders()
        {
            var exportedAt = ExportedAt(ImportFileKind.Orders);
            var hasCustomersFile = files.Customers is not null;
            Read(ImportFileKind.Orders, table =>
            {
                var drafts = _importer.ReadOrders(table, exportedAt).ToList();
                _orders.EnsureCapacity(_orders.Count + drafts.Count); // sized once: its entries hold PendingOrder values, so each doubling copied them all
                foreach (var draft in drafts)
                {
                    var reference = draft.Customer;
                    if (reference.Guest)
                    {
                        _guests.Add(new GuestSale(draft.Id, draft.PlacedAt!.Value, draft.Total!.Value, draft.Status!.Value, table.File, draft.Line));
                        continue;
                    }

                    var id = Resolve(reference);
                    if (Draft(id) is not { } draftOf)
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

                        var customer = new Customer
                        {
                            Id = id,
                            DisplayName = reference.Name ?? id.Value,
                            CreatedAt = draft.PlacedAt!.Value,
                            Phones = reference.Phone is { } p ? [p] : [],
                            Emails = reference.Email is { } e ? [e] : [],
                            StageRecorded = false, // known from orders only: no file said where the customer is
                        };
                        _customers[id] = draftOf = new CustomerDraft(customer) { Derived = true };
                        Index(customer);
                    }
                    else if (draftOf.Derived)
                    {
                        // A customer known only from orders gathers the name, phones and emails its orders give.
                        var customer = draftOf.Customer;
                        draftOf.Customer = customer with
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
                        draftOf.Customer = draftOf.Customer with { Consents = draftOf.Customer.Consents.Merge(ConsentLedger.From(draft.Consents)) };
                    }

                    _orders[draft.Id] = new PendingOrder(draft, draftOf.Id, table.File); // the customer's own id string, shared by its orders
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

            if (reference.Phone is { } phone && Named(_byPhone, 'p', phone.E164, reference.Name) is { } byPhone)
            {
                return byPhone;
            }

            if (reference.Email is { } email && Named(_byEmail, 'e', email.Value, reference.Name) is { } byEmail)
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
        private CustomerId? Named(Dictionary<string, CustomerId> index, char kind, string contact, string? name)
        {
            if (!index.TryGetValue(contact, out var first))
            {
                return null;
            }

            if (Compatible(first, name))
            {
                return first;
            }

            foreach (var other in _sharing.GetValueOrDefault(SharingKey(kind, contact)) ?? [])
            {
                if (Compatible(other, name))
                {
                    return other;
                }
            }

            return null;
        }

        private bool Compatible(CustomerId id, string? name)
            => !_customers.TryGetValue(id, out var draft) || draft.Customer.DisplayName == id.Value || Identity.DuplicateFinder.NamesCompatible(draft.Customer.DisplayName, name);

        private void Alias(CustomerReference reference, CustomerId id)
        {
            if (reference.Phone is { } phone)
            {
                Index(_byPhone, 'p', phone.E164, id);
            }

            if (reference.Email is { } email)
            {
                Index(_byEmail, 'e', email.Value, id);
            }
        }

        private void Index(Customer customer)
        {
            foreach (var phone in customer.Phones)
            {
                Index(_byPhone, 'p', phone.E164, customer.Id);
            }

            foreach (var email in customer.Emails)
            {
                Index(_byEmail, 'e', email.Value, customer.Id);
            }
        }

        private void Index(Dictionary<string, CustomerId> index, char kind, string contact, CustomerId id)
        {
            if (index.TryAdd(contact, id) || index[contact] == id)
            {
                return;
            }

            var sharingKey = SharingKey(kind, contact);

            if (!_sharing.TryGetValue(sharingKey, out var others))
            {
                _sharing[sharingKey] = others = [];
            }

            if (!others.Contains(id))
            {
                others.Add(id);
            }
        }

        // The key of a shared contact in _sharing: 'p' or 'e' and the phone or email (made only when a contact is shared).
        private static string SharingKey(char kind, string contact) => kind + contact;

        // A customer's orders sorted in place (by time, then id: distinct ids never tie; the order OrderHistory keeps)
        // as its history, or null when they are not all in one currency (see OneCurrency).
        private static OrderHistory? SortedHistory(ImmutableArray<Order> orders)
        {
            if (orders.IsDefaultOrEmpty)
            {
                return OrderHistory.Empty;
            }

            var list = ImmutableCollectionsMarshal.AsArray(orders)!;
            Array.Sort(list, OrderHistory.Compare);
            var currency = list[0].Total.Currency;
            foreach (var order in list)
            {
                if (order.Total.Currency != currency)
                {
                    return null;
                }
            }

            return OrderHistory.FromSorted(list);
        }

        // A customer's orders must share a currency: the first order's wins, the others are rejected at their lines.
        // The orders come sorted in an array of their own (SortedHistory).
        private OrderHistory OneCurrency(ImmutableArray<Order> orders, Dictionary<OrderId, PendingOrder> pending)
        {
            var list = ImmutableCollectionsMarshal.AsArray(orders)!;
            var currency = list[0].Total.Currency;
            foreach (var other in list.Where(o => o.Total.Currency != currency))
            {
                var (file, line, rows) = (pending[other.Id].File, pending[other.Id].Line, pending[other.Id].Rows);
                _issues.Add(new ImportIssue(file, line, null, $"order '{other.Id}' is in {other.Total.Currency.Code}, but customer '{other.CustomerId}' buys in {currency.Code} (their first order); one customer's history has one currency. The order was not imported.")
                {
                    Kind = ImportIssueKind.CurrencyMismatch,
                    Arguments = [other.Id.Value, other.Total.Currency.Code, other.CustomerId.Value, currency.Code],
                });
                MarkRejected(file, rows);
            }

            return OrderHistory.FromSorted([.. list.Where(o => o.Total.Currency == currency)]);
        }

        private void MarkRejected(string file, int rows)
        {
            var index = _reports.FindIndex(r => r.File == file);
            if (index >= 0)
            {
                _reports[index] = _reports[index] with { RowsRejected = _reports[index].RowsRejected + rows };
            }
        }

        /// <summary>A customer being read: the customer as its row (or first order) gave it, and its history so far.</summary>
        private sealed class CustomerDraft(Customer customer)
        {
            public Customer Customer { get; set; } = customer;

            public CustomerId Id => Customer.Id;

            /// <summary>Whether its row in the customers file gave created_at (else it is derived from the orders).</summary>
            public bool CreatedAtGiven { get; init; }

            /// <summary>Whether it is a row of the customers file (not derived from orders).</summary>
            public bool FromCustomersFile { get; init; }

            /// <summary>Whether it was derived from orders (no customers file row): later orders add contacts and a name.</summary>
            public bool Derived { get; init; }

            public ImmutableArray<Order> Orders { get; set; }

            public ImmutableArray<ConsentDecision> Consents { get; set; }

            public ImmutableArray<Interaction> Interactions { get; set; }

            public ImmutableArray<Feedback> Feedback { get; set; }

            public ImmutableArray<SupportTicket> Tickets { get; set; }

            public ImmutableArray<Referral> Referrals { get; set; }

            // Distribute's state while one kind of rows is put on the customers: how many are its, the array being
            // filled and how many are in it.
            public int Pending { get; set; }

            public Array? Filling { get; set; }

            public int Filled { get; set; }
        }

        private Instant ExportedAt(ImportFileKind kind)
            => options.ExportedAt ?? (files.Of(kind) is { } path ? Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(path)) : DataLimits.EarliestInstant);

        private TResult Read<TResult>(ImportFileKind kind, Func<ImportTable, TResult> read)
            where TResult : new()
            => Read(kind, read, _issues, _reports);

        private TResult Read<TResult>(ImportFileKind kind, Func<ImportTable, TResult> read, ImportIssueLog log, List<ImportedFile> reports)
            where TResult : new()
        {
            if (files.Of(kind) is not { } path)
            {
                return new TResult();
            }

            var issues = new List<ImportIssue>();
            var format = options.FormatOf(kind);
            using var table = new ImportTable(TabularSource.Open(path, format, issues), kind, options, issues, settled => settled.ForEach(log.Add));
            var result = read(table);
            table.Drain();
            reports.Add(new ImportedFile
            {
                Kind = kind,
                File = table.File,
                Type = table.Source.Kind,
                Encoding = table.Source.Encoding,
                Delimiter = table.Source.Delimiter,
                Sheet = table.Source.Sheet,
                Zone = table.Zone.Id,
                NumberFormats = table.AmountColumns.Where(a => a.IsDecided || a.AmbiguousCount > 0).ToImmutableDictionary(a => a.Name, a => a.Reading()),
                DateOrders = table.DateColumns.Where(d => d.OrderSource != ColumnFormatSource.Defaulted || d.AmbiguousCount > 0).ToImmutableDictionary(d => d.Name, d => d.Reading()),
                RowsRead = table.RowsRead,
                RowsRejected = table.IsUnreadable ? 0 : table.RowsRejected,
                Warnings = log.WarningsOf(table.File),
                Unreadable = table.IsUnreadable || log.FirstErrorLineOf(table.File) <= table.HeaderLine,
                UnusedColumns = [.. table.Binding.Unused.Select(table.Binding.EchoHeader)],
                ConsentsExportedAt = table.ConsentDecisionCount > 0 ? ExportedAt(kind) : null,
            });
            return result;
        }
    }
}
