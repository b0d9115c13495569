// The CSV reader as it was at commit 6ec0695 (before the import rewrite), kept as the import benchmarks' same-run
// baseline. Adapted only to compile here: renamed types, internal, CrmKit.Customers' internal helpers copied.
using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Benchmarks.PreviousImport;

/// <summary>
/// Reads a CSV file row by row with typed field accessors that record every bad field as an
/// <see cref="ImportIssue"/> (file, line, column, reason) instead of throwing, so that one pass reports
/// every problem and keeps every valid row.
/// </summary>
internal sealed class PreviousCsvTable : IDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImportIssue> _issues;
    private readonly PreviousCsvImportOptions _options;
    private readonly ImmutableArray<LocalDatePattern> _datePatterns;
    private readonly ImmutableArray<LocalDateTimePattern> _dateTimePatterns;
    private string? _badData;
    private int _headerCount;

    public PreviousCsvTable(TextReader reader, string file, PreviousCsvImportOptions options, List<ImportIssue> issues)
    {
        File = file;
        _issues = issues;
        _options = options;
        _datePatterns = [.. options.DatePatterns.Select(p => LocalDatePattern.CreateWithInvariantCulture(p))];
        _dateTimePatterns = [.. options.DateTimePatterns.Select(p => LocalDateTimePattern.CreateWithInvariantCulture(p))];
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = options.Delimiter.ToString(),
            BadDataFound = args => _badData ??= "a quote inside an unquoted field, or an unterminated quoted field",
            MissingFieldFound = null,
            HeaderValidated = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        _csv = new CsvReader(reader, config);
    }

    public string File { get; }

    /// <summary>The 1-based line where the current row starts.</summary>
    public int Line { get; private set; }

    /// <summary>Whether a field of the current row was rejected.</summary>
    public bool RowFailed { get; private set; }

    /// <summary>Reads the header and checks that every required column is there; reports each one missing.</summary>
    public bool ReadHeader(params string[] required)
    {
        if (!_csv.Read())
        {
            Issue(0, null, "the file is empty; a header row is needed.");
            return false;
        }

        _csv.ReadHeader();
        var header = _csv.HeaderRecord ?? [];
        _headerCount = header.Length;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!_columns.TryAdd(name, i))
            {
                Issue(1, name, "the column appears twice in the header.");
            }
        }

        var missing = required.Where(r => !_columns.ContainsKey(r)).ToList();
        foreach (var name in missing)
        {
            Issue(1, name, $"required column is missing; the header has: {string.Join(", ", header)}.");
        }

        return missing.Count == 0;
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Moves to the next row; rows of the wrong width or with broken quoting are reported and skipped.</summary>
    public bool NextRow()
    {
        while (true)
        {
            var previousEnd = _csv.Parser.RawRow;
            _badData = null;
            if (!_csv.Read())
            {
                return false;
            }

            Line = previousEnd + 1;
            RowFailed = false;
            _ = _csv.Parser.Record; // fields are parsed lazily; parse them all now so that bad quoting is seen
            if (_badData is not null)
            {
                Issue(Line, null, $"the row is not valid CSV: {_badData}; the row was skipped.");
                continue;
            }

            if (_csv.Parser.Count != _headerCount)
            {
                Issue(Line, null, $"the row has {_csv.Parser.Count} fields but the header has {_headerCount}; the row was skipped.");
                continue;
            }

            return true;
        }
    }

    /// <summary>The trimmed text of a column, or null when the column is absent or the cell empty.</summary>
    public string? Text(string column)
    {
        if (!_columns.TryGetValue(column, out var index))
        {
            return null;
        }

        var value = _csv.Parser[index]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The text of a required column; an empty cell is reported.</summary>
    public string? Required(string column)
    {
        var value = Text(column);
        if (value is null)
        {
            Fail(column, "the value is empty; it is required.");
        }

        return value;
    }

    public T? Parse<T>(string column, bool required, Func<string, T> parse)
        where T : struct
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (InvalidValueException ex)
        {
            Fail(column, Echo(ex, text));
            return null;
        }
    }

    public TId? Id<TId>(string column, bool required = true)
        where TId : struct, IIdentifier<TId>
        => Parse(column, required, TId.Parse);

    public TEnum? Enum<TEnum>(string column, bool required = false)
        where TEnum : struct, Enum
        => Parse(column, required, text => PreviousEnumText.Parse<TEnum>(text));

    public int? Integer(string column, bool required = true)
        => Parse(column, required, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidValueException(column, $"'{text}' is not a whole number."));

    public decimal? Decimal(string column, bool required = true)
        => Parse(column, required, text => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidValueException(column, $"'{text}' is not a number (digits with an optional '.' decimal point, no thousands separators)."));

    public Money? Amount(string column, Currency currency, bool required = true)
        => Parse(column, required, text =>
        {
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw new InvalidValueException(column, $"'{text}' is not an amount (digits with an optional '.' decimal point, no thousands separators).");
            }

            var money = new Money(amount, currency);
            return money.IsWholeMinorUnits
                ? money
                : throw new InvalidValueException(column, $"'{text}' has more decimals than {currency.Code} allows ({currency.MinorUnits}).");
        });

    public LocalDate? Date(string column, bool required = false)
        => Parse(column, required, text =>
        {
            foreach (var pattern in _datePatterns)
            {
                var result = pattern.Parse(text);
                if (result.Success)
                {
                    return result.Value;
                }
            }

            throw new InvalidValueException(column, $"'{text}' is not a date in any of the accepted formats ({string.Join(", ", _options.DatePatterns)}).");
        });

    public Instant? Instant(string column, bool required = true)
        => Parse(column, required, text => PreviousInstantParsing.Parse(text, column, _options.ShopTimeZone, _dateTimePatterns, _datePatterns));

    public DateTimeZone? Zone(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
        if (zone is null)
        {
            Fail(column, $"'{PersonalData.MaskIfName(text)}' is not a TZDB time zone id such as 'Asia/Ho_Chi_Minh'.");
        }

        return zone;
    }

    /// <summary>Splits a list cell and parses each item; each bad item is reported.</summary>
    public ImmutableArray<T> List<T>(string column, Func<string, T> parse)
    {
        var text = Text(column);
        if (text is null)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>();
        foreach (var part in text.Split(_options.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                items.Add(parse(part));
            }
            catch (InvalidValueException ex)
            {
                Fail(column, Echo(ex, part));
            }
        }

        return items.ToImmutable();
    }

    // The reason a cell was rejected; a cell that looks like a person's name (a column shifted by a stray comma)
    // is quoted masked.
    private static string Echo(InvalidValueException ex, string cell)
    {
        var reason = ex.Reason + (ex.Hint is null ? string.Empty : " " + ex.Hint);
        var masked = PersonalData.MaskIfName(cell);
        return ReferenceEquals(masked, cell) ? reason : reason.Replace($"'{cell}'", $"'{masked}'", StringComparison.Ordinal);
    }

    /// <summary>Reports a problem with a field of the current row and marks the row as failed.</summary>
    public void Fail(string? column, string reason)
    {
        RowFailed = true;
        Issue(Line, column, reason);
    }

    public void Dispose() => _csv.Dispose();

    private void Issue(int line, string? column, string reason) => _issues.Add(new ImportIssue(File, line, column, reason));
}

