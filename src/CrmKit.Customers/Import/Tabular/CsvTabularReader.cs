using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using nietras.SeparatedValues;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Reads delimited text with Sep's parser: quoted fields (with delimiters and newlines inside), CRLF, LF or CR, blank
/// lines and lines of delimiters only skipped. Line numbers are physical lines of the file, so blank lines and quoted
/// newlines never shift them. Each row is copied once into one reused <see cref="TabularRow"/> (cells unquoted, cleaned
/// by <see cref="Cell"/>): no string per cell, no array per row.
/// </summary>
/// <remarks>
/// <para>A field is malformed when a quote stands inside a field that does not start with one (<c>a"b</c>), when text
/// follows the quote that closes a quoted field (<c>"a"b</c>), or when a quoted field is never closed. A quote always
/// opens or closes a quoted region for the splitting into fields and lines, as it did with the CsvHelper parser this
/// reader replaced.</para>
/// <para>A malformed record never costs more than itself: when a record that spans several lines is not valid (a stray
/// quote opened a field that runs on over the following lines), its raw text is split into lines, the bad record is
/// reported with the lines it spans up to the next line that is a well-formed row on its own, and reading resumes
/// there (a new parser over the rest of the record's text, what the old one had buffered, then the file again).</para>
/// </remarks>
internal sealed class CsvTabularReader : ITabularReader
{
    /// <summary>The longest field read, in characters (about 1 MiB); a longer one stops the file with a located error.</summary>
    internal const int MaxFieldLength = 1 << 20;

    /// <summary>
    /// The longest record the parser holds, in characters (16 Mi: Sep's own limit on its buffer): a record that has not
    /// ended by then (a quote never closed in a large file) stops the file with a located error.
    /// </summary>
    internal const int MaxRecordLength = 16 * MaxFieldLength;

    private const string BadData = "a quote inside an unquoted field, or an unterminated quoted field";

    private readonly char _delimiter;
    private readonly TextReader _reader;
    private Source _source;
    private readonly ICollection<ImportIssue> _issues;
    private readonly List<int> _skipped = [];
    private readonly TabularRow _row = new();
    private int _trailing;
    private bool _stopped;

