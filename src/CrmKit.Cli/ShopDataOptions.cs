using System.CommandLine;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>
/// The one set of data options of every command that reads a shop (<c>run</c>, <c>customer</c>, <c>segment</c>,
/// <c>care agenda</c>, <c>replay</c>): a folder (<c>--data</c>, <c>--sample</c>, default the checkout's sample shop) or
/// the files one by one (<c>--customers</c>, <c>--orders</c> …), how they are read (<see cref="ImportOptions"/>:
/// <c>--preset</c>, <c>--map</c>, <c>--zone</c>, <c>--encoding</c> …, <c>--rejects</c>, <c>--max-rejected</c>),
/// <c>--merge</c>, and where the command uses them <c>--as-of</c> and the CLV <c>--model</c>; with the one reader
/// (<see cref="Read"/>) and the one verdict (<see cref="ImportVerdict"/>), so every command reads a shop the same way
/// and exits 1 with the same messages when it was not read as asked.
/// </summary>
internal sealed class ShopDataOptions
{
    private readonly Option<DirectoryInfo> _data = new("--data") { Description = Strings.HelpRunData };
    private readonly Option<bool> _sample = SeedsFolder.SampleOption();
    private readonly (ImportFileKind Kind, Option<FileInfo> Option)[] _files =
    [
        (ImportFileKind.Customers, new("--customers") { Description = Strings.HelpRunCustomers }),
        (ImportFileKind.Orders, new("--orders") { Description = Strings.HelpRunOrders }),
        (ImportFileKind.OrderLines, new("--order-lines") { Description = Strings.HelpRunOrderLines }),
        (ImportFileKind.Consents, new("--consents") { Description = Strings.HelpRunConsents }),
        (ImportFileKind.Interactions, new("--interactions") { Description = Strings.HelpRunInteractions }),
        (ImportFileKind.Tickets, new("--tickets") { Description = Strings.HelpRunTickets }),
        (ImportFileKind.Feedback, new("--feedback") { Description = Strings.HelpRunFeedback }),
        (ImportFileKind.Referrals, new("--referrals") { Description = Strings.HelpRunReferrals }),
    ];

    private readonly Option<string>? _asOf;
    private readonly Option<string>? _model;
    private readonly Option<string> _merge = MergeOutcome.PolicyOption();
    private readonly ImportOptions _import = new();

    /// <summary>The options; <paramref name="asOf"/> and <paramref name="clvModel"/> say whether the command takes <c>--as-of</c> and <c>--model</c>.</summary>
    public ShopDataOptions(bool asOf = true, bool clvModel = true)
    {
        _asOf = asOf ? new Option<string>("--as-of") { Description = Strings.HelpRunAsOf } : null;
        _model = clvModel ? MainJob.ClvModelOption() : null;
    }

    /// <summary>The import options among these options (for a command that also reads a single file with them).</summary>
    public ImportOptions Import => _import;

