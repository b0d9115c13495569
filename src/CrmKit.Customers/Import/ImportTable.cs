using System.Globalization;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CrmKit.Customers.Import.Tabular;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// One input file being read: rows from a <see cref="ITabularReader"/>, fields found through a
/// <see cref="ColumnBinding"/>, and typed field readers that record every problem as an <see cref="ImportIssue"/>
/// (file, physical line, the source column's name, the value as written unless it is personal data) instead of
/// throwing. A bad required value rejects the row; a bad optional one leaves the field unset and keeps the row.
/// </summary>
/// <remarks>
/// Number styles and date orders are decided per column from the values (<see cref="AmountColumn"/>,
/// <see cref="DateTimeColumn"/>): rows are held back while a value could be read two ways and nothing has decided
/// its column yet, so that no value is ever read at another magnitude or on another day.
/// </remarks>
internal sealed class ImportTable : IDisposable
{
    private int _quietLine = -1;
    private readonly ITabularReader _reader;
    private readonly List<ImportIssue> _issues;
    private readonly Action<List<ImportIssue>>? _settled;
    private readonly FileMapping _mapping;
    private readonly Dictionary<string, AmountColumn> _amounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeColumn> _dates = new(StringComparer.Ordinal);
    private readonly Queue<TabularRow> _held = new();
    private readonly HashSet<string> _undecided = new(StringComparer.Ordinal);
    private readonly List<DetectedColumn> _detected = [];
    private const string KeptSuffix = "; the row was kept.";
    private int _rowIssues;
    private int _rowsServed;
    private readonly HashSet<int> _rejectedLines = [];
    private readonly bool _usersNumberFormat;
    private readonly bool _usersDateOrder;
    private readonly char _listSeparator;
    private readonly DateOrder _defaultDateOrder;
    private bool _ended;
    private TabularRow _row = TabularRow.Of(0, []);
    private const int MaxSharedValues = 4096;
    private readonly Dictionary<string, string>?[] _shared;
    private readonly bool[] _sharedFull;

    // Parsed list cells by field: a cell text the field has had before, read without a problem, gives the same array
    // (tags such as 'gift;premium' repeat on most rows). Like the string pool, a field stops caching at MaxSharedValues.
    private readonly Dictionary<string, Dictionary<string, Array>?> _lists = new(StringComparer.Ordinal);

    // Enum cells by field: a cell text the field has read before without a problem gives the same value without the
    // value map and the name folding again (statuses, channels, genders, purposes repeat on every row). The map and the
    // names are fixed for the file, so the value is the one they would give; at most MaxSharedValues texts per field.
    private readonly Dictionary<string, object> _enums = new(StringComparer.Ordinal);

    // Records that repeat exactly across rows (the same SKU, quantity, price and tags on many orders; a location) are
    // kept as one instance, at most MaxSharedRecords of each kind; they are immutable, so sharing them changes nothing.
    internal const int MaxSharedRecords = 1 << 16;
    private readonly Dictionary<OrderLine, OrderLine> _orderLines = new(ExactOrderLine.Instance);
    private readonly Dictionary<Location, Location> _locations = [];

    /// <param name="reader">The rows.</param>
    /// <param name="kind">The kind of file.</param>
    /// <param name="options">The import options.</param>
    /// <param name="issues">Where this file's issues are gathered (shared with <paramref name="reader"/>).</param>
    /// <param name="settled">When given, receives the issues of every settled row (and of the reader so far) at each
    /// <see cref="Next"/>, which then clears <paramref name="issues"/>: the list never holds more than a few rows' issues.</param>
    public ImportTable(ITabularReader reader, ImportFileKind kind, CsvImportOptions options, List<ImportIssue> issues, Action<List<ImportIssue>>? settled = null)
    {
        _reader = reader;
        _issues = issues;
        _settled = settled;
        Kind = kind;
        _mapping = options.Mapping.For(kind);
        _listSeparator = options.ListSeparator;
        _defaultDateOrder = options.DefaultDateOrder;
        Format = options.FormatOf(kind);
        Zone = Format.Zone!;
        Currency = Format.Currency!.Value;
        Binding = ColumnBinding.Bind(kind, reader.Header, _mapping, ColumnNames.Of(options, kind));
        // The user's own style or order (CsvImportOptions.Format: --number-format, --date-order, --date-format) is read as
        // given where the column confirms it; one from a preset or mapping is checked. Patterns are the user's order only
        // when no order came from elsewhere (a preset's mdy beside the user's dd/MM patterns is the preset's).
        _usersNumberFormat = options.Format.NumberFormat is NumberFormat.Vietnamese or NumberFormat.English;
        _usersDateOrder = options.Format.DateOrder is DateOrder.DayFirst or DateOrder.MonthFirst
            || (!options.Format.DateFormats.IsEmpty && Format.DateOrder is null or DateOrder.Auto);
        _shared = new Dictionary<string, string>?[reader.Header.Count];
        _sharedFull = new bool[reader.Header.Count];
        foreach (var field in AmountFields(kind).Where(Binding.Has))
        {
            // A style or date order the user gave (--number-format, --date-order, --date-format) is read as given; one that
            // came with a preset or a mapping is checked against the column's values.
            _amounts[field] = new AmountColumn(Binding.ColumnName(field), Format.NumberFormat ?? NumberFormat.Auto, authoritative: _usersNumberFormat);
            _detected.Add(new DetectedColumn(field, Binding.Indexes(field).Length == 1 ? Binding.IndexOf(field) : -1, field, _amounts[field], null));
        }

        foreach (var field in DateFields(kind).Where(Binding.Has))
        {
            _dates[field] = new DateTimeColumn(Binding.ColumnName(field), Format.DateOrder ?? DateOrder.Auto, options.DefaultDateOrder, Zone, Format.DateFormats, reader.IsSpreadsheet,
                authoritative: _usersDateOrder);
            _detected.Add(new DetectedColumn("@" + field, Binding.Indexes(field).Length == 1 ? Binding.IndexOf(field) : -1, field, null, _dates[field]));
        }

        foreach (var repeated in Binding.Repeated)
        {
            Issue(reader.HeaderLine, repeated, "the column appears more than once in the header; the first is read.", ImportIssueSeverity.Warning, ImportIssueKind.RepeatedColumn, []);
        }

        // Without a mapping, a column nobody reads whose name is close to a known one is most likely a misspelling.
        if (_mapping.Columns.IsEmpty)
        {
            // Names already read from another column are no suggestion ('Khách đã trả' is not 'Khách cần trả' when that is there).
            var bound = Binding.Header.Where((h, i) => h.Length > 0 && !Binding.Unused.Contains(h)).Select(TextFold.ForMatching).ToHashSet(StringComparer.Ordinal);
            var known = ImportFields.Of(kind).Select(f => f.Name).Concat(HeaderAliases.All(kind)).Where(n => !bound.Contains(TextFold.ForMatching(n))).ToList();
            foreach (var unused in Binding.Unused)
            {
                if (NearestNames.Of(unused, known) is { Count: > 0 } nearest)
                {
                    var meant = string.Join(" or ", nearest.Select(n => $"'{n}'"));
                    Issue(reader.HeaderLine, Binding.EchoHeader(unused), $"the column is not read; did you mean {meant}? Rename it, or map it with --map.", ImportIssueSeverity.Warning, ImportIssueKind.UnreadColumn, [string.Join(" / ", nearest.Select(n => $"'{n}'"))]);
                }
            }
        }
    }

