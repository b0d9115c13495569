using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Reads delimited text with CsvHelper's parser: quoted fields (with delimiters and newlines inside), CRLF or LF,
/// blank lines and lines of delimiters only skipped. Line numbers are physical lines of the file, so blank lines and quoted newlines never shift
/// them.
/// </summary>
/// <remarks>
/// A malformed record never costs more than itself: when a record that spans several lines is not valid (a stray
/// quote opened a field that runs on over the following lines), its raw text is split into lines, the bad record is
/// reported with the lines it spans up to the next line that is a well-formed row on its own, and reading resumes
/// there (a nested parser over the rest of the record's text, then the file again).
/// </remarks>
internal sealed class CsvTabularReader : ITabularReader
{
    /// <summary>The longest field read, in characters (about 1 MiB); a longer one stops the file with a located error.</summary>
    internal const int MaxFieldLength = 1 << 20;

    private readonly CsvConfiguration _config;
    private readonly TextReader _reader;
    private Source _source;
    private readonly ICollection<ImportIssue> _issues;
    private readonly List<int> _skipped = [];
    private string? _badData;
    private int _trailing;
    private bool _stopped;

    public CsvTabularReader(TextReader reader, string file, char delimiter, string encoding, ICollection<ImportIssue> issues)
    {
        File = file;
        _issues = issues;
        Format = new TabularFormat("csv", encoding, delimiter, null);
        _config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            BadDataFound = _ => _badData ??= "a quote inside an unquoted field, or an unterminated quoted field",
            BufferSize = 1 << 16,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            MaxFieldSize = MaxFieldLength,
        };
        _reader = reader;
        _source = new Source(reader, _config, 0);
        Header = ReadHeader();
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public int HeaderLine { get; private set; }

    public TabularFormat Format { get; }

    public bool IsSpreadsheet => false;

    public IReadOnlyCollection<int> SkippedLines => _skipped;

    public bool Read(out TabularRow row)
    {
        while (true)
        {
            var source = _source;
            _badData = null;
            if (_stopped || !TryRead(source))
            {
                row = default;
                return false;
            }

            var parser = source.Parser;
            var line = source.StartLine(Format.Delimiter ?? ',');
            var count = parser.Count;
            var cells = new string?[Header.Count];
            var allowed = Header.Count + _trailing;
            var extra = false;
            var any = false;
            for (var i = 0; i < count; i++)
            {
                var cell = Cell.Clean(parser[i]);
                any |= cell is not null;
                if (i < cells.Length)
                {
                    cells[i] = cell;
                }
                else if (cell is not null || i >= allowed)
                {
                    extra = true;
                }
            }

            // A line of delimiters only (`,,,,`, as Excel saves rows it once used) holds nothing: skipped like a blank line,
            // whatever its number of fields, as the spreadsheet reader skips empty rows.
            if (!any && _badData is null)
            {
                continue;
            }

            // A delimiter at the end of every line (as some exports write, the header included) adds empty fields.
            var problem = _badData is not null ? $"the row is not valid CSV: {_badData}"
                : extra || count < Header.Count ? $"the row has {count} fields but the header has {Header.Count}"
                : null;
            if (problem is null)
            {
                row = new TabularRow(line, cells);
                return true;
            }

            var raw = parser.RawRecord;
            var span = SplitLines(raw);
            if (span.Count > 1 && Resynchronise(source, span, line, problem))
            {
                continue;
            }

            // One malformed record is one rejected row, reported once at its first line, however many lines it spans.
            var last = line + span.Count - 1;
            _issues.Add(new ImportIssue(File, line, null, span.Count > 1
                ? $"{problem} (it runs over lines {line}–{last}); the row was skipped."
                : $"{OpenQuoteProblem(span[0]) ?? problem}; the row was skipped."));
            _skipped.Add(line);
        }
    }

    public void Dispose()
    {
        _source.Dispose();
        _reader.Dispose();
    }

    private bool TryRead(Source source)
    {
        try
        {
            return source.Read();
        }
        catch (MaxFieldSizeException)
        {
            var line = source.LineBase + source.Parser.RawRow;
            _issues.Add(new ImportIssue(File, line, null, $"a field is longer than {MaxFieldLength:N0} characters (the limit of one cell); the rest of the file from line {line} was not read.")
            {
                Severity = ImportIssueSeverity.Error,
            });
            _skipped.Add(line);
            _stopped = true;
            return false;
        }
    }

    // The malformed record spans several lines: the first line that starts a well-formed row (a line that is one on
    // its own, or that opens a quoted field closed on a later line) starts the rest, read by a new parser over that
    // line, the lines after it in the record, the text the old parser had buffered but not parsed, and the rest of
    // the file. Rows that open a quoted field are tried at most MaxMultilineTrials times per record, so a record of
    // many such lines costs linear time.
    private bool Resynchronise(Source source, List<string> lines, int line, string problem)
    {
        const int MaxMultilineTrials = 64;
        var ahead = source.ReadAhead();
        var trials = 0;
        for (var k = 1; k < lines.Count; k++)
        {
            var opens = OpenQuoteColumn(lines[k]) is not null;
            if (opens ? ++trials > MaxMultilineTrials || !StartsWellFormedRow(string.Concat(lines.Skip(k)) + ahead, single: false)
                : !StartsWellFormedRow(lines[k], single: true))
            {
                continue;
            }

            var reason = OpenQuoteProblem(lines[0]) ?? problem;
            _issues.Add(new ImportIssue(File, line, null, k == 1
                ? $"{reason}; the row was skipped and reading resumed at line {line + 1}."
                : $"{reason}; lines {line}–{line + k - 1} were skipped and reading resumed at line {line + k}."));
            _skipped.Add(line); // one issue, one rejected row: the lines it names are one malformed record

            _source = source.Resume(string.Concat(lines.Skip(k)), _config, line + k - 1);
            return true;
        }

        return false;
    }

