using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace CrmKit.Customers.Import;

/// <summary>
/// Reads the dates or date-times of one column, deciding day-first or month-first from the column's own values
/// when the order is not configured, for a reader that streams rows.
/// </summary>
/// <remarks>
/// <para>
/// Forms, tried in this order: the explicit NodaTime patterns given to the constructor (<c>M/d/yy H:mm</c>,
/// <c>dd/MM/yyyy HH:mm:ss</c>; a two-digit <c>yy</c> year follows the rule below, not NodaTime's own pivot);
/// Excel serial day numbers (<c>45123</c>, <c>45123.75</c>) when the column is built with <c>excelSerials</c>; the
/// built-in forms of <see cref="DateTimeText"/>: ISO 8601 dates and date-times with or without an offset
/// (<c>2025-08-28</c>, <c>2025-08-28T19:09:00.5+07:00</c>, <c>2025-08-28 19:09:00 +0700</c>), numeric dates with
/// <c>/</c>, <c>-</c> or <c>.</c> (<c>28/08/2025</c>, <c>12/1/10 8:26</c>, <c>5.6.2025 7:30 PM</c>) and <c>yyyyMMdd</c>.
/// Two-digit years: <c>00</c>–<c>69</c> are 2000–2069, <c>70</c>–<c>99</c> are 1970–1999.
/// </para>
/// <para>
/// Day and month: a configured order (<see cref="DateOrder.DayFirst"/>, <see cref="DateOrder.MonthFirst"/>,
/// <see cref="DateOrder.YearFirst"/>) is used as given, and a value that can only be read in another order is an
/// error. With <see cref="DateOrder.Auto"/> the first value that is a valid date in only one order
/// (<c>25/12/2024</c>: day first; <c>12/25/2024</c>: month first) decides the column, and a later value that
/// contradicts it is an error naming the deciding line. A value valid in both orders (<c>12/1/10</c>) waits:
/// <see cref="NeedsDecision"/> returns <see langword="true"/> and the caller keeps the row; when nothing decides,
/// <see cref="Finish"/> falls back to the default order given to the constructor (day first for Vietnam).
/// </para>
/// <para>
/// A value without an offset is a local date-time in the column's zone; a date alone is the start of that day
/// there. A local time that the clocks skipped (a daylight-saving gap) or passed twice (an overlap) is an error
/// asking for the offset: CrmKit never guesses an instant.
/// </para>
/// </remarks>
internal sealed class DateTimeColumn
{
    private string? _lastTokenized;
    private bool _lastTokenizedOk;
    private DateTimeParts _lastParts;

    /// <summary>The command-line option that gives date patterns, as hints quote it.</summary>
    public const string DateFormatOption = "--date-format";

    private readonly ImmutableArray<ExplicitPattern> _patterns;

