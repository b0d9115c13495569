using System.CommandLine;
using CrmKit.Cli.Localization;
using CrmKit.Customers;

namespace CrmKit.Cli;

/// <summary>
/// Where the commands find their data when no file or folder is given: the sample shop (the files of the repository's
/// <c>seeds/store</c>) ships beside the tool — in the build output and inside the tool package — and
/// <c>--sample</c> runs on it from any folder. Without <c>--data</c> or <c>--sample</c>, a command run inside a CrmKit
/// checkout reads that checkout's <c>seeds/store</c> (the README's quick start); anywhere else it stops with a usage
/// error naming both options rather than guess which shop was meant.
/// </summary>
internal static class SeedsFolder
{
    /// <summary>The option that runs a command on the bundled sample shop.</summary>
    public const string SampleOptionName = "--sample";

    /// <summary>The sample shop's folder below the tool's own folder (and below a checkout's root).</summary>
    public static readonly string StorePath = Path.Combine("seeds", "store");

    /// <summary>The <c>--sample</c> option of a command whose own data comes with <paramref name="dataOption"/>.</summary>
    public static Option<bool> SampleOption(string dataOption = "--data") => new(SampleOptionName)
    {
        Description = Display.Format(Strings.HelpSample, dataOption),
    };

    /// <summary>
    /// The error for a data folder that is not there: a usage error naming the file's folder when the path is a file
    /// (exit code 2; sixth trial: a file given to <c>--data</c> was said not to exist), else
    /// <see cref="DirectoryNotFoundException"/> in the invocation's language (the library's own is English).
    /// </summary>
    /// <param name="path">The full path given.</param>
    /// <param name="option">The option it was given with (<c>--data</c>).</param>
    public static Exception MissingFolder(string path, string option)
        => File.Exists(path)
            ? new InvalidValueException(option, Display.Format(Strings.ErrorIsFileNotFolder, path),
                Display.Format(Strings.ErrorGiveFolderOfFile, path, option, Path.GetDirectoryName(path)))
            : new DirectoryNotFoundException(Display.Format(Strings.ErrorDataFolderMissing, path, option));

    /// <summary>
    /// The data folder a command reads: <paramref name="data"/>'s folder, the bundled sample with
    /// <paramref name="sample"/>, or the checkout's <c>seeds/store</c> when the working folder is in a CrmKit checkout.
    /// </summary>
    /// <exception cref="InvalidValueException">Both options are given, or neither outside a checkout (wrong usage, exit code 2).</exception>
    public static string DataFolder(ParseResult parsed, Option<DirectoryInfo> data, Option<bool> sample)
    {
        var folder = parsed.GetValue(data);
        if (parsed.GetValue(sample))
        {
            return folder is null ? Sample() : throw new InvalidValueException(SampleOptionName, Display.Format(Strings.ErrorSampleAndData, SampleOptionName, data.Name));
        }

        if (folder is not null && !folder.Exists)
        {
            throw MissingFolder(folder.FullName, data.Name);
        }

        return folder?.FullName ?? Checkout() ?? throw NoData(data.Name);
    }

    /// <summary>
    /// The error for a command given no data outside a checkout, naming <paramref name="dataOption"/> with its
    /// placeholder (FOLDER, THƯ_MỤC), the orders-only shape (<c>--preset kiotviet --orders FILE</c>) and <c>--sample</c>.
    /// </summary>
    public static InvalidValueException NoData(string dataOption)
        => new(dataOption, Display.Format(Strings.ErrorNoData, Directory.GetCurrentDirectory()), Display.Format(Strings.ErrorNoDataHint, dataOption, Strings.PlaceholderFolder, Strings.PlaceholderFile, SampleOptionName));

    /// <summary>The sample shop shipped with the tool: <c>seeds/store</c> in the tool's own folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The tool's folder has no sample (a damaged installation).</exception>
    public static string Sample()
    {
        var bundled = Path.Combine(AppContext.BaseDirectory, StorePath);
        return File.Exists(Path.Combine(bundled, "customers.csv"))
            ? bundled
            : throw new DirectoryNotFoundException(Display.Format(Strings.ErrorSampleMissing, bundled));
    }

    /// <summary>
    /// The shop as the report's title names it (sixth trial: the title was the whole folder path): the bundled sample
    /// shop by name (<c>cửa hàng mẫu</c>, <c>the sample shop</c>), a folder by its own name (<c>/data/cua-hang-abc</c> →
    /// <c>cua-hang-abc</c>), files given one by one by the name of the first one's folder.
    /// </summary>
    public static string ShopName(MainJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var described = Describe(settings);
        if (described == Strings.SampleShopName)
        {
            return described;
        }

        // The folder's own name ("cua-hang-ABC"), or for files given one by one the folder of the first.
        var folder = Directory.Exists(settings.Source) ? settings.Source : Path.GetDirectoryName(Path.GetFullPath(Enum.GetValues<Customers.Import.ImportFileKind>().Select(settings.Files.Of).OfType<string>().FirstOrDefault() ?? settings.Source));
        var name = Path.GetFileName(Path.GetFullPath(folder ?? settings.Source).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        return string.IsNullOrEmpty(name) ? described : name;
    }

    /// <summary>
    /// What a run read, as the summary's first line and the report's data line name it: the bundled sample shop by name
    /// (<c>sample shop</c>, <c>cửa hàng mẫu</c>) rather than the tool's install path, a folder by its path, files given
    /// one by one by all their paths (<c>…/customers.csv and …/orders.csv</c>); the title uses <see cref="ShopName"/>.
    /// </summary>
    public static string Describe(MainJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bundled = Path.Combine(AppContext.BaseDirectory, StorePath);
        if (string.Equals(Path.GetFullPath(settings.Source).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(bundled).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            return Strings.SampleShopName;
        }

        if (Directory.Exists(settings.Source))
        {
            return settings.Source;
        }

        var files = Enum.GetValues<Customers.Import.ImportFileKind>().Select(settings.Files.Of).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return files.Count <= 1 ? settings.Source : Display.Format(Strings.SourceFiles, string.Join(", ", files[..^1]), files[^1]);
    }

    /// <summary>The <c>seeds/store</c> of the CrmKit checkout the working folder is in (the folder with <c>CrmKit.sln</c>), or <see langword="null"/>.</summary>
    public static string? Checkout() => CheckoutFrom(Directory.GetCurrentDirectory());

    /// <summary>
    /// The checkout's <c>seeds/store</c> for the repository's own tool (<c>crmkit-seeds generate</c> writes there): the
    /// checkout of the working folder, else the one the tool was built in.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither is in a checkout.</exception>
    public static string Store()
        => Checkout() ?? CheckoutFrom(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(Strings.ErrorNoCheckoutForOut);

    private static string? CheckoutFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmKit.sln")))
            {
                return Path.Combine(dir.FullName, StorePath);
            }
        }

        return null;
    }
}