/// <summary>Enum values in files: case-insensitive, with or without '_', '-' or spaces (<c>phone_call</c>, <c>PhoneCall</c>, <c>phone call</c>).</summary>
internal static class PreviousEnumText
{
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var key = Normalize(text);
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (Normalize(value.ToString()) == key)
            {
                return value;
            }
        }

        throw new InvalidValueException(typeof(TEnum).Name, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetValues<TEnum>().Select(Format))}.");
    }

    /// <summary><c>PhoneCall</c> → <c>phone_call</c>.</summary>
    public static string Format<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static string Normalize(string text)
        => new([.. text.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);
}

/// <summary>Parses instants from ISO text with <c>Z</c> or an offset, or from local date-times and dates in a zone.</summary>
internal static class PreviousInstantParsing
{
    public static Instant Parse(string text, string column, DateTimeZone zone, ImmutableArray<LocalDateTimePattern> localPatterns, ImmutableArray<LocalDatePattern> datePatterns)
    {
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success)
        {
            return instant.Value;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }

        foreach (var pattern in localPatterns)
        {
            var local = pattern.Parse(text);
            if (local.Success)
            {
                return InZone(local.Value, zone, column, text);
            }
        }

        foreach (var pattern in datePatterns)
        {
            var date = pattern.Parse(text);
            if (date.Success)
            {
                return zone.AtStartOfDay(date.Value).ToInstant();
            }
        }

        throw new InvalidValueException(column, $"'{text}' is not a date or date-time in an accepted format (ISO 8601 such as 2025-01-29T10:15:00+07:00, or {string.Join(", ", localPatterns.Select(p => p.PatternText))}).");
    }

    private static Instant InZone(LocalDateTime local, DateTimeZone zone, string column, string text)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            1 => mapping.Single().ToInstant(),
            0 => throw new InvalidValueException(column, $"'{text}' does not exist in {zone.Id} (the clocks skipped it).", "Give the time with its UTC offset."),
            _ => throw new InvalidValueException(column, $"'{text}' happened twice in {zone.Id} (the clocks went back).", "Give the time with its UTC offset."),
        };
    }
}