    /// <summary>Creates the reader of a column.</summary>
    /// <param name="name">The column's name, for messages and the summary.</param>
    /// <param name="configured">The configured order; <see cref="DateOrder.Auto"/> to detect day/month from the values.</param>
    /// <param name="defaultOrder">The order used when auto-detection finds nothing deciding: <see cref="DateOrder.DayFirst"/> or <see cref="DateOrder.MonthFirst"/>.</param>
    /// <param name="zone">The zone of date-times written without an offset.</param>
    /// <param name="patterns">NodaTime patterns (invariant culture) tried before the built-in forms, or <see langword="null"/>.</param>
    /// <param name="excelSerials">Whether plain numbers are Excel serial day numbers (cells of an xlsx sheet).</param>
    /// <param name="authoritative">Whether the configured order (or the patterns' order) is the user's own assertion
    /// (<c>--date-order</c>, <c>--date-format</c>): then values the other order reads differently are read in it without
    /// being checked against the column, and only a value it cannot read is rejected. An order that came with a preset or
    /// a mapping is checked against the column.</param>
    /// <exception cref="ArgumentException">A blank name, an undefined order, a default order other than day or month first, or an invalid pattern.</exception>
    public DateTimeColumn(string name, DateOrder configured, DateOrder defaultOrder, DateTimeZone zone, IEnumerable<string>? patterns = null, bool excelSerials = false, bool authoritative = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(zone);
        if (!Enum.IsDefined(configured))
        {
            throw new ArgumentException($"{configured} is not a date order.", nameof(configured));
        }

        if (defaultOrder is not (DateOrder.DayFirst or DateOrder.MonthFirst))
        {
            throw new ArgumentException($"The default date order is DayFirst or MonthFirst, not {defaultOrder}.", nameof(defaultOrder));
        }

        Name = name;
        Configured = configured;
        DefaultOrder = defaultOrder;
        Zone = zone;
        ExcelSerials = excelSerials;
        _patterns = [.. (patterns ?? []).Select(ExplicitPattern.Create)];
        Patterns = [.. _patterns.Select(p => p.Text)];

        // Patterns that all put the day before the month (dd/MM/yyyy), or all the month before the day, say the column's
        // order as --date-order would: a value no pattern matches is read in it, checked against the column like a
        // configured order, and a value a pattern reads that the other order reads differently is kept only while no
        // value of the column contradicts that order.
        var patternOrders = _patterns.Select(p => p.DayMonthOrder).Where(o => o is not null).Distinct().ToList();
        // A configured order that differs from the patterns' wins, and the patterns then say nothing about the column.
        _patternOrder = patternOrders.Count == 1 && (configured == DateOrder.Auto || configured == patternOrders[0]) ? patternOrders[0] : null;
        if (configured == DateOrder.Auto && _patternOrder is { } fromPatterns)
        {
            configured = fromPatterns;
        }

        Authoritative = authoritative && configured is DateOrder.DayFirst or DateOrder.MonthFirst;
        if (configured is DateOrder.DayFirst or DateOrder.MonthFirst)
        {
            // A configured day/month order is checked against the values before a value readable both ways is read in
            // it: such values wait (as in an auto-detected column) until a value readable one way only confirms the
            // order, or contradicts it — then the column is not written in the configured order and the values
            // readable both ways are rejected too, rather than read at a date the file may not mean.
            _configuredDayMonth = configured;
            Order = DateOrder.Auto;
            OrderSource = ColumnFormatSource.Undecided;
        }
        else
        {
            Order = configured;
            OrderSource = configured == DateOrder.Auto ? ColumnFormatSource.Undecided : ColumnFormatSource.Configured;
        }
    }

    // The configured order while it is checked against the values (DayFirst or MonthFirst), else null.
    private readonly DateOrder? _configuredDayMonth;

    // The day/month order all the explicit patterns share, or null.
    private readonly DateOrder? _patternOrder;

    // The first value that can only be read in the order other than the column's (configured or detected): the column
    // contradicts its order, so a value readable both ways with two meanings cannot be trusted in either.
    private (int Line, string Text)? _contradiction;

    /// <summary>The values read in the column's order that the other order reads as another date.</summary>
    public TwoWayValues TwoWay { get; } = new();

    /// <summary>
    /// The values read in the column's order before a later value that can only be read the other way showed that the
    /// column mixes both; empty while it does not. Their rows are rejected at the end of the file (<see cref="MixedReason"/>).
    /// </summary>
    /// <remarks>
    /// With the user's own order (<see cref="Authoritative"/>) they are retracted only when no value of the column can be
    /// read in that order alone: a column that confirms the order and holds a few values of the other (typing mistakes)
    /// is read in it, the others rejected at their lines; a column written wholly the other way is not read at all.
    /// </remarks>
    public IReadOnlyList<(int Line, string Text)> Retracted => _contradiction is null || (Authoritative && _confirmed) ? [] : TwoWay.ReadBefore;

    // Whether a value readable only in the column's day/month order was read.
    private bool _confirmed;

    /// <summary>
    /// Why a value readable both ways is rejected in a column that mixes both orders; quotes <paramref name="trimmed"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is not contradicted.</exception>
    public string MixedReason(string trimmed)
    {
        var c = _contradiction ?? throw new InvalidOperationException($"Column '{Name}' holds no value of the other order.");
        var other = Order == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
        return OrderSource == ColumnFormatSource.Detected
            ? $"'{trimmed}' reads both {NameOf(Order)} and {NameOf(other)}, and this column has values that can only be read {NameOf(Order)} (line {EvidenceLine}: {AmountText.Quote(EvidenceText!)}) and values that can only be read {NameOf(other)} (line {c.Line}: {AmountText.Quote(c.Text)}); correct the values written in the wrong order, or pass {DateOrderOption} dmy or mdy to read the whole column in one order"
            : $"'{trimmed}' reads both {NameOf(Order)} and {NameOf(other)}, and this column has values that can only be read {NameOf(other)} (line {c.Line}: {AmountText.Quote(c.Text)}) though the date order is set to {NameOf(Order)}; pass {DateOrderOption} {ImportFormatNames.NameOf(other)} if the file is written {NameOf(other)}";
    }