    public CsvTabularReader(TextReader reader, string file, char delimiter, string encoding, ICollection<ImportIssue> issues)
    {
        File = file;
        _issues = issues;
        _delimiter = delimiter;
        Format = new TabularFormat("csv", encoding, delimiter, null);
        _reader = reader;
        _source = new Source(reader, delimiter, 0);
        Header = ReadHeader();
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public int HeaderLine { get; private set; }

    public TabularFormat Format { get; }

    public bool IsSpreadsheet => false;

    public IReadOnlyCollection<int> SkippedLines => _skipped;

    public bool Read([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TabularRow row)
    {
        while (true)
        {
            var source = _source;
            if (_stopped || !TryRead(source))
            {
                row = null;
                return false;
            }

            var line = source.Line;
            var (count, any, extra, bad) = Fill(source.Reader.Current, line);

            // A line of delimiters only (`,,,,`, as Excel saves rows it once used) holds nothing: skipped like a blank line,
            // whatever its number of fields, as the spreadsheet reader skips empty rows.
            if (!any && !bad)
            {
                continue;
            }

            // A delimiter at the end of every line (as some exports write, the header included) adds empty fields.
            var problem = bad ? $"the row is not valid CSV: {BadData}"
                : extra || count < Header.Count ? $"the row has {count} fields but the header has {Header.Count}"
                : null;
            if (problem is null)
            {
                row = _row;
                return true;
            }

            // Sep opens a quoted region at any quote; a quote inside an unquoted field opens nothing (it is only
            // malformed), so such a record ends at the first line break outside a field that starts with a quote, and
            // what Sep read on past it is read again.
            var raw = source.RawRecord();
            string? rest = null;
            if (bad && RecordEnd(raw, _delimiter) is var end && end < raw.Length)
            {
                rest = raw[end..];
                raw = raw[..end];
            }

            var span = SplitLines(raw);
            if (span.Count > 1 && Resynchronise(source, span, line, problem, rest))
            {
                continue;
            }

            if (rest is not null)
            {
                _source = source.Resume(rest, line + span.Count - 1);
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

    // Copies the record into the row: each field unquoted and cleaned; fields past the header's width only looked at.
    private (int Count, bool Any, bool Extra, bool Bad) Fill(SepReader.Row record, int line)
    {
        var raw = record.Span;
        var count = record.ColCount;
        var width = Header.Count;
        var allowed = width + _trailing;
        _row.Start(line, width, raw.Length);
        raw.CopyTo(_row.Reserve(raw.Length));
        _row.Commit(raw.Length);
        ref var origin = ref MemoryMarshal.GetReference(raw);
        bool any = false, extra = false, bad = false;
        for (var i = 0; i < count; i++)
        {
            var field = record[i].Span;
            if (field.IsEmpty)
            {
                continue;
            }

            var at = (int)(Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(field)) / sizeof(char));
            var length = field.Length;
            if (field.Contains('"'))
            {
                length = Unquote(_row.Buffer.Slice(at, length), out var ok);
                if (field[0] == '"')
                {
                    at++;
                }

                bad |= !ok;
            }

            if (!Cell.Clean(_row.Buffer.Slice(at, length), out var start, out var cleaned, out var composed))
            {
                continue;
            }

            any = true;
            if (i < width)
            {
                if (composed is null)
                {
                    _row.SetCell(i, at + start, cleaned);
                }
                else
                {
                    _row.Append(i, composed);
                    _row.SetText(i, composed);
                }
            }
            else if (i >= allowed || cleaned > 0)
            {
                extra = true;
            }
        }

        for (var i = width; i < count && !extra; i++)
        {
            extra = i >= allowed;
        }

        return (count, any, extra, bad);
    }

    // A field's text between its quotes with "" read as one quote, written over the field's own characters (from the
    // second on when it is quoted); ok is false when the field is malformed. Returns the text's length.
    private static int Unquote(Span<char> field, out bool ok)
    {
        if (field[0] != '"')
        {
            ok = false; // a quote inside an unquoted field
            return field.Length;
        }

        var written = 0;
        var text = field[1..];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field[1 + written++] = '"';
                    i++;
                    continue;
                }

                ok = i == text.Length - 1; // the closing quote ends the field
                return ok ? written : field.Length - 1;
            }

            field[1 + written++] = text[i];
        }

        ok = false; // never closed
        return field.Length - 1;
    }

    private bool TryRead(Source source)
    {
        try
        {
            if (!source.Read())
            {
                return false;
            }
        }
        catch (NotSupportedException) when (source.Buffered >= MaxRecordLength / 2)
        {
            // Sep's buffer reached its limit inside one record: reported at the record's line, not as an internal error.
            return Overlong(source.NextLine);
        }

        var record = source.Reader.Current;
        var raw = record.Span;
        if (raw.Length <= MaxFieldLength)
        {
            return true;
        }

        ref var origin = ref MemoryMarshal.GetReference(raw);
        for (var i = 0; i < record.ColCount; i++)
        {
            var field = record[i].Span;
            if (field.Length > MaxFieldLength)
            {
                var at = (int)(Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(field)) / sizeof(char));
                var line = source.Line + raw[..at].Count('\n');
                _issues.Add(new ImportIssue(File, line, null, $"a field is longer than {MaxFieldLength:N0} characters (the limit of one cell); the rest of the file from line {line} was not read.")
                {
                    Severity = ImportIssueSeverity.Error,
                });
                _skipped.Add(line);
                _stopped = true;
                return false;
            }
        }

        return true;
    }

    // A record longer than the parser holds: reported, and the file stops there.
    private bool Overlong(int line)
    {
        _issues.Add(new ImportIssue(File, line, null, $"a record is longer than {MaxRecordLength:N0} characters (the limit of one row); the rest of the file from line {line} was not read.")
        {
            Severity = ImportIssueSeverity.Error,
        });
        _skipped.Add(line);
        _stopped = true;
        return false;
    }

