namespace CrmKit.Customers.Import;

/// <summary>
/// Reads the amounts of one column in one number style, deciding the style from the column's own values when it
/// is not configured, for a reader that streams rows.
/// </summary>
/// <remarks>
/// <para>
/// Use: for each row, call <see cref="NeedsDecision"/> with the cell. It records what the value proves (with
/// <see cref="NumberFormat.Auto"/> the first value that proves a style decides the column) and returns
/// <see langword="true"/> when the value is ambiguous (<c>125.000</c>) and the style is still unknown: keep such rows
/// until <see cref="IsDecided"/> or the end of the data, then call <see cref="Finish"/> and <see cref="Parse"/> them.
/// Rows for which it returns <see langword="false"/> can be parsed at once.
/// </para>
/// <para>
/// An amount is never read at another magnitude than the one its column's style gives it: a value that proves
/// the other style, and an ambiguous value in a column where nothing decided, are errors.
/// </para>
/// </remarks>
internal sealed class AmountColumn
{
    private string? _lastText;
    private AmountAnalysis _lastAnalysis;

    /// <summary>Creates the reader of a column.</summary>
    /// <param name="name">The column's name, for messages and the summary.</param>
    /// <param name="configured">The configured style; <see cref="NumberFormat.Auto"/> to detect it from the values.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or <paramref name="configured"/> undefined.</exception>
    /// <param name="authoritative">Whether the configured style is the user's own assertion (<c>--number-format</c>): then values the
    /// other style reads differently are read in it without being checked against the column, and only a value it cannot
    /// read is rejected.</param>
    public AmountColumn(string name, NumberFormat configured, bool authoritative = false)
    {
        Authoritative = authoritative && configured != NumberFormat.Auto;
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(configured))
        {
            throw new ArgumentException($"{configured} is not a number format.", nameof(configured));
        }

        Name = name;
        Configured = configured;
        Style = configured;
        Source = configured == NumberFormat.Auto ? ColumnFormatSource.Undecided : ColumnFormatSource.Configured;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Whether the configured style is the user's own (see the constructor), not checked against the column.</summary>
    public bool Authoritative { get; }

    /// <summary>The style given to the constructor.</summary>
    public NumberFormat Configured { get; }

    /// <summary>The style values are read in: the configured one, the detected one, or <see cref="NumberFormat.Auto"/> while undecided.</summary>
    public NumberFormat Style { get; private set; }

    /// <summary>Where <see cref="Style"/> came from.</summary>
    public ColumnFormatSource Source { get; private set; }

    /// <summary>Whether the style is known (configured or detected).</summary>
    public bool IsDecided => Style != NumberFormat.Auto;

    /// <summary>The line of the value that decided the style, when detected.</summary>
    public int? EvidenceLine { get; private set; }

    /// <summary>The value that decided the style, as written, when detected.</summary>
    public string? EvidenceText { get; private set; }

    /// <summary>How many ambiguous values <see cref="NeedsDecision"/> saw while the style was unknown.</summary>
    public int AmbiguousCount { get; private set; }

    /// <summary>Whether <see cref="Finish"/> was called: no later value decides the style.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>
    /// Records what a value proves about the style (the first proving value decides an auto-detected column) and
    /// returns <see langword="true"/> when the value is ambiguous while the style is still unknown: the caller keeps
    /// the row and parses it once the column is decided or finished.
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

        var evidence = Analyze(text).Evidence;
        Record(evidence, text, line);
        if (evidence == AmountEvidence.Ambiguous && !IsDecided)
        {
            AmbiguousCount++;
            return true;
        }