    /// <summary>The command-line option that gives the day/month order, as hints quote it.</summary>
    public const string DateOrderOption = "--date-order";

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Whether the order is the user's own and read as given (see the constructor).</summary>
    public bool Authoritative { get; }

    /// <summary>The order given to the constructor.</summary>
    public DateOrder Configured { get; }

    /// <summary>The order used when nothing decides an auto-detected column.</summary>
    public DateOrder DefaultOrder { get; }

    /// <summary>The zone of date-times written without an offset.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The explicit patterns, in the order they are tried.</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>Whether plain numbers are read as Excel serial day numbers.</summary>
    public bool ExcelSerials { get; }

    /// <summary>The order numeric dates are read in: configured, detected or defaulted; <see cref="DateOrder.Auto"/> while undecided.</summary>
    public DateOrder Order { get; private set; }

    /// <summary>Where <see cref="Order"/> came from.</summary>
    public ColumnFormatSource OrderSource { get; private set; }

    /// <summary>Whether the order is known.</summary>
    public bool IsDecided => Order != DateOrder.Auto;

    /// <summary>The line of the value that decided the order, when detected.</summary>
    public int? EvidenceLine { get; private set; }

    /// <summary>The value that decided the order, as written, when detected.</summary>
    public string? EvidenceText { get; private set; }

    /// <summary>How many values valid in both orders <see cref="NeedsDecision"/> saw while the order was unknown.</summary>
    public int AmbiguousCount { get; private set; }

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>
    /// The forms messages list, for the current order: <c>ISO 8601, d/M/yyyy H:mm, yyyyMMdd</c>, after the explicit
    /// patterns and before Excel serial numbers when those are read.
    /// </summary>
    public string ExpectedForms
    {
        get
        {
            var numeric = (IsDecided ? Order : _configuredDayMonth ?? DefaultOrder) switch
            {
                DateOrder.MonthFirst => "M/d/yyyy H:mm",
                DateOrder.YearFirst => "yy/M/d H:mm",
                _ => "d/M/yyyy H:mm",
            };
            IEnumerable<string> forms = [.. Patterns, "ISO 8601", numeric, "yyyyMMdd"];
            return string.Join(", ", ExcelSerials ? forms.Append("Excel serial day numbers") : forms);
        }
    }

    /// <summary>
    /// Records what a value proves about the order (the first value valid in only one order decides an
    /// auto-detected column) and returns <see langword="true"/> when it is valid in both orders with different
    /// meanings while the order is unknown: the caller keeps the row until the column is decided or finished.
    /// </summary>
    /// <param name="text">The cell as written.</param>
    /// <param name="line">The 1-based physical line of the row.</param>
    public bool NeedsDecision(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsDecided || IsFinished)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (MatchesExplicitPattern(trimmed) || (ExcelSerials && DateTimeText.IsExcelSerialShape(trimmed))
            || !Tokenize(trimmed, out var parts) || parts.Kind != DateTimeParts.Shape.Numeric)
        {
            return false;
        }

        _sawDayMonthValue = true;

        var dayFirst = DateTimeText.TryResolve(parts, DateOrder.DayFirst, out var asDayFirst, out _, out _, out _);
        var monthFirst = DateTimeText.TryResolve(parts, DateOrder.MonthFirst, out var asMonthFirst, out _, out _, out _);
        if (dayFirst != monthFirst)
        {
            Decide(dayFirst ? DateOrder.DayFirst : DateOrder.MonthFirst, trimmed, line);
            return false;
        }

