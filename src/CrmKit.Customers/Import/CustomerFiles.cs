namespace CrmKit.Customers.Import;

/// <summary>The files of a customer data set: a customers file, an orders file, or both, and the optional others.</summary>
public sealed record CustomerFiles
{
    private static readonly string[] Extensions = [".csv", ".xlsx", ".xls"];

    /// <summary>The customers file (CSV or Excel); optional when there is an orders file, whose rows then define the customers.</summary>
    public string? Customers { get; init; }

    /// <summary>The orders file (CSV or Excel): one row per order, or one row per order line.</summary>
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

    /// <summary>The file of a kind, or <see langword="null"/>.</summary>
    public string? Of(ImportFileKind kind) => kind switch
    {
        ImportFileKind.Customers => Customers,
        ImportFileKind.Orders => Orders,
        ImportFileKind.OrderLines => OrderLines,
        ImportFileKind.Consents => Consents,
        ImportFileKind.Interactions => Interactions,
        ImportFileKind.Feedback => Feedback,
        ImportFileKind.Tickets => Tickets,
        ImportFileKind.Referrals => Referrals,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a file kind."),
    };

    /// <summary>
    /// The conventional file names in a folder, each as <c>.csv</c> or <c>.xlsx</c>: <c>customers</c>, <c>orders</c>,
    /// <c>order_lines</c>, <c>consents</c>, <c>interactions</c>, <c>feedback</c>, <c>tickets</c>, <c>referrals</c> —
    /// those that exist.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has neither a customers nor an orders file.</exception>
    public static CustomerFiles InFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The data folder '{folder}' does not exist.");
        }

        string? Optional(string name) => Extensions.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);
        var files = new CustomerFiles
        {
            Customers = Optional("customers"),
            Orders = Optional("orders"),
            OrderLines = Optional("order_lines"),
            Consents = Optional("consents"),
            Interactions = Optional("interactions"),
            Feedback = Optional("feedback"),
            Tickets = Optional("tickets"),
            Referrals = Optional("referrals"),
        };
        if (files.Customers is null && files.Orders is null)
        {
            var present = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(12).ToList();
            throw new FileNotFoundException(
                $"The folder '{folder}' has neither customers.csv nor orders.csv (nor .xlsx); it has: {(present.Count == 0 ? "no files" : string.Join(", ", present))}. Name the files with --customers and --orders.",
                Path.Combine(folder, "customers.csv"));
        }

        return files;
    }
}
