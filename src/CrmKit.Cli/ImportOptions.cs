using System.CommandLine;
using System.Globalization;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CsvHelper;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>The options of <c>crmkit run</c> that say how the input files are read, and where rejected rows go.</summary>
internal sealed partial class ImportOptions
{
    /// <summary>The default share of a file's rows that may be rejected before the run exits with 1, in percent.</summary>
    public const double DefaultMaxRejectedPercent = 1;

    private readonly Option<string> _preset = new("--preset") { Description = Display.Format(Strings.HelpImportPreset, string.Join(", ", ImportMapping.PresetNames)) };
    private readonly Option<FileInfo> _map = new("--map") { Description = Strings.HelpImportMap };
    private readonly Option<string> _zone = new("--zone") { Description = Strings.HelpImportZone };
    private readonly Option<string> _encoding = new("--encoding") { Description = Strings.HelpImportEncoding };
    private readonly Option<string> _delimiter = new("--delimiter") { Description = Strings.HelpImportDelimiter };
    private readonly Option<string> _numberFormat = new("--number-format") { Description = Strings.HelpImportNumberFormat };
    private readonly Option<string[]> _dateFormat = new("--date-format") { Description = Strings.HelpImportDateFormat, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> _dateOrder = new("--date-order") { Description = Strings.HelpImportDateOrder };
    private readonly Option<string> _sheet = new("--sheet") { Description = Strings.HelpImportSheet };
    private readonly Option<FileInfo> _rejects = new("--rejects") { Description = Strings.HelpImportRejects };
    private readonly Option<double> _maxRejected = new("--max-rejected") { Description = Strings.HelpImportMaxRejected, DefaultValueFactory = _ => DefaultMaxRejectedPercent };
    private readonly Option<string> _exportedAt = new("--exported-at") { Description = Strings.HelpImportExportedAt };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _preset, _map, _zone, _encoding, _delimiter, _numberFormat, _dateFormat, _dateOrder, _sheet, _exportedAt, _rejects, _maxRejected })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The name of <c>--preset</c>, <c>--map</c> or <c>--sheet</c> when given (they describe a shop's export, not one transactions file), else <see langword="null"/>.</summary>
    public string? MappingOptionGiven(ParseResult parsed)
        => new Option[] { _preset, _map, _sheet }.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false })?.Name;

    /// <summary>The <c>--preset</c> given, else <see langword="null"/>.</summary>
    public string? PresetName(ParseResult parsed) => parsed.GetValue(_preset)?.Trim();

    /// <summary>Whether <c>--map</c> was given.</summary>
    public bool MapGiven(ParseResult parsed) => parsed.GetValue(_map) is not null;

    /// <summary>The name of the first value-format option given on the command line (see <see cref="AddValueFormatTo"/>), else <see langword="null"/>.</summary>
    public string? ValueFormatOptionGiven(ParseResult parsed)
        => new Option[] { _zone, _delimiter, _numberFormat, _dateFormat, _dateOrder }.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false })?.Name;

    /// <summary>Writes every issue to the --rejects file, if one was asked for (for readers that collect their issues in a list).</summary>
    public void WriteRejects(ParseResult parsed, IEnumerable<ImportIssue> issues)
    {
        if (parsed.GetValue(_rejects) is not { } file)
        {
            return;
        }

        using var rejects = new RejectsFile(file);
        foreach (var issue in issues)
        {
            rejects.Write(issue);
        }
    }

    /// <summary>
    /// The built-in preset <paramref name="name"/> (<see cref="ImportMapping.Preset"/>), with the error for an unknown
    /// name in the invocation's language: the nearest names and the list (the library's message is English).
    /// </summary>
    /// <exception cref="InvalidValueException">No preset has that name (usage error).</exception>
    public static ImportMapping Preset(string name)
    {
        if (!ImportMapping.PresetNames.Any(p => string.Equals(p, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            var nearest = NearestNames.Of(name, ImportMapping.PresetNames);
            throw new InvalidValueException(
                "--preset",
                Display.Format(
                    Strings.ErrorPresetUnknown,
                    name,
                    nearest.Count == 0 ? string.Empty : Display.Format(Strings.ErrorNearestKnown, string.Join(", ", nearest.Select(n => $"'{n}'"))),
                    string.Join(", ", ImportMapping.PresetNames)),
                Display.Format(Strings.ErrorPresetUnknownHint, Strings.PlaceholderFile));
        }

        return ImportMapping.Preset(name);
    }

    // A mapping file (ImportMapping.Load) with its two commonest errors, absent and not JSON, in the invocation's language.
    private static ImportMapping Load(string path)
    {
        if (Directory.Exists(path))
        {
            // A folder is wrong usage, as for every other file option (sixth trial: it was said not to exist, exit 1).
            throw new InvalidValueException("--map", Display.Format(Strings.ErrorIsFolder, path), Strings.ErrorMapHint);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(Display.Format(Strings.ErrorMapFileMissing, path), path);
        }

        try
        {
            return ImportMapping.Load(path);
        }
        catch (InvalidValueException ex) when (NotJsonPattern().Match(ex.Reason) is { Success: true } notJson)
        {
            throw new InvalidValueException(ex.Field, NotJson(notJson), Strings.ErrorMapHint);
        }
        catch (InvalidValueException ex) when (ex.Field == Path.GetFileName(path) || ex.Field == path)
        {
            // The problems of the file's content, one per JSON path, in the invocation's language.
            throw new InvalidValueException(ex.Field, MappingProblemText.Translate(ex.Reason), Strings.ErrorMapHint);
        }
    }

    // The JSON reader's own detail ("'b' is an invalid start of a property name") is English: written in an English run only.
    private static string NotJson(System.Text.RegularExpressions.Match notJson)
        => Display.Format(Strings.ErrorMapNotJson, notJson.Groups["line"].Value, notJson.Groups["position"].Value)
            + (UiLanguage.Current == UiLanguage.English ? ": " + notJson.Groups["detail"].Value : ".");

    [System.Text.RegularExpressions.GeneratedRegex(@"^is not valid JSON: line (?<line>\d+), position (?<position>\d+): (?<detail>.*)$", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NotJsonPattern();

    /// <summary>The import options the command line asks for.</summary>
    /// <exception cref="InvalidValueException">An option's value is not valid; the message names the option.</exception>
    public CsvImportOptions Options(ParseResult parsed)
    {
        // Both: the mapping file laid over the preset, so that it need only say what it adds (a consent column) or changes.
        var preset = parsed.GetValue(_preset) is { } presetName ? Preset(presetName) : null;
        var mapping = parsed.GetValue(_map) is { } map ? Load(map.FullName).Then(preset)
            : preset ?? ImportMapping.None;
        var zone = parsed.GetValue(_zone) is { } zoneId
            ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new InvalidValueException("--zone", Display.Format(Strings.ErrorZoneUnknown, zoneId), Strings.ErrorZoneHint)
            : null;
        var encoding = parsed.GetValue(_encoding);

        var dateFormats = parsed.GetValue(_dateFormat) ?? [];
        foreach (var pattern in dateFormats)
        {
            if (!ImportFormat.IsDatePattern(pattern, out var why))
            {
                throw new InvalidValueException("--date-format", Display.Format(Strings.ErrorDatePattern, pattern, why), Strings.ErrorDatePatternHint);
            }
        }

        var maxRejected = parsed.GetValue(_maxRejected);
        if (!(maxRejected is >= 0 and <= 100))
        {
            throw new InvalidValueException("--max-rejected", Display.Format(Strings.ErrorPercentRange, maxRejected));
        }

        var options = new CsvImportOptions
        {
            Mapping = mapping,
            Format = new ImportFormat
            {
                Zone = zone,
                Encoding = encoding,
                Delimiter = parsed.GetValue(_delimiter) switch
                {
                    null => null,
                    "," or ";" or "|" => parsed.GetValue(_delimiter)![0],
                    "tab" or "\\t" or "\t" => '\t',
                    var other => throw new InvalidValueException("--delimiter", Display.Format(Strings.ErrorNotOneOf, other, "',', ';', '|', tab")),
                },
                NumberFormat = parsed.GetValue(_numberFormat) is { } number
                    ? ImportFormat.ParseNumberFormat(number) ?? throw new InvalidValueException("--number-format", Display.Format(Strings.ErrorNotOneOf, number, "vi, en, auto"))
                    : null,
                DateOrder = parsed.GetValue(_dateOrder) is { } order
                    ? ImportFormat.ParseDateOrder(order) ?? throw new InvalidValueException("--date-order", Display.Format(Strings.ErrorNotOneOf, order, "dmy, mdy, ymd, auto"))
                    : null,
                DateFormats = [.. dateFormats],
                Sheet = parsed.GetValue(_sheet),
            },
        };

        // The export's time in the shop's zone (--zone, else the mapping's, else the default), as the files' own times.
        return parsed.GetValue(_exportedAt) is { } exportedAt
            ? options with { ExportedAt = OptionRanges.ExportedAt(exportedAt, options.FormatOf(ImportFileKind.Customers).Zone!) }
            : options;
    }

    public double MaxRejected(ParseResult parsed) => parsed.GetValue(_maxRejected);

    /// <summary>The --rejects file, if one was asked for.</summary>
    public FileInfo? Rejects(ParseResult parsed) => parsed.GetValue(_rejects);

    /// <summary>
    /// Opens the --rejects file, if one was asked for, and returns the options with <see cref="CsvImportOptions.OnIssue"/>
    /// writing every issue to it as the import finds it (so the file has all of them, while the data set keeps only the
    /// first ones of each file); dispose the writer after the import.
    /// </summary>
    public (CsvImportOptions Options, IDisposable? Rejects) WithRejects(ParseResult parsed, CsvImportOptions options)
    {
        if (parsed.GetValue(_rejects) is not { } file)
        {
            return (options, null);
        }

        var rejects = new RejectsFile(file);
        return (options with { OnIssue = rejects.Write }, rejects);
    }

    /// <summary>The --rejects CSV file: file, line, column, severity, reason; cells a spreadsheet would run written as text.</summary>
    private sealed class RejectsFile : IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly CsvWriter _csv;

        public RejectsFile(FileInfo file)
        {
            file.Directory?.Create();
            _writer = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            _csv = new CsvWriter(_writer, CultureInfo.InvariantCulture);
            foreach (var header in new[] { "file", "line", "column", "severity", "reason" })
            {
                _csv.WriteField(SpreadsheetSafety.Cell(header));
            }

            _csv.NextRecord();
        }

        public void Write(ImportIssue issue)
        {
            _csv.WriteField(SpreadsheetSafety.Cell(issue.File));
            _csv.WriteField(issue.Line);
            _csv.WriteField(SpreadsheetSafety.Cell(issue.Column));
            _csv.WriteField(issue.Severity == ImportIssueSeverity.Error ? "rejected" : "warning");
            _csv.WriteField(SpreadsheetSafety.Cell(issue.Reason));
            _csv.NextRecord();
        }

        public void Dispose()
        {
            _csv.Dispose();
            _writer.Dispose();
        }
    }
}