        if (dayFirst && asDayFirst != asMonthFirst)
        {
            AmbiguousCount++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Takes the order another column of the same file was decided in, for a column whose own values never decided
    /// it (birth dates beside creation dates); <paramref name="from"/> names that column.
    /// </summary>
    public void Adopt(DateOrder order, string from)
    {
        if (IsDecided || order == DateOrder.Auto || _configuredDayMonth is not null)
        {
            return;
        }

        Order = order;
        OrderSource = ColumnFormatSource.Adopted;
        EvidenceText = from;
    }

    /// <summary>Marks the end of the data: an undecided auto-detected column takes the default order.</summary>
    public void Finish()
    {
        IsFinished = true;
        if (!IsDecided)
        {
            Order = _configuredDayMonth ?? DefaultOrder;
            OrderSource = _configuredDayMonth is null ? ColumnFormatSource.Defaulted : ColumnFormatSource.Configured;
        }
    }

    /// <summary>
    /// Reads a value as an instant: with its offset when written with one; otherwise as a local date-time in
    /// <see cref="Zone"/>, a date alone meaning the start of that day there.
    /// </summary>
    /// <param name="text">The cell as written.</param>
    /// <param name="line">The 1-based physical line of the row.</param>
    /// <exception cref="InvalidOperationException">The value is valid in both orders and the order is not decided yet (see <see cref="NeedsDecision"/>).</exception>
    public ReadResult<Instant> ParseInstant(string text, int line)
    {
        var read = Read(text, line);
        if (!read.Success)
        {
            return ReadResult<Instant>.Fail(read.Error);
        }

        var (date, time, offset) = read.Value;
        if (offset is { } o)
        {
            return ReadResult<Instant>.Ok(date.At(time ?? LocalTime.Midnight).WithOffset(o).ToInstant());
        }

        if (time is not { } localTime)
        {
            return ReadResult<Instant>.Ok(Zone.AtStartOfDay(date).ToInstant());
        }

        var mapping = Zone.MapLocal(date.At(localTime));
        if (mapping.Count == 1)
        {
            return ReadResult<Instant>.Ok(mapping.Single().ToInstant());
        }

        var quoted = AmountText.Quote(text);
        switch (mapping.Count)
        {
            case 0:
            {
                var (from, to) = Transition(mapping);
                return ReadResult<Instant>.Fail($"{quoted} does not exist in {Zone.Id}: the clocks went forward from {from} to {to}; write it with its UTC offset");
            }

            default:
            {
                var (from, to) = Transition(mapping);
                return ReadResult<Instant>.Fail(
                    $"{quoted} happened twice in {Zone.Id}: the clocks went back from {from} to {to}; write it with its UTC offset, "
                    + $"{ShowOffset(mapping.EarlyInterval.WallOffset)} for the first time or {ShowOffset(mapping.LateInterval.WallOffset)} for the second");
            }
        }
    }

    /// <summary>
    /// Reads a year-first value (ISO 8601: <c>2024-11-01T08:04:00+07:00</c>, <c>1992-12-12</c>) from the characters of
    /// a cell without making a string, as <see cref="ParseInstant"/> reads it. False for anything else, a value that
    /// fails included, and in a column with explicit patterns or Excel serials: the caller then reads it with
    /// <see cref="ParseInstant"/>, which says why it fails. A year-first value is read the same whatever the day/month
    /// order, so nothing about the column changes.
    /// </summary>
    public bool TryReadYearFirstInstant(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (!TryReadYearFirst(text, out var value))
        {
            return false;
        }

        var (date, time, offset) = value;
        if (offset is { } o)
        {
            instant = date.At(time ?? LocalTime.Midnight).WithOffset(o).ToInstant();
            return true;
        }

        if (time is not { } localTime)
        {
            instant = Zone.AtStartOfDay(date).ToInstant();
            return true;
        }

        var mapping = Zone.MapLocal(date.At(localTime));
        if (mapping.Count != 1)
        {
            return false;
        }

        instant = mapping.Single().ToInstant();
        return true;
    }

    /// <summary>As <see cref="TryReadYearFirstInstant"/>, a calendar date as <see cref="ParseDate"/> reads it.</summary>
    public bool TryReadYearFirstDate(ReadOnlySpan<char> text, out LocalDate date)
    {
        date = default;
        if (!TryReadYearFirst(text, out var value) || value.Offset is not null || (value.Time is { } time && time != LocalTime.Midnight))
        {
            return false;
        }

        date = value.Date;
        return true;
    }

    /// <summary>
    /// Whether <see cref="NeedsDecision"/> would learn nothing from the value because it is written year first (ISO
    /// 8601), checked on the cell's characters without making a string: false when it must be asked.
    /// </summary>
    public bool IsYearFirst(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return _patterns.IsEmpty && !trimmed.IsEmpty && !(ExcelSerials && DateTimeText.IsExcelSerialShape(trimmed))
            && DateTimeText.TryTokenize(trimmed, out var parts) && parts.Kind != DateTimeParts.Shape.Numeric;
    }

    // The common path of Read for a value that is not day/month numeric: no pattern to try first, not an Excel serial.
    private bool TryReadYearFirst(ReadOnlySpan<char> text, out DateTimeValue value)
    {
        value = default;
        var trimmed = text.Trim();
        if (!_patterns.IsEmpty || trimmed.IsEmpty || (ExcelSerials && DateTimeText.IsExcelSerialShape(trimmed))
            || !DateTimeText.TryTokenize(trimmed, out var parts) || parts.Kind == DateTimeParts.Shape.Numeric
            || !DateTimeText.TryResolve(parts, DateOrder.YearFirst, out var date, out var time, out var offset, out _))
        {
            return false;
        }

        value = new DateTimeValue(date, time, offset);
        return true;
    }

    /// <summary>
    /// Reads a value as a calendar date. A date-time is an error, except a time of exactly 00:00 without an offset,
    /// which Excel appends to the date cells it exports (<c>1/5/1990 0:00</c>).
    /// </summary>
    /// <param name="text">The cell as written.</param>
    /// <param name="line">The 1-based physical line of the row.</param>
    /// <exception cref="InvalidOperationException">The value is valid in both orders and the order is not decided yet (see <see cref="NeedsDecision"/>).</exception>
    public ReadResult<LocalDate> ParseDate(string text, int line)
    {
        var read = Read(text, line);
        if (!read.Success)
        {
            return ReadResult<LocalDate>.Fail(read.Error);
        }

        var (date, time, offset) = read.Value;
        return offset is null && (time is null || time == LocalTime.Midnight)
            ? ReadResult<LocalDate>.Ok(date)
            : ReadResult<LocalDate>.Fail($"{AmountText.Quote(text)} is a date-time, not a date; this column takes a date such as 2025-08-28");
    }

    /// <summary>How the column's date order was read, for <see cref="ImportedFile.DateOrders"/>.</summary>
    public ColumnReading Reading() => new(OrderSource, Describe()[(Name.Length + 2)..])
    {
        Order = Order,
        AllYearMonthDay = OrderSource is ColumnFormatSource.Adopted or ColumnFormatSource.Defaulted && !_sawDayMonthValue,
        EvidenceLine = OrderSource == ColumnFormatSource.Detected ? EvidenceLine : null,
        EvidenceText = OrderSource == ColumnFormatSource.Detected ? EvidenceText?.Trim() : null,
        AmbiguousCount = AmbiguousCount,
    };

    /// <summary>
    /// One line for the import summary: <c>placed_at: day first, detected from line 17 ('25/12/2024')</c>,
    /// <c>placed_at: month first, configured</c>, <c>placed_at: day first by default (nothing decided; 12 ambiguous values)</c>.
    /// </summary>
    public string Describe() => OrderSource switch
    {
        // Every value was year-month-day (ISO 8601, yyyyMMdd) or an explicit pattern: no order was needed or used.
        ColumnFormatSource.Adopted or ColumnFormatSource.Defaulted when !_sawDayMonthValue => $"{Name}: {YearMonthDay}",
        ColumnFormatSource.Detected => $"{Name}: {NameOf(Order)}, detected from line {EvidenceLine} ({AmountText.Quote(EvidenceText!)})",
        ColumnFormatSource.Configured => $"{Name}: {NameOf(Order)}, configured",
        ColumnFormatSource.Adopted => $"{Name}: {NameOf(Order)}, as {EvidenceText}",
        ColumnFormatSource.Defaulted => $"{Name}: {NameOf(Order)} by default (nothing decided; {AmbiguousCount} ambiguous {(AmbiguousCount == 1 ? "value" : "values")})",
        _ => $"{Name}: order not decided yet",
    };

    /// <summary>How <see cref="Describe"/> names a column whose values were all year-month-day.</summary>
    public const string YearMonthDay = "year-month-day (ISO 8601)";

    // Whether a value in day/month/year or month/day/year shape was seen while the order was undecided.
    private bool _sawDayMonthValue;

    /// <summary><c>day first</c>, <c>month first</c> or <c>year first</c>.</summary>
    public static string NameOf(DateOrder order) => order switch
    {
        DateOrder.DayFirst => "day first",
        DateOrder.MonthFirst => "month first",
        DateOrder.YearFirst => "year first",
        _ => "auto-detected",
    };

    private static string ShowOffset(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? '-' : '+';
        seconds = Math.Abs(seconds);
        return $"{sign}{seconds / 3600:00}:{seconds / 60 % 60:00}";
    }

    private static (string From, string To) Transition(ZoneLocalMapping mapping)
    {
        var at = mapping.LateInterval.Start;
        var pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
        return (pattern.Format(at.WithOffset(mapping.EarlyInterval.WallOffset).TimeOfDay), pattern.Format(at.WithOffset(mapping.LateInterval.WallOffset).TimeOfDay));
    }

    private bool MatchesExplicitPattern(string trimmed)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.TryParse(trimmed) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // The tokens of the last value: a streaming reader asks NeedsDecision and then ParseInstant or ParseDate about the
    // same cell (while the column is undecided, which for ISO 8601 values is the whole file), and
    // DateTimeText.TryTokenize is a pure function of the text.
    private bool Tokenize(string trimmed, out DateTimeParts parts)
    {
        if (!string.Equals(trimmed, _lastTokenized, StringComparison.Ordinal))
        {
            _lastTokenizedOk = DateTimeText.TryTokenize(trimmed, out _lastParts);
            _lastTokenized = trimmed;
        }

        parts = _lastParts;
        return _lastTokenizedOk;
    }

    private void Decide(DateOrder order, string text, int line)
    {
        if (_configuredDayMonth is { } configured)
        {
            // The configured order stays the order; a value that can only be read the other way marks the column as
            // contradicting it.
            Order = configured;
            OrderSource = ColumnFormatSource.Configured;
            _confirmed |= order == configured;
            if (order != configured)
            {
                _contradiction ??= (line, text);
            }

            return;
        }

        Order = order;
        OrderSource = ColumnFormatSource.Detected;
        EvidenceLine = line;
        EvidenceText = text;
    }

    private ReadResult<DateTimeValue> Read(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return ReadResult<DateTimeValue>.Fail($"'{trimmed}' is not a date: the value is empty");
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.TryParse(trimmed) is { } value)
            {
                if (_patternOrder is { } order && OnlyReadsIn(trimmed, order))
                {
                    _confirmed = true;
                }

                return _patternOrder is { } patternOrder && ReadsOtherwise(trimmed, patternOrder)
                    ? TwoWayRead(ReadResult<DateTimeValue>.Ok(value), trimmed, line)
                    : ReadResult<DateTimeValue>.Ok(value);
            }
        }

