using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Reads delimited text with CsvHelper's parser: quoted fields (with delimiters and newlines inside), CRLF or LF,
/// blank lines skipped. Line numbers are physical lines of the file, so blank lines and quoted newlines never shift
/// them.
/// </summary>
internal sealed class CsvTabularReader : ITabularReader
{
    private readonly CsvParser _parser;
    private readonly ICollection<ImportIssue> _issues;
    private string? _badData;
    private int _trailing;
    private readonly List<int> _skipped = [];
    private int _lastRawRow;

    public CsvTabularReader(TextReader reader, string file, char delimiter, string encoding, ICollection<ImportIssue> issues)
    {
        File = file;
        _issues = issues;
        Format = new TabularFormat("csv", encoding, delimiter, null);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            BadDataFound = _ => _badData ??= "a quote inside an unquoted field, or an unterminated quoted field",
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
        };
        _parser = new CsvParser(reader, config);
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
            _badData = null;
            if (!_parser.Read())
            {
                row = default;
                return false;
            }

            var line = StartLine();
            var count = _parser.Count;
            var cells = new string?[Header.Count];
            var allowed = Header.Count + _trailing;
            var extra = false;
            for (var i = 0; i < count; i++)
            {
                var cell = Cell.Clean(_parser[i]);
                if (i < cells.Length)
                {
                    cells[i] = cell;
                }
                else if (cell is not null || i >= allowed)
                {
                    extra = true;
                }
            }

            if (_badData is not null)
            {
                _issues.Add(new ImportIssue(File, line, null, $"the row is not valid CSV: {_badData}; the row was skipped."));
                _skipped.Add(line);
                continue;
            }

            // A delimiter at the end of every line (as some exports write, the header included) adds empty fields.
            if (extra || count < Header.Count)
            {
                _issues.Add(new ImportIssue(File, line, null, $"the row has {count} fields but the header has {Header.Count}; the row was skipped."));
                _skipped.Add(line);
                continue;
            }

            row = new TabularRow(line, cells);
            return true;
        }
    }

    public void Dispose() => _parser.Dispose();

    // The parser reports the line where a record ends; a record spans one line more for each newline inside it. A
    // record that ends one line after the previous one is that line alone: no need to copy out its raw text. A quote
    // left open runs to the end of the file and takes the final line break into its field, which the parser then
    // counts as a line of its own.
    private int StartLine()
    {
        var end = _parser.RawRow;
        var previousEnd = _lastRawRow;
        _lastRawRow = end;
        if (end == previousEnd + 1)
        {
            return end;
        }

        // A quoted field left open: an odd number of quotes, one of which opens a field (a stray quote inside an
        // unquoted field, as in b"c, opens nothing and ends with its line).
        var raw = _parser.RawRecord.AsSpan();
        var delimiter = Format.Delimiter ?? ',';
        var open = raw.Count('"') % 2 == 1 && (raw.StartsWith("\"") || raw.IndexOf([delimiter, '"']) >= 0);
        return end - (open ? raw.Count('\n') : raw.TrimEnd("\r\n").Count('\n'));
    }

    private string[] ReadHeader()
    {
        if (!_parser.Read())
        {
            return [];
        }

        HeaderLine = StartLine();
        var header = new string[_parser.Count];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = Cell.Clean(_parser[i]?.TrimStart('\uFEFF')) ?? string.Empty;
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
}