        return false;
    }

    /// <summary>Marks the end of the data: from now on an ambiguous value in an undecided column is an error.</summary>
    public void Finish() => IsFinished = true;

    /// <summary>
    /// Takes the style another column of the same file was decided in, for a column whose own values never decided
    /// it (a quantity column beside Vietnamese-style amounts); <paramref name="from"/> names that column.
    /// </summary>
    public void Adopt(NumberFormat style, string from)
    {
        if (IsDecided || style == NumberFormat.Auto)
        {
            return;
        }

        Style = style;
        Source = ColumnFormatSource.Adopted;
        EvidenceText = from;
    }

    /// <summary>
    /// Reads a value as an amount in the column's style; a value written in the other style, or ambiguous while
    /// nothing decided the style, is an error. Before <see cref="Finish"/> a proving value also decides an
    /// undecided column, as in <see cref="NeedsDecision"/>.
    /// </summary>
    /// <param name="text">The cell as written.</param>
    /// <param name="line">The 1-based physical line of the row.</param>
    /// <exception cref="InvalidOperationException">
    /// The value is ambiguous, the style undecided and the column not finished: the row should have been kept
    /// (<see cref="NeedsDecision"/> returned <see langword="true"/>) until the column was decided or finished.
    /// </exception>
    /// <param name="minorUnits">The decimals the amount's currency has, when known: a reading with more is no reading of
    /// the value (<c>250.000</c> is not 250 in VND), so it neither makes the value two-way nor proves the other style.</param>
    /// <param name="observe">Whether the value counts as evidence about the column (false when the same cell is read again).</param>
    public ReadResult<AmountReading> Parse(string text, int line, int? minorUnits = null, bool observe = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var analysis = Analyze(text);
        if (analysis.Evidence == AmountEvidence.Invalid)
        {
            return ReadResult<AmountReading>.Fail($"{AmountText.Quote(text)} is not an amount: {analysis.Problem}");
        }

        if (!IsDecided && !IsFinished)
        {
            Record(analysis.Evidence, text, line);
        }

        if (!IsDecided)
        {
            return analysis.Evidence switch
            {
                AmountEvidence.Ambiguous when !IsFinished => throw new InvalidOperationException(
                    $"Column '{Name}', line {line}: {AmountText.Quote(text)} is ambiguous and the column's number style is not decided yet; keep the row until the column is decided or call Finish() first."),
                AmountEvidence.Ambiguous => ReadResult<AmountReading>.Fail(
                    $"{AmountText.AmbiguityOf(AmountText.Quote(text), analysis)}; nothing else in the column decides; pass {AmountText.NumberFormatOption} vi or en"),
                AmountEvidence.ProvesEnglish => ReadResult<AmountReading>.Ok(analysis.ReadingIn(NumberFormat.English)!.Value),
                _ => ReadResult<AmountReading>.Ok(analysis.ReadingIn(NumberFormat.Vietnamese)!.Value),
            };
        }

        var otherReading = analysis.ReadingIn(AmountText.Other(Style));
        var otherPossible = otherReading is { } o && (minorUnits is not { } units || o.Amount.Scale <= units);
        if (analysis.ReadingIn(Style) is { } reading)
        {
            var possible = minorUnits is not { } digits || reading.Amount.Scale <= digits;
            if (analysis.Evidence != AmountEvidence.Ambiguous || !otherPossible || !observe || !possible)
            {
                _confirmed |= observe && possible && !otherPossible;
                return ReadResult<AmountReading>.Ok(reading);
            }

            // Readable in both styles at two magnitudes: as right as the column's style. In a column that holds values of
            // both styles it cannot be trusted in either; before that it is kept, and retracted if a value of the other
            // style comes later (see Retracted).
            // The user's own style (Authoritative) reads it whatever comes; it is retracted only if the column never confirms it.
            var rejected = _contradiction is not null && !Authoritative;
            TwoWay.Add(line, text.Trim(), contradicted: rejected);
            return rejected ? ReadResult<AmountReading>.Fail(MixedReason(text.Trim())) : ReadResult<AmountReading>.Ok(reading);
        }

        // Written only in the other style (as an amount of the currency): the column mixes both.
        if (otherPossible && observe)
        {
            _contradiction ??= (line, text.Trim());
        }
        var written = AmountText.NameOf(AmountText.Other(Style));
        var quoted = AmountText.Quote(text);
        return ReadResult<AmountReading>.Fail(Source == ColumnFormatSource.Detected
            ? $"{quoted} is written in the {written} style, but this column is {AmountText.NameOf(Style)}-style (line {EvidenceLine}: {AmountText.Quote(EvidenceText!)}); pass {AmountText.NumberFormatOption} to say which"
            : $"{quoted} is written in the {written} style, but the number format is set to the {AmountText.NameOf(Style)} style ({AmountText.ExampleOf(Style)})");
    }

    // The first value written only in the style other than the column's (configured, detected or adopted).
    private (int Line, string Text)? _contradiction;

    /// <summary>The values read in the column's style that the other style reads at another magnitude.</summary>
    public TwoWayValues TwoWay { get; } = new();

    /// <summary>
    /// The values read in the column's style before a later value written only in the other style showed that the
    /// column mixes both; empty while it does not. Their rows are rejected at the end of the file (<see cref="MixedReason"/>).
    /// </summary>
    /// <remarks>With the user's own style (<see cref="Authoritative"/>) they are retracted only when no value of the column
    /// can be read in that style alone.</remarks>
    public IReadOnlyList<(int Line, string Text)> Retracted => _contradiction is null || (Authoritative && _confirmed) ? [] : TwoWay.ReadBefore;

    // Whether a value readable only in the column's style (as an amount of its currency) was read.
    private bool _confirmed;

    /// <summary>Why a value readable in both styles is rejected in a column that mixes both; quotes <paramref name="trimmed"/>.</summary>
    /// <exception cref="InvalidOperationException">The column is not contradicted.</exception>
    public string MixedReason(string trimmed)
    {
        var c = _contradiction ?? throw new InvalidOperationException($"Column '{Name}' holds no value of the other style.");
        var other = AmountText.Other(Style);
        var ambiguity = AmountText.AmbiguityOf(AmountText.Quote(trimmed), AmountText.Analyze(trimmed));
        return Source == ColumnFormatSource.Detected
            ? $"{ambiguity}, and this column has values written in the {AmountText.NameOf(Style)} style (line {EvidenceLine}: {AmountText.Quote(EvidenceText!)}) and values written in the {AmountText.NameOf(other)} style (line {c.Line}: {AmountText.Quote(c.Text)}); correct the values written in the wrong style, or pass {AmountText.NumberFormatOption} vi or en to read the whole column in one style"
            : $"{ambiguity}, and this column has values written in the {AmountText.NameOf(other)} style (line {c.Line}: {AmountText.Quote(c.Text)}) though it is read in the {AmountText.NameOf(Style)} style; correct them, or pass {AmountText.NumberFormatOption} vi or en to read the whole column in one style";
    }

    /// <summary>How the column was read, for <see cref="ImportedFile.NumberFormats"/>.</summary>
    public ColumnReading Reading() => new(Source, Describe()[(Name.Length + 2)..])
    {
        Style = Style,
        EvidenceLine = Source == ColumnFormatSource.Detected ? EvidenceLine : null,
        EvidenceText = Source == ColumnFormatSource.Detected ? EvidenceText?.Trim() : null,
        AmbiguousCount = AmbiguousCount,
    };

    /// <summary>
    /// One line for the import summary: <c>total: Vietnamese style, detected from line 17 ('1.250.000')</c>,
    /// <c>total: English style, configured</c>, or <c>total: style not decided (3 ambiguous values)</c>.
    /// </summary>
    public string Describe() => Source switch
    {
        ColumnFormatSource.Detected => $"{Name}: {AmountText.NameOf(Style)} style, detected from line {EvidenceLine} ({AmountText.Quote(EvidenceText!)})",
        ColumnFormatSource.Configured => $"{Name}: {AmountText.NameOf(Style)} style, configured",
        ColumnFormatSource.Adopted => $"{Name}: {AmountText.NameOf(Style)} style, as {EvidenceText}",
        _ => AmbiguousCount == 0
            ? $"{Name}: style not decided; no value needed it"
            : $"{Name}: style not decided ({AmbiguousCount} ambiguous {(AmbiguousCount == 1 ? "value" : "values")})",
    };

    // The analysis of the last value: a streaming reader asks NeedsDecision and then Parse about the same cell (while
    // the column is undecided, which for plain digits such as 1040000 is the whole file), and AmountText.Analyze is a
    // pure function of the text.
    private AmountAnalysis Analyze(string text)
    {
        if (!string.Equals(text, _lastText, StringComparison.Ordinal))
        {
            _lastAnalysis = AmountText.Analyze(text);
            _lastText = text;
        }

        return _lastAnalysis;
    }

    private void Record(AmountEvidence evidence, string text, int line)
    {
        var proved = AmountText.ProvedStyle(evidence);
        if (proved == NumberFormat.Auto || IsDecided)
        {
            return;
        }

        Style = proved;
        Source = ColumnFormatSource.Detected;
        EvidenceLine = line;
        EvidenceText = text.Trim();
    }
}