        if (ExcelSerials && DateTimeText.IsExcelSerialShape(trimmed))
        {
            return DateTimeText.TryReadExcelSerial(trimmed, out var day, out var timeOfDay, out var serialProblem)
                ? ReadResult<DateTimeValue>.Ok(new DateTimeValue(day, timeOfDay, null))
                : ReadResult<DateTimeValue>.Fail($"'{trimmed}' {serialProblem}");
        }

        if (!Tokenize(trimmed, out var parts))
        {
            return ReadResult<DateTimeValue>.Fail($"'{trimmed}' is not a date or date-time in the expected forms ({ExpectedForms}); pass {DateFormatOption}");
        }

        if (parts.Kind != DateTimeParts.Shape.Numeric)
        {
            return Resolve(parts, DateOrder.YearFirst, trimmed);
        }

        if (IsDecided)
        {
            var read = Resolve(parts, Order, trimmed);
            if (Order == DateOrder.YearFirst)
            {
                return read;
            }

            var other = Order == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
            var readsOther = DateTimeText.TryResolve(parts, other, out var otherDate, out var otherTime, out _, out _);
            if (read.Success)
            {
                if (!readsOther || (otherDate, otherTime) == (read.Value.Date, read.Value.Time))
                {
                    _confirmed |= !readsOther && Order is DateOrder.DayFirst or DateOrder.MonthFirst;
                    return read;
                }

                return TwoWayRead(read, trimmed, line);
            }

            if (!readsOther)
            {
                return read;
            }

            // Readable only the other way: the column mixes both orders.
            _contradiction ??= (line, trimmed);
            return ReadResult<DateTimeValue>.Fail(OrderSource == ColumnFormatSource.Detected
                ? $"'{trimmed}' can only be read {NameOf(other)}, but this column is {NameOf(Order)} (line {EvidenceLine}: {AmountText.Quote(EvidenceText!)}); pass {DateFormatOption} to say which"
                : $"'{trimmed}' can only be read {NameOf(other)}, but the date order is set to {NameOf(Order)}; pass {DateOrderOption} {ImportFormatNames.NameOf(other)} if the file is written {NameOf(other)}");
        }