    // The malformed record spans several lines: the first line that starts a well-formed row (a line that is one on
    // its own, or that opens a quoted field closed on a later line) starts the rest, read by a new parser over that
    // line, the lines after it in the record, the text the old parser had buffered but not parsed, and the rest of
    // the file. Rows that open a quoted field are tried at most MaxMultilineTrials times per record, so a record of
    // many such lines costs linear time.
    private bool Resynchronise(Source source, List<string> lines, int line, string problem, string? rest)
    {
        const int MaxMultilineTrials = 64;
        var ahead = source.ReadAhead();
        var trials = 0;
        for (var k = 1; k < lines.Count; k++)
        {
            var opens = OpenQuoteColumn(lines[k]) is not null;
            if (opens ? ++trials > MaxMultilineTrials || !StartsWellFormedRow(string.Concat(lines.Skip(k)) + rest + ahead, single: false)
                : !StartsWellFormedRow(lines[k], single: true))
            {
                continue;
            }

            var reason = OpenQuoteProblem(lines[0]) ?? problem;
            _issues.Add(new ImportIssue(File, line, null, k == 1
                ? $"{reason}; the row was skipped and reading resumed at line {line + 1}."
                : $"{reason}; lines {line}–{line + k - 1} were skipped and reading resumed at line {line + k}."));
            _skipped.Add(line); // one issue, one rejected row: the lines it names are one malformed record

            _source = source.Resume(string.Concat(lines.Skip(k)) + rest, line + k - 1);
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

        using var source = new Source(new StringReader(text), _delimiter, 0);
        if (!source.Read())
        {
            return false;
        }

        var record = source.Reader.Current;
        if (record.Span.Count('"') % 2 != 0)
        {
            return false;
        }

        var count = record.ColCount;
        var fits = count >= Header.Count && count <= Header.Count + _trailing;
        for (var i = 0; fits && i < count; i++)
        {
            var field = record[i].Span;
            if (field.Contains('"'))
            {
                var copy = field.ToArray();
                Unquote(copy, out var ok);
                fits = ok && (i < Header.Count || !Cell.Clean(copy.AsSpan(1, copy.Length - 2), out _, out _, out _));
            }
            else
            {
                fits = i < Header.Count || field.IsWhiteSpace();
            }
        }

        return fits && (!single || !source.Read());
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

    // The end (after its line break) of the record that starts the text: a quote opens a quoted field only at the
    // start of a field, and in such a field every quote opens or closes ("" is a quote); elsewhere it is only text.
    private static int RecordEnd(string text, char delimiter)
    {
        bool start = true, quoted = false, inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (start)
                {
                    quoted = inQuotes = true;
                }
                else if (quoted)
                {
                    inQuotes = !inQuotes;
                }

                start = false;
            }
            else if (inQuotes)
            {
                continue;
            }
            else if (c == delimiter)
            {
                start = true;
                quoted = false;
            }
            else if (c == '\n')
            {
                return i + 1;
            }
            else if (c == '\r')
            {
                return i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
            }
            else
            {
                start = false;
            }
        }

        return text.Length;
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

        HeaderLine = _source.Line;
        var record = _source.Reader.Current;
        var header = new string[record.ColCount];
        for (var i = 0; i < header.Length; i++)
        {
            var field = record[i].Span.ToArray().AsSpan();
            var length = field.Length;
            var at = 0;
            if (field.Contains('"'))
            {
                length = Unquote(field, out _);
                at = field[0] == '"' ? 1 : 0;
            }

            var text = field.Slice(at, length).TrimStart('\uFEFF');
            header[i] = Cell.Clean(text, out var start, out var cleaned, out var composed) ? composed ?? text.Slice(start, cleaned).ToString() : string.Empty;
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
    /// file, with the line before its first, and where its current record starts and ends in its text.
    /// </summary>
    private sealed class Source : IDisposable
    {
        private readonly RetainingReader _text;
        private readonly char _delimiter;
        private long _start;       // where the current record starts in the text
        private long _next;        // where the next record starts (after the current one's line break)
        private int _nextLine = 1; // the line (counted from 1 in this text) where the next record starts

        public Source(TextReader text, char delimiter, int lineBase)
        {
            _text = new RetainingReader(text);
            _delimiter = delimiter;
            Reader = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                DisableFastFloat = true,
                Unescape = false,
                InitialBufferLength = 1 << 14, // the header is read when the reader is made: not much more of the file
            }).From(_text);
            LineBase = lineBase;
        }

        public SepReader Reader { get; }

        /// <summary>How many characters were handed to the parser past the end of the last record read.</summary>
        public long Buffered => _text.Position - _next;

        /// <summary>The physical line of the file where the next record starts.</summary>
        public int NextLine => LineBase + _nextLine;

        public int LineBase { get; }

        /// <summary>The physical line of the file where the current record starts.</summary>
        public int Line { get; private set; }

        /// <summary>Reads the next record; the text before it is no longer needed.</summary>
        public bool Read()
        {
            _text.Release(_next);
            if (!Reader.MoveNext())
            {
                return false;
            }

            var record = Reader.Current;
            _start = _next;
            if (_start == 0 && _text.CharAt(0) == '\uFEFF' && (record.Span.IsEmpty || record.Span[0] != '\uFEFF'))
            {
                _start = 1; // a byte order mark the parser passed over
            }

            var end = _start + record.Span.Length;
            end += _text.CharAt(end) switch
            {
                '\r' => _text.CharAt(end + 1) == '\n' ? 2 : 1,
                '\n' => 1,
                _ => 0,
            };
            _next = end;
            Line = LineBase + _nextLine;
            _nextLine = record.LineNumberToExcl;
            return true;
        }

        /// <summary>The current record's text with its line break.</summary>
        public string RawRecord() => _text.Text(_start, _next);

        /// <summary>What the parser buffered past its current record.</summary>
        public string ReadAhead() => _text.Since(_next);

        /// <summary>A new source over <paramref name="text"/>, then what this parser buffered past its record, then the rest of the input.</summary>
        public Source Resume(string text, int lineBase)
        {
            var resumed = new Source(new ChainedReader(text + ReadAhead(), _text.Inner), _delimiter, lineBase);
            Dispose();
            return resumed;
        }

        public void Dispose() => Reader.Dispose();
    }
}
