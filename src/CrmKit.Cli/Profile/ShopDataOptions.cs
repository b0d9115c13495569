using System.CommandLine;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Cli.Profile;

/// <summary>
/// The data options of <c>crmkit customer</c>, the same as <c>crmkit run</c>'s: a folder (<c>--data</c>, default the
/// bundled sample shop) or the files one by one (<c>--customers</c>, <c>--orders</c> …), how they are read
/// (<see cref="ImportOptions"/>: <c>--preset</c>, <c>--map</c>, <c>--zone</c> …), <c>--as-of</c>, the CLV <c>--model</c>
/// and the <c>--merge</c> policy.
/// </summary>
internal sealed class ShopDataOptions
{
    private readonly Option<DirectoryInfo> _data = new("--data") { Description = ProfileStrings.DataOptionDescription };
    private readonly Option<bool> _sample = SeedsFolder.SampleOption();
    private readonly (ImportFileKind Kind, Option<FileInfo> Option)[] _files =
    [
        .. Enum.GetValues<ImportFileKind>().Select(kind => (kind, new Option<FileInfo>(OptionName(kind)) { Description = Display.Format(ProfileStrings.FileOptionDescription, OptionName(kind)[2..]) })),
    ];

    private readonly Option<string> _asOf = new("--as-of") { Description = ProfileStrings.AsOfOptionDescription };
    private readonly Option<string> _model = MainJob.ClvModelOption();
    private readonly Option<string> _merge = MergeOutcome.PolicyOption();
    private readonly ImportOptions _import = new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_data);
        command.Options.Add(_sample);
        foreach (var (_, option) in _files)
        {
            command.Options.Add(option);
        }

        command.Options.Add(_asOf);
        command.Options.Add(_model);
        command.Options.Add(_merge);
        _import.AddTo(command);
    }

    /// <summary>
    /// Reads the data the options name and classifies the shop (<see cref="ShopAnalysis.Run"/>); <see langword="null"/>
    /// when the data is not usable (no usable rows, or more rows rejected than <c>--max-rejected</c> allows), after
    /// saying why on <paramref name="error"/>.
    /// </summary>
    /// <exception cref="InvalidValueException">An option's value is not valid.</exception>
    /// <exception cref="FileNotFoundException">A file given does not exist.</exception>
    public ShopAnalysis? Analyse(ParseResult parsed, TextWriter error)
    {
        _ = OptionRanges.AsOf(parsed.GetValue(_asOf));
        var given = _files.Where(f => parsed.GetValue(f.Option) is not null).ToList();
        CustomerFiles files;
        if (given.Count > 0)
        {
            if (parsed.GetValue(_data) is not null)
            {
                throw new InvalidValueException("--data", ProfileStrings.DataAndFiles);
            }

            if (parsed.GetValue(_sample))
            {
                throw new InvalidValueException(SeedsFolder.SampleOptionName, Strings.ErrorSampleAndFiles);
            }

            if (!given.Any(f => f.Kind is ImportFileKind.Customers or ImportFileKind.Orders))
            {
                throw new InvalidValueException(given[0].Option.Name, ProfileStrings.FileNeedsCustomersOrOrders, ProfileStrings.FileNeedsCustomersOrOrdersHint);
            }

            string? Path(ImportFileKind kind) => given.FirstOrDefault(f => f.Kind == kind).Option is { } option ? Existing(parsed.GetValue(option)!, option.Name) : null;
            files = new CustomerFiles
            {
                Customers = Path(ImportFileKind.Customers),
                Orders = Path(ImportFileKind.Orders),
                OrderLines = Path(ImportFileKind.OrderLines),
                Consents = Path(ImportFileKind.Consents),
                Interactions = Path(ImportFileKind.Interactions),
                Feedback = Path(ImportFileKind.Feedback),
                Tickets = Path(ImportFileKind.Tickets),
                Referrals = Path(ImportFileKind.Referrals),
            };
        }
        else
        {
            files = CustomerFiles.InFolder(SeedsFolder.DataFolder(parsed, _data, _sample));
        }

        if (_import.Rejects(parsed) is { } rejectsFile)
        {
            OutputFiles.CheckFile(rejectsFile, "--rejects");
        }

        var (options, rejects) = _import.WithRejects(parsed, _import.Options(parsed));
        var settings = new MainJobSettings
        {
            Files = files,
            Source = files.Customers ?? files.Orders ?? string.Empty,
            AsOf = parsed.GetValue(_asOf),
            Zone = options.FormatOf(ImportFileKind.Orders).Zone!,
            Import = options,
            ClvModel = parsed.GetValue(_model)!,
            Merge = MergeOutcome.ParsePolicy(parsed.GetValue(_merge)),
        };
        CustomerDataSet dataSet;
        using (rejects)
        {
            dataSet = MainJob.Import(settings, error).DataSet;
        }

        var verdict = ImportVerdict.Of(dataSet, _import.MaxRejected(parsed), strict: false);
        if (!verdict.Usable)
        {
            foreach (var line in verdict.Messages)
            {
                error.WriteLine($"crmkit: {line}");
            }

            return null;
        }

        return ShopAnalysis.Run(settings, dataSet);
    }

    private static string OptionName(ImportFileKind kind) => "--" + string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Existing(FileInfo file, string option)
        => file.Exists ? file.FullName : throw new FileNotFoundException(Display.Format(ProfileStrings.FileNotFound, file.FullName, option), file.FullName);
}