        var asDayFirst = Resolve(parts, DateOrder.DayFirst, trimmed);
        var asMonthFirst = Resolve(parts, DateOrder.MonthFirst, trimmed);
        if (asDayFirst.Success && asMonthFirst.Success)
        {
            return asDayFirst.Value == asMonthFirst.Value
                ? asDayFirst
                : throw new InvalidOperationException(
                    $"Column '{Name}', line {line}: '{trimmed}' is valid both day first and month first and the column's order is not decided yet; keep the row until the column is decided or call Finish() first.");
        }

        if (asDayFirst.Success || asMonthFirst.Success)
        {
            if (!IsFinished)
            {
                Decide(asDayFirst.Success ? DateOrder.DayFirst : DateOrder.MonthFirst, trimmed, line);
                if (_configuredDayMonth is not null)
                {
                    // Decided now: the configured order reads the value, or rejects it as contradicting.
                    return Read(text, line);
                }
            }

            return asDayFirst.Success ? asDayFirst : asMonthFirst;
        }

        // Neither order gives a date: explain in the order whose month exists, or say that neither number is a month.
        var dayFirstMonthExists = parts.B is >= 1 and <= 12;
        var monthFirstMonthExists = parts.A is >= 1 and <= 12;
        if (!dayFirstMonthExists && !monthFirstMonthExists)
        {
            // Said plainly, the smaller number first (seventh trial: "neither 32 nor 13 can be a month" read as a riddle).
            var (low, high) = parts.A <= parts.B ? (parts.A, parts.B) : (parts.B, parts.A);
            return ReadResult<DateTimeValue>.Fail(low == high
                ? $"'{trimmed}' is not a date: there is no month {low}"
                : $"'{trimmed}' is not a date: there is no month {low} and no month {high}");
        }