    public string File => _reader.File;

    public ImportFileKind Kind { get; }

    public ColumnBinding Binding { get; }

    /// <summary>The issues of this file (shared with the reader of the file).</summary>
    public List<ImportIssue> Issues => _issues;

    /// <summary>Whether the file could not be read at all (its problem is already reported).</summary>
    public bool IsUnreadable => _reader.IsUnreadable;

    /// <summary>The line of the header row.</summary>
    public int HeaderLine => _reader.HeaderLine;

    public ImportFormat Format { get; }

    public DateTimeZone Zone { get; }

    public Currency Currency { get; }

    public TabularFormat Source => _reader.Format;

    /// <summary>The physical line where the current row starts.</summary>
    public int Line { get; private set; }

    /// <summary>Whether a field of the current row was rejected.</summary>
    public bool RowFailed { get; private set; }

    /// <summary>Data rows read so far, the rows the reader could not split included.</summary>
    public int RowsRead => _rowsServed + _reader.SkippedLines.Count;

    /// <summary>Data rows rejected so far: rows the reader could not split, rows with a rejected field, rows of rejected orders.</summary>
    public int RowsRejected => _rejectedLines.Count + _reader.SkippedLines.Count(l => !_rejectedLines.Contains(l));

    /// <summary>
    /// The lines of rows that were read and then rejected at the end of the file, because a value of theirs was read
    /// in its column's day/month order or number style, the other reading means something else, and a later value of
    /// the same column can only be read the other way (the column mixes both: see <see cref="TwoWayValues"/>). Known once
    /// <see cref="Next"/> has returned <see langword="false"/>; a caller that kept what it made of those rows drops it
    /// (<see cref="RowReadTwoWays"/> says which rows to remember). Each has its error in <see cref="Issues"/>.
    /// </summary>
    public IReadOnlySet<int> Retracted => (IReadOnlySet<int>?)_retracted ?? NoLines;

    private static readonly HashSet<int> NoLines = [];
    private HashSet<int>? _retracted;
    private Dictionary<int, List<string>>? _retractedFields;

    /// <summary>
    /// The optional fields of a row kept at the end of the file whose values were retracted as <see cref="Retracted"/>
    /// explains — a field's name, or <c>#</c> and the header name of a custom attribute's column: the caller leaves them
    /// empty, as the reader leaves an optional field with a bad value (each has its warning in <see cref="Issues"/>).
    /// Empty for most rows.
    /// </summary>
    public IReadOnlyList<string> RetractedFields(int line)
        => _retractedFields is not null && _retractedFields.TryGetValue(line, out var fields) ? fields : [];

    /// <summary>Whether any row kept at the end of the file has <see cref="RetractedFields"/>.</summary>
    public bool HasRetractedFields => _retractedFields is not null;

