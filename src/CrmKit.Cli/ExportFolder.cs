using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>
/// The files of a <c>--data</c> folder: the conventional names (as <see cref="CustomerFiles.InFolder"/> finds them:
/// <c>customers.csv</c>, <c>orders.xlsx</c> …) and, with a preset whose platform names its exports in a known way, the
/// platform's own names for a role the conventional names leave empty — KiotViet saves its customer list as
/// <c>DanhSachKhachHang_*.xlsx</c> and its invoice details as <c>DanhSachChiTietHoaDon_*.xlsx</c>, Shopify its exports as
/// <c>customers_export*.csv</c> and <c>orders_export*.csv</c> (fourth newcomer trial, issue 21). Two such files for one
/// role are a usage error naming both; errors are in the invocation's language.
/// </summary>
internal static class ExportFolder
{
    private static readonly string[] Extensions = [".csv", ".xlsx"];
    private static readonly string[] ConventionalExtensions = [".csv", ".xlsx", ".xls"];

    /// <summary>The presets whose platform names its export files, with the start of each role's file name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Customers, string Orders)> PlatformNames = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["kiotviet"] = ("DanhSachKhachHang", "DanhSachChiTietHoaDon"),
        ["shopify"] = ("customers_export", "orders_export"),
    };

    /// <summary>The files in <paramref name="folder"/> read with the preset <paramref name="preset"/> (or none).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidValueException">The path is a file (usage error).</exception>
    /// <exception cref="FileNotFoundException">The folder has neither a customers nor an orders file.</exception>
    /// <exception cref="InvalidValueException">Two of the platform's files for one role (usage error).</exception>
    /// <param name="folder">The folder.</param>
    /// <param name="preset">The preset given, or <see langword="null"/>.</param>
    /// <param name="mapGiven">Whether a mapping file was given: without a preset, the files of the one platform whose
    /// export names the folder holds are then read with it (a mapping started from <c>crmkit presets kiotviet</c>).
    /// Without either, such a folder is refused with the preset to add.</param>
    public static CustomerFiles Files(string folder, string? preset, bool mapGiven = false)
    {
        if (!Directory.Exists(folder))
        {
            throw SeedsFolder.MissingFolder(Path.GetFullPath(folder), "--data");
        }

        // The names and extensions CustomerFiles.InFolder looks for, in its order.
        string? Conventional(string name) => ConventionalExtensions.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);
        var customers = Conventional("customers");
        var orders = Conventional("orders");
        (string Customers, string Orders)? platform = preset is not null && PlatformNames.TryGetValue(preset, out var names) ? names : null;
        if (preset is null && (customers is null || orders is null))
        {
            // No preset, and a role the conventional names leave empty: the export names of one platform fill it with a
            // mapping file; without one the folder is refused with the preset to add, rather than read without the file
            // (fifth trial).
            string? Missing(KeyValuePair<string, (string Customers, string Orders)> p)
                => (customers is null ? Platform(folder, p.Value.Customers) : null) ?? (orders is null ? Platform(folder, p.Value.Orders) : null);
            var found = PlatformNames.Where(p => Missing(p) is not null).ToList();
            if (found.Count == 1 && mapGiven)
            {
                platform = found[0].Value;
            }
            else if (found.Count == 1)
            {
                throw new InvalidValueException("--data", Display.Format(Strings.ErrorFolderIsPlatformExport, folder, Path.GetFileName(Missing(found[0])!), found[0].Key), Display.Format(Strings.ErrorFolderIsPlatformExportHint, found[0].Key));
            }
        }

        if (platform is { } known)
        {
            customers ??= Platform(folder, known.Customers);
            orders ??= Platform(folder, known.Orders);
        }

        if (customers is null && orders is null)
        {
            var present = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(12).ToList();
            var listing = present.Count == 0 ? Strings.FolderHasNoFiles : string.Join(", ", present);
            throw new FileNotFoundException(
                platform is { } p
                    ? Display.Format(Strings.ErrorFolderHasNoPlatformFiles, folder, listing, $"{p.Customers}_*", $"{p.Orders}_*")
                    : Display.Format(Strings.ErrorFolderHasNoFiles, folder, listing),
                Path.Combine(folder, "customers.csv"));
        }

        return new CustomerFiles
        {
            Customers = customers,
            Orders = orders,
            OrderLines = Conventional("order_lines"),
            Consents = Conventional("consents"),
            Interactions = Conventional("interactions"),
            Feedback = Conventional("feedback"),
            Tickets = Conventional("tickets"),
            Referrals = Conventional("referrals"),
        };
    }

    // The one file of the folder whose name starts with the platform's name for a role, or null; two are a usage error.
    private static string? Platform(string folder, string start)
    {
        var matches = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetFileName(f).StartsWith(start, StringComparison.OrdinalIgnoreCase) && Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new InvalidValueException("--data", Display.Format(Strings.ErrorPlatformFilesTwice, start, Path.GetFileName(matches[0]), Path.GetFileName(matches[1])), Strings.ErrorPlatformFilesTwiceHint),
        };
    }
}