        return monthFirstMonthExists && !dayFirstMonthExists ? asMonthFirst
            : dayFirstMonthExists && !monthFirstMonthExists ? asDayFirst
            : (_configuredDayMonth ?? DefaultOrder) == DateOrder.MonthFirst ? asMonthFirst : asDayFirst;
    }

    // A value read in the column's order that the other order reads as another date: as right as the column's order.
    // In a column that contradicts its order it is rejected at once, unless the order is the user's own (Authoritative);
    // before that it is kept, and retracted at the end of the file if the column turns out mixed (see Retracted).
    private ReadResult<DateTimeValue> TwoWayRead(ReadResult<DateTimeValue> read, string trimmed, int line)
    {
        var rejected = _contradiction is not null && !Authoritative;
        TwoWay.Add(line, trimmed, contradicted: rejected);
        return rejected ? ReadResult<DateTimeValue>.Fail(MixedReason(trimmed)) : read;
    }

    // Whether a numeric value reads as a date in `order` and not in the other day/month order.
    private bool OnlyReadsIn(string trimmed, DateOrder order)
    {
        if (!Tokenize(trimmed, out var parts) || parts.Kind != DateTimeParts.Shape.Numeric)
        {
            return false;
        }

        var other = order == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
        return DateTimeText.TryResolve(parts, order, out _, out _, out _, out _) && !DateTimeText.TryResolve(parts, other, out _, out _, out _, out _);
    }

    // Whether a numeric value reads as a date in both day/month orders, differently in the one other than `order`.
    private bool ReadsOtherwise(string trimmed, DateOrder order)
    {
        if (!Tokenize(trimmed, out var parts) || parts.Kind != DateTimeParts.Shape.Numeric)
        {
            return false;
        }

        var other = order == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
        return DateTimeText.TryResolve(parts, order, out var date, out var time, out _, out _)
            && DateTimeText.TryResolve(parts, other, out var otherDate, out var otherTime, out _, out _)
            && (date, time) != (otherDate, otherTime);
    }

    // The value is quoted (as trimmed) only in the message of a value that fails.
    private static ReadResult<DateTimeValue> Resolve(in DateTimeParts parts, DateOrder order, string trimmed)
        => DateTimeText.TryResolve(parts, order, out var date, out var time, out var offset, out var problem)
            ? ReadResult<DateTimeValue>.Ok(new DateTimeValue(date, time, offset))
            : ReadResult<DateTimeValue>.Fail($"'{trimmed}' {problem}");

    /// <summary>A value read: the date, the time of day if written, the offset if written.</summary>
    private readonly record struct DateTimeValue(LocalDate Date, LocalTime? Time, Offset? Offset);

    /// <summary>An explicit NodaTime pattern, of the kind its fields call for: date, local date-time, or date-time with offset.</summary>
    private sealed class ExplicitPattern
    {
        private readonly Func<string, DateTimeValue?> _parse;

        private ExplicitPattern(string text, Func<string, DateTimeValue?> parse)
        {
            Text = text;
            _parse = parse;
        }

        public string Text { get; }

        public static ExplicitPattern Create(string text)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(text);
            var twoDigitYear = HasTwoDigitYear(text);
            try
            {
                if (text.Contains("o<", StringComparison.Ordinal))
                {
                    var withOffset = OffsetDateTimePattern.CreateWithInvariantCulture(text);
                    return new(text, s => withOffset.Parse(s) is { Success: true } r
                        ? new DateTimeValue(Century(r.Value.Date, twoDigitYear), r.Value.TimeOfDay, r.Value.Offset)
                        : null);
                }

                if (TryCreateDatePattern(text) is { } datePattern)
                {
                    return new(text, s => datePattern.Parse(s) is { Success: true } r
                        ? new DateTimeValue(Century(r.Value, twoDigitYear), null, null)
                        : null);
                }

                var local = LocalDateTimePattern.CreateWithInvariantCulture(text);
                return new(text, s => local.Parse(s) is { Success: true } r
                    ? new DateTimeValue(Century(r.Value.Date, twoDigitYear), r.Value.TimeOfDay, null)
                    : null);
            }
            catch (InvalidPatternException ex)
            {
                throw new ArgumentException($"'{text}' is not a NodaTime date or date-time pattern: {ex.Message}", nameof(text), ex);
            }
        }

        public DateTimeValue? TryParse(string text) => _parse(text);

        /// <summary>Day first when the pattern's day field comes before its month field (<c>dd/MM/yyyy</c>), month first when after; null without both or with the year first.</summary>
        public DateOrder? DayMonthOrder
        {
            get
            {
                int day = -1, month = -1, year = -1;
                for (var i = 0; i < Text.Length; i++)
                {
                    var c = Text[i];
                    if (c is '\'' or '"')
                    {
                        var close = Text.IndexOf(c, i + 1);
                        i = close < 0 ? Text.Length : close;
                    }
                    else if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == 'd' && day < 0)
                    {
                        day = i;
                    }
                    else if (c == 'M' && month < 0)
                    {
                        month = i;
                    }
                    else if (c is 'y' or 'u' && year < 0)
                    {
                        year = i;
                    }
                }

                return day < 0 || month < 0 || (year >= 0 && year < day && year < month) ? null
                    : day < month ? DateOrder.DayFirst : DateOrder.MonthFirst;
            }
        }

        private static LocalDatePattern? TryCreateDatePattern(string text)
        {
            try
            {
                return LocalDatePattern.CreateWithInvariantCulture(text);
            }
            catch (InvalidPatternException)
            {
                return null;
            }
        }

        // NodaTime reads 'yy' as 1931–2030 (its pivot); CrmKit's rule is 2000–2069 and 1970–1999, so 31–69 move up a century.
        private static LocalDate Century(LocalDate date, bool twoDigitYear)
            => twoDigitYear && date.Year is > 1930 and <= 1900 + DateTimeText.LastTwoDigitYearOf2000s
                ? date.PlusYears(100)
                : date;

        // Whether the pattern's year field is exactly "yy" (quoted literals and escaped characters skipped).
        private static bool HasTwoDigitYear(string pattern)
        {
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c is '\'' or '"')
                {
                    var close = pattern.IndexOf(c, i + 1);
                    i = close < 0 ? pattern.Length : close;
                    continue;
                }

                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (c == 'y')
                {
                    var run = 1;
                    while (i + run < pattern.Length && pattern[i + run] == 'y')
                    {
                        run++;
                    }

                    if (run == 2)
                    {
                        return true;
                    }

                    i += run - 1;
                }
            }

            return false;
        }
    }
}