    /// <summary>
    /// Whether the current row read a value in its column's order or style that the other reads differently: its line
    /// may be <see cref="Retracted"/> at the end of the file.
    /// </summary>
    public bool RowReadTwoWays
    {
        get
        {
            foreach (var date in _dates.Values)
            {
                if (date.TwoWay.LastLine == Line)
                {
                    return true;
                }
            }

            foreach (var amount in _amounts.Values)
            {
                if (amount.TwoWay.LastLine == Line)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The records of a file read one record per row (every kind but orders), in file order, without those of rows
    /// <see cref="Retracted"/> at the end of the file.
    /// </summary>
    /// <param name="records">The records, read from this table one per row as it is enumerated.</param>
    /// <param name="clear">Leaves a record's <see cref="RetractedFields"/> empty; without it such a record is kept as read.</param>
    public List<T> OnePerRow<T>(IEnumerable<T> records, Func<T, IReadOnlyList<string>, T>? clear = null)
    {
        var kept = new List<T>();
        List<(int Index, int Line)>? twoWay = null;
        foreach (var record in records)
        {
            if (RowReadTwoWays)
            {
                (twoWay ??= []).Add((kept.Count, Line));
            }

            kept.Add(record);
        }

        if (twoWay is null || (Retracted.Count == 0 && !HasRetractedFields))
        {
            return kept;
        }

        var drop = new HashSet<int>();
        foreach (var (index, line) in twoWay)
        {
            if (Retracted.Contains(line))
            {
                drop.Add(index);
            }
            else if (clear is not null && RetractedFields(line) is { Count: > 0 } fields)
            {
                kept[index] = clear(kept[index], fields);
            }
        }

        return drop.Count == 0 ? kept : [.. kept.Where((_, i) => !drop.Contains(i))];
    }

    // End of the file: in a column that turned out to mix both orders or styles, every value read two ways before the
    // first value of the other kind is rejected now, as the ones after it were at once. A custom attribute's value, and
    // an optional field's, is left empty with a warning instead (RetractedFields: the field, or '#' and the attribute's
    // column), as a bad value of theirs is.
    private void Retract()
    {
        foreach (var (key, date) in _dates)
        {
            var attribute = key[0] == '#';
            foreach (var (line, text) in date.Retracted)
            {
                var optional = attribute || (_optionalTwoWay is not null && _optionalTwoWay.TryGetValue(key, out var lines) && lines.Contains(line));
                Retract(line, date.Name, key, date.MixedReason(text), optional, attribute);
            }
        }

        foreach (var (key, amount) in _amounts)
        {
            var attribute = !_detected.Any(d => ReferenceEquals(d.Amount, amount));
            foreach (var (line, text) in amount.Retracted)
            {
                Retract(line, amount.Name, attribute ? "#" + key : key, amount.MixedReason(text), optional: attribute, attribute);
            }
        }
    }

    private void Retract(int line, string column, string field, string reason, bool optional, bool attribute)
    {
        reason = Sentence(reason);
        if (!optional)
        {
            if (_rejectedLines.Add(line))
            {
                (_retracted ??= []).Add(line);
                Issue(line, column, reason, ImportIssueSeverity.Error);
            }
        }
        else if (!_rejectedLines.Contains(line))
        {
            ((_retractedFields ??= []).TryGetValue(line, out var fields) ? fields : _retractedFields[line] = []).Add(field);
            Issue(line, column, reason + (attribute ? " The attribute was left empty" : " The field was left empty") + KeptSuffix, ImportIssueSeverity.Warning);
        }
    }

    /// <summary>Marks rows as rejected (the rows of an order rejected as a whole).</summary>
    public void RejectLines(IEnumerable<int> lines) => _rejectedLines.UnionWith(lines);

    /// <summary>The number style each amount column was read in, and how it was decided.</summary>
    public IEnumerable<AmountColumn> AmountColumns => _amounts.Values;

    /// <summary>The date order each date column was read in, and how it was decided.</summary>
    public IEnumerable<DateTimeColumn> DateColumns => _dates.Values;

    /// <summary>Checks that every required field has a column (reporting each one missing); false when the file cannot be read.</summary>
    public bool CheckHeader(params string[] required)
    {
        if (_reader.IsUnreadable)
        {
            return false;
        }

        if (_reader.Header.Count == 0)
        {
            Issue(0, null, "the file is empty; a header row is needed.", ImportIssueSeverity.Error, ImportIssueKind.EmptyFile, []);
            return false;
        }

        // A header read as one column that holds another delimiter: the file is separated by it, not by the delimiter
        // given (a ';' file read with --delimiter ','), said after the missing column.
        var delimiterHint = OtherDelimiterHint();

        // A mapped optional column that is absent is normal (presets list every column a platform may have).
        foreach (var (field, names) in Binding.MissingMapped.Where(m => required.Contains(m.Field, StringComparer.Ordinal)))
        {
            Issue(_reader.HeaderLine, null, $"{ImportIssue.MappedColumnMissing}{(names.Length > 1 ? "s" : string.Empty)} {string.Join(", ", names.Select(n => $"'{n}'"))} for the required field '{field}', but the header has none of them; the header has: {string.Join(", ", _reader.Header.Select(h => $"'{Binding.EchoHeader(h)}'"))}.{delimiterHint}", ImportIssueSeverity.Error);
        }

        var missing = required.Where(r => !Binding.Has(r)).ToList();
        foreach (var field in missing.Where(f => !Binding.MissingMapped.Any(m => m.Field == f)))
        {
            var (looked, header, hints) = Binding.MissingParts(field);
            Issue(_reader.HeaderLine, null, Binding.DescribeMissing(field) + delimiterHint, ImportIssueSeverity.Error, hints.Length == 0 ? ImportIssueKind.MissingColumn : ImportIssueKind.Other, [field, looked, header]);
        }

        return missing.Count == 0;
    }

    // " The header is one column that holds ';': …" when the header is a single cell holding another of the delimiters a
    // CSV file may have (DelimiterDetector.Candidates; ImportIssue.OtherDelimiter), else empty.
    private string OtherDelimiterHint()
    {
        if (_reader.IsSpreadsheet || _reader.Header.Count != 1 || _reader.Format.Delimiter is not { } used)
        {
            return string.Empty;
        }

        var other = DelimiterDetector.Candidates.Where(d => d != used).Select(d => (Delimiter: d, Count: _reader.Header[0].Count(c => c == d))).MaxBy(x => x.Count);
        return other.Count == 0 ? string.Empty : $" {ImportIssue.OtherDelimiter(other.Delimiter, used)}";
    }

    /// <summary>Moves to the next row.</summary>
    public bool Next()
    {
        SettleRow();
        TabularRow? direct = null;
        while (_held.Count == 0 || _undecided.Count > 0)
        {
            if (_ended || !_reader.Read(out var row))
            {
                if (!_ended)
                {
                    _ended = true;
                    Finish();
                }

                if (_held.Count == 0)
                {
                    SettleRow();
                    Retract();
                    return false;
                }

                break;
            }

            _rowsServed++;
            Observe(row);
            if (_held.Count == 0 && _undecided.Count == 0)
            {
                // Served at once: the reader's own row, valid until the next Read (the next call of this method).
                direct = row;
                break;
            }

            // Held while a column is undecided: the reader refills its row, so the queue keeps a copy.
            _held.Enqueue(row.Copy());
            if (_undecided.Count == 0)
            {
                break;
            }
        }

        _row = direct ?? _held.Dequeue();
        Line = _row.Line;
        RowFailed = false;
        Drain();
        _rowIssues = _issues.Count;
        RejectControlCharacters();
        return true;
    }

    // A control character (NUL, ESC, …; tab and line breaks aside) is no text a shop typed, whatever the column: the
    // row is rejected at each cell that holds one. The cell is not echoed.
    private void RejectControlCharacters()
    {
        _quietLine = -1;
        if (Guard.ControlAt(_row.Chars) < 0)
        {
            return; // no cell holds one (the row's characters hold every cell's)
        }

        for (var i = 0; i < _row.Count; i++)
        {
            if (!_row.IsEmpty(i) && Guard.ControlAt(_row.Span(i)) is var at and >= 0 && _row.Text(i) is { } cell)
            {
                RowFailed = true;
                _rejectedLines.Add(Line);
                Issue(Line, Binding.Header[i], $"the value holds {Guard.DescribeControl(cell, at)}; the row was skipped.", ImportIssueSeverity.Error);
            }
        }

        if (RowFailed)
        {
            _quietLine = Line;
        }
    }

    /// <summary>Hands the issues gathered so far (every earlier row is settled) to the settled callback, if any.</summary>
    public void Drain()
    {
        if (_settled is not null && _issues.Count > 0)
        {
            _settled(_issues);
            _issues.Clear();
        }
    }

    // A rejected row keeps no field: its warnings must not say that it was kept.
    private void SettleRow()
    {
        if (!RowFailed)
        {
            return;
        }

        for (var i = _rowIssues; i < _issues.Count; i++)
        {
            if (_issues[i].Severity == ImportIssueSeverity.Warning && _issues[i].Reason.EndsWith(KeptSuffix, StringComparison.Ordinal))
            {
                _issues[i] = _issues[i] with { Reason = _issues[i].Reason[..^KeptSuffix.Length] + "." };
            }
        }

        RowFailed = false;
    }

    /// <summary>
    /// The text of a field's cell (trimmed, NFC) — the first non-empty of the field's columns — or null when the file
    /// has no such column or the cells are empty. A value the column has had before is returned as the same string
    /// (see <see cref="Share"/>), so callers keep it.
    /// </summary>
    public string? Text(string field)
    {
        foreach (var index in Binding.Indexes(field))
        {
            if (!_row.IsEmpty(index))
            {
                return TextOf(_row, index);
            }
        }

        return null;
    }

    // The first non-empty cell of the field's columns in a row.
    private string? CellOf(TabularRow row, string field)
    {
        foreach (var index in Binding.Indexes(field))
        {
            if (!row.IsEmpty(index))
            {
                return TextOf(row, index);
            }
        }

        return null;
    }

    // The index of the first non-empty of a field's columns in the current row, or -1.
    private int FirstCellIndex(string field)
    {
        foreach (var index in Binding.Indexes(field))
        {
            if (!_row.IsEmpty(index))
            {
                return index;
            }
        }

        return -1;
    }

    // The string of a row's cell, made once per row: a text the column has had before is looked up by the cell's
    // characters and is that same string (see Share), so that repeated values (statuses, SKUs, amounts, provinces)
    // make no string at all; null when the cell is empty.
    private string? TextOf(TabularRow row, int index)
    {
        if (row.IsEmpty(index))
        {
            return null;
        }

        if (row.MadeText(index) is { } made)
        {
            return made;
        }

        string text;
        if (_shared[index] is { } pool && pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(row.Span(index), out var shared))
        {
            text = shared;
        }
        else
        {
            text = row.Text(index)!;
            if (!_sharedFull[index])
            {
                text = Share(index, text);
            }
        }

        row.SetText(index, text);
        return text;
    }

    /// <summary>The header name of the column the current row's value of a field comes from (its first column when empty).</summary>
    public string ColumnOf(string field)
    {
        foreach (var index in Binding.Indexes(field))
        {
            if (_row.Count > index && !_row.IsEmpty(index))
            {
                return Binding.Header[index];
            }
        }

        return Binding.ColumnName(field);
    }

    /// <summary>The text of a column by index.</summary>
    public string? Cell(int index) => TextOf(_row, index);

    /// <summary>The text of a required field (shared as <see cref="Text"/>); an empty cell is reported.</summary>
    public string? Required(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            Fail(field, "the value is empty; it is required.", ImportIssueKind.RequiredValueEmpty);
        }

        return text;
    }

    // The cell of a field (the first non-empty of its columns), as read: for values that are interpreted, not kept.
    private string? RawCell(string field) => CellOf(_row, field);

    private string? RequiredCell(string field)
    {
        var value = RawCell(field);
        if (value is null)
        {
            Fail(field, "the value is empty; it is required.", ImportIssueKind.RequiredValueEmpty);
        }

        return value;
    }

    // Reads a field with a parser that returns an error text (quoting the value) instead of throwing. The parser is a
    // static lambda given its state, so that reading a field allocates no closure.
    private T? Read<T, TState>(string field, FieldUse use, TState state, Func<ImportTable, TState, string, (T? Value, string? Error)> parse)
        where T : struct
    {
        var text = use == FieldUse.Required ? RequiredCell(field) : RawCell(field);
        if (text is null)
        {
            return null;
        }

        var (value, error) = parse(this, state, text);
        if (error is not null)
        {
            Problem(field, use, Echo(field, Sentence(error), text));
            return null;
        }

        return value;
    }

    // Values of a column that repeat (SKUs, product names, tags, provinces, sources, staff ids) are kept once: a column
    // shares the strings of its first MaxSharedValues distinct values, and stops sharing once it has more (ids,
    // names, phones), so that the pool stays small and costs nothing more on such columns.
    private string Share(int index, string text)
    {
        if (_shared[index] is not { } pool)
        {
            if (_sharedFull[index])
            {
                return text;
            }

            pool = _shared[index] = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (pool.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (pool.Count == MaxSharedValues)
        {
            _shared[index] = null;
            _sharedFull[index] = true;
            return text;
        }

        pool.Add(text, text);
        return text;
    }

    /// <summary>An order line equal in every field (amounts to the digit) to one read before is that earlier instance.</summary>
    internal OrderLine Reuse(OrderLine line) => Reuse(_orderLines, line);

    /// <summary>A location equal to one read before is that earlier instance.</summary>
    internal Location Reuse(Location location) => Reuse(_locations, location);

    private static T Reuse<T>(Dictionary<T, T> pool, T value)
        where T : notnull
    {
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (pool.Count < MaxSharedRecords)
        {
            pool.Add(value, value);
        }

        return value;
    }

    /// <summary>A field read by a parser that returns an error text (quoting the value) instead of throwing.</summary>
    public T? Parse<T>(string field, FieldUse use, Func<string, (T? Value, string? Error)> parse)
        where T : struct
        => Read(field, use, parse, static (_, parse, text) => parse(text));

    /// <summary>A field read by a parser that throws <see cref="InvalidValueException"/>.</summary>
    public T? Parse<T>(string field, FieldUse use, Func<string, T> parse)
        where T : struct
        => Read(field, use, parse, static (_, parse, text) =>
        {
            try
            {
                return ((T?)parse(text), (string?)null);
            }
            catch (InvalidValueException ex)
            {
                return (null, ex.Reason + (ex.Hint is null ? string.Empty : " " + ex.Hint));
            }
        });

    public TId? Id<TId>(string field, FieldUse use = FieldUse.Required)
        where TId : struct, IIdentifier<TId>
        => Read(field, use, 0, static (_, _, text) =>
        {
            try
            {
                return ((TId?)TId.Parse(text), (string?)null);
            }
            catch (InvalidValueException ex)
            {
                return (null, ex.Reason + (ex.Hint is null ? string.Empty : " " + ex.Hint));
            }
        });

    /// <summary>An enum field: the mapping's value map first, then CrmKit's names (and a few built-in words).</summary>
    public TEnum? Enum<TEnum>(string field, FieldUse use = FieldUse.Optional)
        where TEnum : struct, Enum
        => Read(field, use, field, static (table, field, text) =>
        {
            var known = table.KnownValues<TEnum>(field);
            if (known.TryGetValue(text, out var cached))
            {
                return ((TEnum?)cached, (string?)null);
            }

            var value = table.MapValue(field, text);
            if (EnumText.TryParse<TEnum>(value, out var result))
            {
                if (known.Count < MaxSharedValues)
                {
                    known.Add(text, result);
                }

                return ((TEnum?)result, (string?)null);
            }

            var hint = ReferenceEquals(value, text)
                ? $" Map it in the mapping file (\"{ImportFields.Key(table.Kind)}\": {{\"values\": {{\"{field}\": {{\"{text}\": \"…\"}}}}}})."
                : $" (the mapping turned it into '{value}').";
            return (null, $"'{text}' is not one of: {EnumText.Names<TEnum>()}.{hint}");
        });

    // The values of a field's enum cells read so far without a problem, by the cell's text (see _enums).
    private Dictionary<string, TEnum> KnownValues<TEnum>(string field)
        where TEnum : struct, Enum
    {
        if (_enums.TryGetValue(field, out var known) && known is Dictionary<string, TEnum> values)
        {
            return values;
        }

        values = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        _enums[field] = values;
        return values;
    }

    /// <summary>A whole number (quantities, scores), in the file's number style.</summary>
    public int? Integer(string field, FieldUse use = FieldUse.Required)
        => Read(field, use, field, static (table, field, text) =>
        {
            var (amount, error) = table.Decimal(field, text);
            return error is not null ? (null, AmountText.Classify(text) == AmountEvidence.Invalid ? $"'{text}' is not a whole number." : error)
                : amount is { } a && a == decimal.Truncate(a) && a is >= int.MinValue and <= int.MaxValue ? ((int?)a, (string?)null)
                : (null, $"'{text}' is not a whole number.");
        });

    /// <summary>An amount in the file's number style, with or without a currency mark, whatever the currency.</summary>
    public decimal? Value(string field, FieldUse use = FieldUse.Required)
        => Parse<decimal>(field, use, text =>
        {
            var parsed = AmountColumnOf(field).Parse(text, Line);
            return !parsed.Success ? (null, parsed.Error)
                : !DataLimits.Contains(parsed.Value.Amount) ? (null, $"'{text}' is beyond the largest amount CrmKit records ({DataLimits.AmountRange}).")
                : (Normalize(parsed.Value.Amount), null);
        });

    /// <summary>A decimal number in the file's number style (custom attributes).</summary>
    public decimal? Number(string field, FieldUse use = FieldUse.Optional) => Read(field, use, field, static (table, field, text) => table.Decimal(field, text));

    /// <summary>An amount in the given currency (or the currency written beside it, which must agree).</summary>
    public Money? Amount(string field, Currency currency, FieldUse use = FieldUse.Required)
        => Read(field, use, (Field: field, Currency: currency), static (table, state, text) =>
        {
            var (field, currency) = state;
            var column = table.AmountColumnOf(field);
            var parsed = column.Parse(text, table.Line, currency.MinorUnits);
            if (!parsed.Success)
            {
                return (null, parsed.Error);
            }

            // '361.000' read English-style is 361 written with three decimals no VND amount has: far more likely 361000
            // written Vietnamese-style under a wrong style setting. Never read it at another magnitude: reject it.
            if (parsed.Value.Amount.Scale > currency.MinorUnits && AmountText.Analyze(text) is { Evidence: AmountEvidence.Ambiguous } both)
            {
                var other = column.Style == NumberFormat.English ? NumberFormat.Vietnamese : NumberFormat.English;
                return (null, string.Create(CultureInfo.InvariantCulture, $"'{text}' reads as {Normalize(parsed.Value.Amount)} in the {AmountText.NameOf(column.Style)} style this column is read in, with more decimals than {currency.Code} has ({currency.MinorUnits}); written {AmountText.NameOf(other)}-style it would be {Normalize(both.In(other)!.Value)}. Pass --number-format {ImportFormatNames.NameOf(other)} if so"));
            }

            if (parsed.Value.CurrencyCode is { } mark && mark != currency.Code)
            {
                return (null, $"'{text}' is written in {mark}, but the order's currency is {currency.Code}.");
            }

            var money = new Money(Normalize(parsed.Value.Amount), currency);
            if (!DataLimits.Contains(money.Amount))
            {
                return (null, $"'{text}' is beyond the largest amount CrmKit records ({DataLimits.AmountRange}).");
            }

            return money.IsWholeMinorUnits
                ? ((Money?)money, (string?)null)
                : (null, $"'{text}' has more decimals than {currency.Code} allows ({currency.MinorUnits}).");
        });

    /// <summary>The currency written in an amount cell (<c>1.250.000 ₫</c>), if any.</summary>
    public string? CurrencyMark(string field)
    {
        var text = RawCell(field);
        return text is null || !_amounts.TryGetValue(field, out var column) || column.Parse(text, Line, observe: false) is not { Success: true } parsed ? null : parsed.Value.CurrencyCode;
    }

    // ISO 8601 values (most files' dates) are read from the cell's characters; any other value, an empty or a failing
    // one, takes the path that makes its string and says what is wrong.
    public LocalDate? Date(string field, FieldUse use = FieldUse.Optional)
    {
        if (FirstCellIndex(field) is var index and >= 0 && DateColumnOf(field).TryReadYearFirstDate(_row.Span(index), out var date) && DataLimits.Contains(date))
        {
            return date;
        }

        var read = Read(field, use, field, static (table, field, text) => Tuple(table.DateColumnOf(field).ParseDate(text, table.Line)) is var (date, error) && date is { } d && !DataLimits.Contains(d)
            ? (null, $"'{text}' is outside the dates CrmKit records ({DataLimits.DateRange}).")
            : (date, error));
        NoteUse(field, use);
        return read;
    }

    public Instant? Instant(string field, FieldUse use = FieldUse.Required)
    {
        if (FirstCellIndex(field) is var index and >= 0 && DateColumnOf(field).TryReadYearFirstInstant(_row.Span(index), out var instant) && DataLimits.Contains(instant))
        {
            return instant;
        }

        var read = Read(field, use, field, static (table, field, text) => Tuple(table.DateColumnOf(field).ParseInstant(text, table.Line)) is var (instant, error) && instant is { } i && !DataLimits.Contains(i)
            ? (null, $"'{text}' is outside the instants CrmKit records ({DataLimits.InstantRange}).")
            : (instant, error));
        NoteUse(field, use);
        return read;
    }

    // Per date field, the lines whose value was read two ways as an optional field: retracted at the end of the file,
    // such a value leaves the field empty (RetractedFields) instead of rejecting the row, as a bad optional value does.
    // Per line, because one field may be read both ways (an order's placed_at is required on its first row only).
    private Dictionary<string, HashSet<int>>? _optionalTwoWay;

    private void NoteUse(string field, FieldUse use)
    {
        if (use == FieldUse.Optional && _dates.TryGetValue(field, out var column) && column.TwoWay.LastLine == Line)
        {
            ((_optionalTwoWay ??= new(StringComparer.Ordinal)).TryGetValue(field, out var lines) ? lines : _optionalTwoWay[field] = []).Add(Line);
        }
    }

    public DateTimeZone? TimeZone(string field)
        => Parse<ZoneHolder>(field, FieldUse.Optional, text => DateTimeZoneProviders.Tzdb.GetZoneOrNull(text) is { } zone
            ? (new ZoneHolder(zone), null)
            : (null, $"'{text}' is not a TZDB time zone id such as 'Asia/Ho_Chi_Minh'."))?.Zone;

    /// <summary>Splits a list cell and parses each item; each bad item is reported with the field's use.</summary>
    public ImmutableArray<T> List<T>(string field, Func<string, T> parse, FieldUse use = FieldUse.Optional) => List(field, parse, use, null);

    /// <summary>A tags field: a list normalised as the model keeps tags (trimmed, distinct ignoring case, sorted), so that a repeated cell is one array.</summary>
    public ImmutableArray<string> Tags(string field) => List(field, static t => t, FieldUse.Optional, Tagging.Normalize);

    private ImmutableArray<T> List<T>(string field, Func<string, T> parse, FieldUse use, Func<ImmutableArray<T>, ImmutableArray<T>>? normalize)
    {
        if (CellOf(_row, field) is not { } text)
        {
            return [];
        }

        var cache = _lists.TryGetValue(field, out var known) ? known : _lists[field] = new Dictionary<string, Array>(StringComparer.Ordinal);
        if (cache is not null && cache.TryGetValue(text, out var cached) && cached is T[] same)
        {
            return ImmutableCollectionsMarshal.AsImmutableArray(same);
        }

        var index = Binding.IndexOf(field);
        var failed = false;
        T[] items;
        if (text.AsSpan().Trim().IndexOf(_listSeparator) < 0)
        {
            // One item (the common case): no split, no builder.
            items = ParseItem(text.Trim()) is (true, var only) ? [only] : [];
        }
        else
        {
            var builder = ImmutableArray.CreateBuilder<T>();
            foreach (var part in text.Split(_listSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ParseItem(part) is (true, var item))
                {
                    builder.Add(item);
                }
            }

            items = builder.ToArray();
        }

        if (normalize is not null)
        {
            items = ImmutableCollectionsMarshal.AsArray(normalize(ImmutableCollectionsMarshal.AsImmutableArray(items)))!;
        }

        if (cache is not null && !failed)
        {
            if (cache.Count == MaxSharedValues)
            {
                _lists[field] = null;
            }
            else
            {
                cache.Add(text, items);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);

        (bool Ok, T Item) ParseItem(string part)
        {
            if (part.Length == 0)
            {
                return (false, default!);
            }

            try
            {
                return (true, parse(Share(index, part)));
            }
            catch (InvalidValueException ex)
            {
                failed = true;
                Problem(field, use, Echo(field, ex.Reason + (ex.Hint is null ? string.Empty : " " + ex.Hint), part));
                return (false, default!);
            }
        }
    }

    /// <summary>A yes/no field (after the mapping's value map); a value that is neither rejects the row.</summary>
    public bool? Flag(string field)
    {
        var text = RawCell(field);
        if (text is null)
        {
            return null;
        }

        var value = MapValue(field, text);
        if (FieldVocabulary.Yes.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FieldVocabulary.No.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        Fail(field, $"'{text}' is not a yes/no answer ({string.Join(", ", FieldVocabulary.Yes)} / {string.Join(", ", FieldVocabulary.No)}). Map it in the mapping file's values.{field}.");
        return null;
    }

    /// <summary>How many consent decisions the file's consent columns gave so far (<see cref="Consents"/>).</summary>
    public int ConsentDecisionCount { get; private set; }

    /// <summary>The consent decisions of the current row's consent columns, at the given instant.</summary>
    public ImmutableArray<ConsentDecision> Consents(Instant at, string source)
    {
        if (Binding.Consents.IsEmpty)
        {
            return [];
        }

        var decisions = ImmutableArray.CreateBuilder<ConsentDecision>();
        foreach (var (consent, index) in Binding.Consents)
        {
            var text = TextOf(_row, index);
            if (text is null)
            {
                continue;
            }

            var field = consent.ToString();
            var value = MapValue(field, text);
            var status = FieldVocabulary.Yes.Contains(value, StringComparer.OrdinalIgnoreCase) ? ConsentStatus.Granted
                : FieldVocabulary.No.Contains(value, StringComparer.OrdinalIgnoreCase) ? ConsentStatus.Withdrawn
                : (ConsentStatus?)null;
            if (status is null)
            {
                string yes = string.Join(", ", FieldVocabulary.Yes), no = string.Join(", ", FieldVocabulary.No);
                Issue(Line, Binding.Header[index], $"'{text}' is not a yes/no answer ({yes} / {no}); no consent was recorded.", ImportIssueSeverity.Warning, ImportIssueKind.NotYesNo, [text, yes, no]);
                continue;
            }

            decisions.Add(new ConsentDecision(consent.Channel, consent.Purpose, status.Value, at, source));
        }

        ConsentDecisionCount += decisions.Count;
        return decisions.ToImmutable();
    }

    /// <summary>The text of a column by its header name (custom attribute columns), or null.</summary>
    public string? RawColumn(string column)
    {
        var index = IndexOfHeader(column);
        return index < 0 ? null : TextOf(_row, index);
    }

    /// <summary>A number in a custom attribute column, in the file's number style; a bad one is a warning.</summary>
    public decimal? ColumnNumber(string column, string text)
    {
        var (value, error) = Decimal(column, text);
        if (error is not null)
        {
            WarnColumn(column, Sentence(error) + " The attribute was left empty; the row was kept.");
        }

        return value;
    }

    /// <summary>A date in a custom attribute column; a bad one is a warning.</summary>
    public LocalDate? ColumnDate(string column, string text) => Warned(column, AttributeDateColumn(column).ParseDate(text, Line));

    /// <summary>An instant in a custom attribute column; a bad one is a warning.</summary>
    public Instant? ColumnInstant(string column, string text) => Warned(column, AttributeDateColumn(column).ParseInstant(text, Line));

    /// <summary>A warning about the whole file, at its header line.</summary>
    public void WarnHeader(string reason) => Warn(_reader.HeaderLine, null, reason);

    /// <summary>A warning about a column by its header name.</summary>
    public void WarnColumn(string column, string reason) => Warn(Line, column, reason);

    /// <summary>The mapping's translation of a value, or the value itself.</summary>
    public string MapValue(string field, string text)
        => _mapping.Values.TryGetValue(field, out var map) && map.TryGetValue(text, out var mapped) ? mapped
            : BuiltInValues.Map(Kind, field, text);

    /// <summary>Reports a problem with a field of the current row and rejects the row.</summary>
    public void Fail(string? field, string reason) => Fail(field, reason, ImportIssueKind.Other);

    /// <summary>Reports a problem of a kind with a translated message (no arguments) with a field of the current row and rejects the row.</summary>
    private void Fail(string? field, string reason, ImportIssueKind kind)
    {
        RowFailed = true;
        _rejectedLines.Add(Line);
        Issue(Line, field is null ? null : ColumnOf(field), reason, ImportIssueSeverity.Error, kind, []);
    }

    /// <summary>Reports a problem with a field of the current row that leaves the field unset; the row is kept.</summary>
    public void Warn(string? field, string reason) => Warn(Line, field is null ? null : ColumnOf(field), reason);

    public void Dispose()
    {
        SettleRow();
        _reader.Dispose();
    }

    internal static IEnumerable<string> AmountFields(ImportFileKind kind) => kind switch
    {
        ImportFileKind.Orders => ["total", "unit_price", "line_total", "quantity"],
        ImportFileKind.OrderLines => ["unit_price", "quantity"],
        ImportFileKind.Feedback => ["score"],
        _ => [],
    };

    internal static IEnumerable<string> DateFields(ImportFileKind kind) => kind switch
    {
        ImportFileKind.Customers => ["created_at", "birth_date"],
        ImportFileKind.Orders => ["placed_at"],
        ImportFileKind.Consents or ImportFileKind.Interactions or ImportFileKind.Feedback or ImportFileKind.Referrals => ["at"],
        ImportFileKind.Tickets => ["opened_at", "first_reply_at", "solved_at", "closed_at"],
        _ => [],
    };

    private void Problem(string field, FieldUse use, string reason)
    {
        reason = Sentence(reason);
        if (use == FieldUse.Optional)
        {
            Warn(field, reason + " The field was left empty" + KeptSuffix);
        }
        else
        {
            Fail(field, reason);
        }
    }

    private (decimal? Value, string? Error) Decimal(string field, string text)
    {
        var parsed = AmountColumnOf(field).Parse(text, Line);
        return !parsed.Success ? (null, parsed.Error)
            : parsed.Value.CurrencyMark is not null ? (null, $"'{text}' is an amount of money, not a number.")
            : (parsed.Value.Amount, null);
    }

    private AmountColumn AmountColumnOf(string field)
    {
        if (!_amounts.TryGetValue(field, out var column))
        {
            // A number column outside the detected set (a custom attribute): read in the file's decided style.
            column = new AmountColumn(Binding.ColumnName(field), _amounts.Values.Select(a => a.Style).FirstOrDefault(d => d != NumberFormat.Auto, Format.NumberFormat ?? NumberFormat.Auto), authoritative: _usersNumberFormat);
            column.Finish();
            _amounts[field] = column;
        }

        return column;
    }

    private DateTimeColumn DateColumnOf(string field)
        => _dates.TryGetValue(field, out var column) ? column : throw new InvalidOperationException($"'{field}' is not a date field of the {Kind} file.");

    private void Observe(TabularRow row)
    {
        foreach (var (field, index, name, amount, date) in _detected)
        {
            if (date is not null ? date.IsDecided || date.IsFinished : amount!.IsDecided || amount.IsFinished)
            {
                continue; // nothing left to learn from its values (NeedsDecision is false): no string made for it here
            }

            if (date is not null && index >= 0 && !row.IsEmpty(index) && date.IsYearFirst(row.Span(index)))
            {
                continue; // an ISO 8601 value says nothing about the day/month order (NeedsDecision is false)
            }

            var text = index >= 0 ? TextOf(row, index) : CellOf(row, name);
            if (text is not null && (date is not null ? date.NeedsDecision(text, row.Line) : amount!.NeedsDecision(text, row.Line)))
            {
                _undecided.Add(field);
            }
        }

        if (_undecided.Count > 0)
        {
            _undecided.RemoveWhere(key => key[0] == '@' ? _dates[key[1..]].IsDecided : _amounts[key].IsDecided);
        }
    }

    // End of the file: columns still undecided take a sibling column's decision (a quantity column follows the
    // file's amounts, a birth date the creation dates), else their configured or default order.
    private void Finish()
    {
        var style = _amounts.Values.Where(a => a.IsDecided).Select(a => a.Style).Distinct().ToList();
        foreach (var column in _amounts.Values.Where(a => !a.IsDecided))
        {
            if (style.Count == 1)
            {
                column.Adopt(style[0], "the file's other amount columns");
            }

            column.Finish();
        }

        var order = _dates.Values.Where(d => d.IsDecided).Select(d => d.Order).Distinct().ToList();
        foreach (var column in _dates.Values.Where(d => !d.IsDecided))
        {
            if (order.Count == 1)
            {
                column.Adopt(order[0], "the file's other date columns");
            }

            column.Finish();
        }

        _undecided.Clear();
    }

    // The reason a cell was rejected. Values of personal fields are quoted masked; codes of fields with a fixed
    // vocabulary (statuses, genders, channels: 'Hoàn thành') as written; in any other field (dates, amounts, ids) a
    // value that looks like a person's name is masked, since it is one that slipped from its column.
    private string Echo(string field, string reason, string cell)
    {
        var masked = EchoCell(field, cell);
        return ReferenceEquals(masked, cell) || masked == cell ? reason : reason.Replace($"'{cell}'", $"'{masked}'", StringComparison.Ordinal);
    }

    // How a cell is shown in a message: personal fields masked; codes and statuses as written unless shaped like a
    // full name (a name in the currency column); anything else masked when shaped like a name. Phone numbers and
    // email addresses are masked in every message (ImportIssue).
    // (Issue 21: an amount 'hai triệu' was masked as a name; only capitalised name-shaped text is taken for one.)
    private string EchoCell(string? field, string cell)
        => field is not null && ImportFields.IsPersonal(Kind, field) ? PersonalData.MaskName(cell)
            : PersonalData.LooksLikeFullName(cell) ? PersonalData.MaskName(cell) : cell;

    // A message about the current row that quotes one of its cells ('…'), whoever wrote it (a field reader, a model
    // check), shows that cell as EchoCell does.
    private string MaskQuotedCells(string reason)
    {
        for (var i = 0; i < _row.Count; i++)
        {
            if (_row.Text(i) is { Length: > 0 } cell && reason.Contains($"'{cell}'", StringComparison.Ordinal) && EchoCell(Binding.FieldAt(i), cell) is var shown && shown != cell)
            {
                reason = reason.Replace($"'{cell}'", $"'{shown}'", StringComparison.Ordinal);
            }
        }

        return reason;
    }

    // 1.250.000,00 and 1250000 are the same amount; drop the trailing zeros a file's style added to the scale.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static (T? Value, string? Error) Tuple<T>(ReadResult<T> result)
        where T : struct
        => result.Success ? (result.Value, null) : (null, result.Error);

    private T? Warned<T>(string column, ReadResult<T> result)
        where T : struct
    {
        if (result.Success)
        {
            return result.Value;
        }

        WarnColumn(column, Sentence(result.Error) + " The attribute was left empty; the row was kept.");
        return null;
    }

    private DateTimeColumn AttributeDateColumn(string column)
    {
        var key = "#" + column;
        if (!_dates.TryGetValue(key, out var date))
        {
            date = new DateTimeColumn(column, _dates.Values.Where(d => d.IsDecided).Select(d => d.Order).FirstOrDefault(o => o != DateOrder.Auto, Format.DateOrder ?? DateOrder.Auto), _defaultDateOrder, Zone, Format.DateFormats, _reader.IsSpreadsheet, authoritative: _usersDateOrder);
            date.Finish();
            _dates[key] = date;
        }

        return date;
    }

    private int IndexOfHeader(string column)
    {
        for (var i = 0; i < _reader.Header.Count; i++)
        {
            if (string.Equals(_reader.Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Sentence(string reason) => reason.EndsWith('.') || reason.EndsWith('…') ? reason : reason + ".";

    private void Warn(int line, string? column, string reason) => Issue(line, column, reason, ImportIssueSeverity.Warning);

    // A row rejected for control characters says only that: what its fields' readers then find is noise.
    private void Issue(int line, string? column, string reason, ImportIssueSeverity severity) => Issue(line, column, reason, severity, ImportIssueKind.Other, []);

    // The kind's arguments quote the same cells as the reason and are masked the same way.
    private void Issue(int line, string? column, string reason, ImportIssueSeverity severity, ImportIssueKind kind, ImmutableArray<string> arguments)
    {
        if (line != _quietLine)
        {
            var mask = line == Line;
            _issues.Add(new ImportIssue(File, line, column, mask ? MaskQuotedCells(reason) : reason)
            {
                Severity = severity,
                Kind = kind,
                Arguments = mask ? [.. arguments.Select(a => MaskQuotedCells($"'{a}'")[1..^1])] : arguments,
            });
        }
    }

    private readonly record struct ZoneHolder(DateTimeZone Zone);

    /// <summary>A column whose number style or date order is detected from its values: its key in the undecided set ('@' before a date field), cell index and reader.</summary>
    // Index: the column's index when the field has one column, else -1 (the first non-empty of its columns is read);
    // Field: the field's name (Key is the field, or '@' and the field for a date column).
    private readonly record struct DetectedColumn(string Key, int Index, string Field, AmountColumn? Amount, DateTimeColumn? Date);
}
