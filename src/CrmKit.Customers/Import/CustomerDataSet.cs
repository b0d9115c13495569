using System.Collections.Immutable;
using System.Text;

namespace CrmKit.Customers.Import;

/// <summary>The files of a customer data set; only the customers file is required.</summary>
public sealed record CustomerFiles
{
    /// <summary>The customers file (required).</summary>
    public required string Customers { get; init; }

    /// <summary>The orders file.</summary>
    public string? Orders { get; init; }

    /// <summary>The order lines file.</summary>
    public string? OrderLines { get; init; }

    /// <summary>The consents file.</summary>
    public string? Consents { get; init; }

    /// <summary>The interactions file.</summary>
    public string? Interactions { get; init; }

    /// <summary>The feedback file.</summary>
    public string? Feedback { get; init; }

    /// <summary>The tickets file.</summary>
    public string? Tickets { get; init; }

    /// <summary>The referrals file.</summary>
    public string? Referrals { get; init; }

    /// <summary>
    /// The conventional file names in a folder: <c>customers.csv</c>, <c>orders.csv</c>, <c>order_lines.csv</c>,
    /// <c>consents.csv</c>, <c>interactions.csv</c>, <c>feedback.csv</c>, <c>tickets.csv</c>, <c>referrals.csv</c>;
    /// the optional ones only where they exist.
    /// </summary>
    public static CustomerFiles InFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string? Optional(string name) => File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        return new CustomerFiles
        {
            Customers = Path.Combine(folder, "customers.csv"),
            Orders = Optional("orders.csv"),
            OrderLines = Optional("order_lines.csv"),
            Consents = Optional("consents.csv"),
            Interactions = Optional("interactions.csv"),
            Feedback = Optional("feedback.csv"),
            Tickets = Optional("tickets.csv"),
            Referrals = Optional("referrals.csv"),
        };
    }
}

/// <summary>
/// Customers with their whole history, read from a set of CSV files, with every rejected row reported.
/// </summary>
public sealed class CustomerDataSet
{
    private CustomerDataSet(ImmutableArray<Customer> customers, ImmutableArray<ImportIssue> issues)
    {
        Customers = customers;
        Issues = issues;
    }

    /// <summary>The customers, sorted by id, each with its history.</summary>
    public ImmutableArray<Customer> Customers { get; }

    /// <summary>Every rejected row or field, by file in reading order.</summary>
    public ImmutableArray<ImportIssue> Issues { get; }

    /// <summary>Reads the conventional files of a folder (see <see cref="CustomerFiles.InFolder"/>).</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>customers.csv</c>.</exception>
    public static CustomerDataSet ReadFolder(string folder, CsvImportOptions? options = null) => Read(CustomerFiles.InFolder(folder), options);

    /// <summary>Reads a data set from files.</summary>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    public static CustomerDataSet Read(CustomerFiles files, CsvImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var importer = new CsvImporter(options);
        var issues = ImmutableArray.CreateBuilder<ImportIssue>();

        ImportResult<T>? Load<T>(string? path, Func<TextReader, string, ImportResult<T>> read)
        {
            if (path is null)
            {
                return null;
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
            }

            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var result = read(reader, Path.GetFileName(path));
            issues.AddRange(result.Issues);
            return result;
        }

        var customers = Load(files.Customers, importer.ReadCustomers)!.Records.ToDictionary(c => c.Id);
        bool Known(CustomerId id) => customers.ContainsKey(id);

        var orders = Load(files.Orders, (r, f) => importer.ReadOrders(r, f, Known))?.Records.ToDictionary(o => o.Id) ?? [];
        if (Load(files.OrderLines, (r, f) => importer.ReadOrderLines(r, f, id => orders.TryGetValue(id, out var o) ? o.Total.Currency : null)) is { } lines)
        {
            foreach (var group in lines.Records.GroupBy(l => l.OrderId))
            {
                var order = orders[group.Key];
                orders[group.Key] = order with { Lines = [.. order.Lines, .. group.Select(g => g.Line)] };
            }
        }

        var consents = Load(files.Consents, (r, f) => importer.ReadConsents(r, f, Known))?.Records ?? [];
        var interactions = Load(files.Interactions, (r, f) => importer.ReadInteractions(r, f, Known))?.Records ?? [];
        var feedback = Load(files.Feedback, (r, f) => importer.ReadFeedback(r, f, Known))?.Records ?? [];
        var tickets = Load(files.Tickets, (r, f) => importer.ReadTickets(r, f, Known))?.Records ?? [];
        var referrals = Load(files.Referrals, (r, f) => importer.ReadReferrals(r, f, Known))?.Records ?? [];

        var ordersBy = orders.Values.ToLookup(o => o.CustomerId);
        var consentsBy = consents.ToLookup(c => c.CustomerId, c => c.Decision);
        var interactionsBy = interactions.ToLookup(i => i.CustomerId);
        var feedbackBy = feedback.ToLookup(f => f.CustomerId);
        var ticketsBy = tickets.ToLookup(t => t.CustomerId);
        var referralsBy = referrals.ToLookup(r => r.ReferrerId);

        var result = ImmutableArray.CreateBuilder<Customer>(customers.Count);
        foreach (var customer in customers.Values.OrderBy(c => c.Id))
        {
            var id = customer.Id;
            try
            {
                result.Add(customer with
                {
                    Consents = customer.Consents.Merge(ConsentLedger.From(consentsBy[id])),
                    History = new CustomerHistory
                    {
                        Orders = OrderHistory.From(ordersBy[id]),
                        Interactions = [.. interactionsBy[id]],
                        Feedback = [.. feedbackBy[id]],
                        Tickets = [.. ticketsBy[id]],
                        Referrals = [.. referralsBy[id]],
                    },
                });
            }
            catch (CrmKitException ex)
            {
                issues.Add(new ImportIssue(Path.GetFileName(files.Orders ?? files.Customers), 0, null, $"customer '{id}': {ex.Message}; the customer was imported without history."));
                result.Add(customer);
            }
        }

        return new CustomerDataSet(result.ToImmutable(), issues.ToImmutable());
    }

    /// <summary>Creates a data set from customers in memory (for writing).</summary>
    public static CustomerDataSet From(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new CustomerDataSet([.. customers.OrderBy(c => c.Id)], []);
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
}