    // Whether the text starts with a well-formed row: the header's number of fields (trailing empty ones allowed as in
    // the header), no stray quote, quotes closed; with single, the text is that row alone.
    private bool StartsWellFormedRow(string text, bool single)
    {
        if (text.AsSpan().Trim("\r\n").IsEmpty)
        {
            return false;
        }

        var bad = _badData;
        _badData = null;
        try
        {
            using var parser = new CsvParser(new StringReader(text), _config);
            if (!parser.Read() || _badData is not null || parser.RawRecord.AsSpan().Count('"') % 2 != 0)
            {
                return false;
            }

            var count = parser.Count;
            var fits = count >= Header.Count && count <= Header.Count + _trailing;
            for (var i = Header.Count; fits && i < count; i++)
            {
                fits = string.IsNullOrWhiteSpace(parser[i]);
            }

            return fits && (!single || !parser.Read());
        }
        catch (CsvHelperException)
        {
            return false;
        }
        finally
        {
            _badData = bad;
        }
    }

    private string? OpenQuoteProblem(string line)
        => OpenQuoteColumn(line) is { } column ? $"the row is not valid CSV: the quoted field opened at character {column} of the line is not closed on it" : null;

    // The 1-based column of a quote that opens a field and is left open at the end of the line, if any.
    private int? OpenQuoteColumn(string line)
        => UnclosedQuote(line.AsSpan().TrimEnd("\r\n"), Format.Delimiter ?? ',') is var at and >= 0 ? at + 1 : null;

    // The index of a quote that opens a field (at the start of the text, of a line or after a delimiter) and is still
    // open at the end of the text, or -1. A quote elsewhere (b"c) opens nothing; "" inside a quoted field is a quote.
    private static int UnclosedQuote(ReadOnlySpan<char> text, char delimiter)
    {
        var inQuotes = false;
        var opened = -1;
        for (var i = text.IndexOf('"'); i >= 0 && i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                continue;
            }

            if (inQuotes)
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (i == 0 || text[i - 1] == delimiter || text[i - 1] == '\n' || text[i - 1] == '\r')
            {
                inQuotes = true;
                opened = i;
            }
        }

        return inQuotes ? opened : -1;
    }

    // Physical lines of a record's raw text, each with its line break.
    private static List<string> SplitLines(string raw)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < raw.Length)
        {
            var newline = raw.IndexOf('\n', start);
            var end = newline < 0 ? raw.Length : newline + 1;
            lines.Add(raw[start..end]);
            start = end;
        }

        return lines;
    }

    private string[] ReadHeader()
    {
        if (!TryRead(_source))
        {
            return [];
        }

        HeaderLine = _source.StartLine(Format.Delimiter ?? ',');
        var parser = _source.Parser;
        var header = new string[parser.Count];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = Cell.Clean(parser[i]?.TrimStart('\uFEFF')) ?? string.Empty;
        }

        // Trailing empty header cells come from a trailing delimiter; data rows then carry the same empty field.
        var width = header.Length;
        while (width > 1 && header[width - 1].Length == 0)
        {
            width--;
        }

        _trailing = header.Length - width;
        return width == header.Length ? header : header[..width];
    }

    /// <summary>
    /// A parser over the file, or over the text where reading resumed after a malformed record and the rest of the
    /// file, with the line before its first.
    /// </summary>
    private sealed class Source : IDisposable
    {
        private readonly RetainingReader _text;
        private int _lastRawRow;

        public Source(TextReader text, CsvConfiguration config, int lineBase)
        {
            _text = new RetainingReader(text);
            Parser = new CsvParser(_text, config, leaveOpen: true);
            LineBase = lineBase;
        }

        public CsvParser Parser { get; }

        public int LineBase { get; }

        /// <summary>Reads the next record; the text before it is no longer needed.</summary>
        public bool Read()
        {
            _text.Release(Parser.CharCount);
            return Parser.Read();
        }

        /// <summary>What the parser buffered past its current record.</summary>
        public string ReadAhead() => _text.Since(Parser.CharCount);

        /// <summary>A new source over <paramref name="text"/>, then what this parser buffered past its record, then the rest of the input.</summary>
        public Source Resume(string text, CsvConfiguration config, int lineBase)
        {
            var resumed = new Source(new ChainedReader(text + ReadAhead(), _text.Inner), config, lineBase);
            Dispose();
            return resumed;
        }

        public void Dispose() => Parser.Dispose();

        // The parser reports the line where a record ends; a record spans one line more for each newline inside it. A
        // record that ends one line after the previous one is that line alone: no need to copy out its raw text. A
        // quote left open at the end of the text took the final line break into its field, which the parser then
        // counts as a line of its own.
        public int StartLine(char delimiter)
        {
            var end = Parser.RawRow;
            var previousEnd = _lastRawRow;
            _lastRawRow = end;
            if (end == previousEnd + 1)
            {
                return LineBase + end;
            }

            var raw = Parser.RawRecord.AsSpan();
            var open = UnclosedQuote(raw, delimiter) >= 0;
            return LineBase + end - (open ? raw.Count('\n') : raw.TrimEnd("\r\n").Count('\n'));
        }
    }
}
