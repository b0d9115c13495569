// The CSV reader as it was at commit 6ec0695 (before the import rewrite), kept as the import benchmarks' same-run
// baseline. Adapted only to compile here: renamed types, internal, CrmKit.Customers' internal helpers copied.
using System.Collections.Immutable;
using System.Text;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Benchmarks.PreviousImport;

/// <summary>The files of a customer data set; only the customers file is required.</summary>
internal sealed record PreviousCustomerFiles
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
    public static PreviousCustomerFiles InFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string? Optional(string name) => File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        return new PreviousCustomerFiles
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
internal sealed class PreviousCustomerDataSet
{
    private PreviousCustomerDataSet(ImmutableArray<Customer> customers, ImmutableArray<ImportIssue> issues)
    {
        Customers = customers;
        Issues = issues;
    }

    /// <summary>The customers, sorted by id, each with its history.</summary>
    public ImmutableArray<Customer> Customers { get; }

    /// <summary>Every rejected row or field, by file in reading order.</summary>
    public ImmutableArray<ImportIssue> Issues { get; }

    /// <summary>Reads the conventional files of a folder (see <see cref="PreviousCustomerFiles.InFolder"/>).</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>customers.csv</c>.</exception>
    public static PreviousCustomerDataSet ReadFolder(string folder, PreviousCsvImportOptions? options = null) => Read(PreviousCustomerFiles.InFolder(folder), options);

    /// <summary>Reads a data set from files.</summary>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    public static PreviousCustomerDataSet Read(PreviousCustomerFiles files, PreviousCsvImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var importer = new PreviousCsvImporter(options);
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

        return new PreviousCustomerDataSet(result.ToImmutable(), issues.ToImmutable());
    }
}