    /// <summary>
    /// The name of the first option given that only makes sense for reading a shop (<c>--data</c>, <c>--sample</c>, a
    /// file option, <c>--merge</c>, <c>--preset</c>, <c>--map</c>, <c>--sheet</c>), else <see langword="null"/>.
    /// </summary>
    public string? ShopOptionGiven(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        Option[] shopOnly = [_data, _sample, _merge, .. _files.Select(f => f.Option)];
        return shopOnly.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false })?.Name ?? _import.MappingOptionGiven(parsed);
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_data);
        command.Options.Add(_sample);
        foreach (var (_, option) in _files)
        {
            command.Options.Add(option);
        }

        if (_asOf is not null)
        {
            command.Options.Add(_asOf);
        }

        command.Options.Add(_merge);
        if (_model is not null)
        {
            command.Options.Add(_model);
        }

        _import.AddTo(command);
    }

    /// <summary>
    /// What the options ask to read, checked before any work: the files (or folder), how to read them, the zone, the
    /// as-of day, the CLV model and the merge policy; <c>--rejects</c> checked writable.
    /// </summary>
    /// <exception cref="InvalidValueException">An option's value is not valid, or options that exclude each other were given.</exception>
    /// <exception cref="FileNotFoundException">A file given does not exist.</exception>
    public MainJobSettings Settings(ParseResult parsed)
    {
        var asOf = _asOf is null ? null : parsed.GetValue(_asOf);
        _ = OptionRanges.AsOf(asOf);
        if (_import.Rejects(parsed) is { } rejects)
        {
            OutputFiles.CheckFile(rejects, "--rejects");
        }

        var given = _files.Where(f => parsed.GetValue(f.Option) is not null).ToList();
        CustomerFiles files;
        string source;
        if (given.Count > 0)
        {
            if (!given.Any(f => f.Kind is ImportFileKind.Customers or ImportFileKind.Orders))
            {
                throw new InvalidValueException(given[0].Option.Name, Strings.ErrorFileNeedsCustomersOrOrders, Strings.ErrorFileNeedsCustomersOrOrdersHint);
            }

            if (parsed.GetValue(_data) is not null)
            {
                throw new InvalidValueException("--data", Strings.ErrorDataAndFiles);
            }

            if (parsed.GetValue(_sample))
            {
                throw new InvalidValueException(SeedsFolder.SampleOptionName, Strings.ErrorSampleAndFiles);
            }

            string? Path(ImportFileKind kind) => given.FirstOrDefault(f => f.Kind == kind).Option is { } option ? Existing(parsed.GetValue(option)!, option.Name) : null;
            files = new CustomerFiles
            {
                Customers = Path(ImportFileKind.Customers),
                Orders = Path(ImportFileKind.Orders),
                OrderLines = Path(ImportFileKind.OrderLines),
                Consents = Path(ImportFileKind.Consents),
                Interactions = Path(ImportFileKind.Interactions),
                Tickets = Path(ImportFileKind.Tickets),
                Feedback = Path(ImportFileKind.Feedback),
                Referrals = Path(ImportFileKind.Referrals),
            };
            source = files.Customers ?? files.Orders!;
        }
        else
        {
            source = SeedsFolder.DataFolder(parsed, _data, _sample);
            var preset = _import.PresetName(parsed);
            if (preset is not null)
            {
                _ = ImportOptions.Preset(preset); // a mistyped preset is named first, not hidden behind the folder's files (fifth trial)
            }

            files = ExportFolder.Files(source, preset, _import.MapGiven(parsed));
        }

        var options = _import.Options(parsed);
        return new MainJobSettings
        {
            Files = files,
            Source = source,
            AsOf = asOf,
            Zone = options.FormatOf(ImportFileKind.Orders).Zone!,
            Import = options,
            ClvModel = _model is null ? MainJob.AutoModel : parsed.GetValue(_model)!,
            Merge = MergeOutcome.ParsePolicy(parsed.GetValue(_merge)),
        };
    }

    /// <summary>
    /// Reads the files <paramref name="settings"/> name (<see cref="MainJob.Import"/>: the issues grouped on
    /// <paramref name="warnings"/>, every issue to <c>--rejects</c> when asked) and judges the result against
    /// <c>--max-rejected</c> (and <paramref name="strict"/>: any rejected row), as <c>crmkit run</c> does.
    /// </summary>
    public ShopRead Read(ParseResult parsed, MainJobSettings settings, TextWriter warnings, Progress? progress = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (options, rejects) = _import.WithRejects(parsed, settings.Import);
        (CustomerDataSet DataSet, TimeSpan Elapsed, TimeSpan Cpu) imported;
        using (rejects)
        {
            imported = MainJob.Import(settings with { Import = options }, warnings, progress);
        }

        return new ShopRead(imported, ImportVerdict.Of(imported.DataSet, _import.MaxRejected(parsed), strict));
    }

    private static string Existing(FileInfo file, string option)
        => InputFiles.Existing(file, option, Display.Format(Strings.ErrorFileMissing, file.FullName, option));
}

/// <summary>What <see cref="ShopDataOptions.Read"/> read, and whether it was read as asked.</summary>
/// <param name="Imported">The data set, with the import's wall and processor time.</param>
/// <param name="Verdict">Whether the data is usable and was read as asked, and why not.</param>
internal sealed record ShopRead((CustomerDataSet DataSet, TimeSpan Elapsed, TimeSpan Cpu) Imported, ImportVerdict Verdict)
{
    /// <summary>The data set read.</summary>
    public CustomerDataSet DataSet => Imported.DataSet;
}
