using CrmKit.Customers.Import;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// The whitespace-aligned CDNOW layout rewritten, line for line, as tab-separated text that the import's reader
/// (<see cref="PurchaseTable"/>) reads with its own rules: the header becomes <c>customer_id date number_of_cds
/// dollar_value</c>, a five-column row (<c>id_master id_sample date cds value</c>) loses its first column, and a row with
/// another number of fields becomes a blank line (skipped by the reader) with its issue kept here. CDNOW fields hold
/// neither tabs nor quotes, so the rewrite changes no value. When the file has no header one is put before its first
/// line, so every later line is one further down: <see cref="LineOffset"/> says by how much. The source is not
/// disposed (it belongs to the caller).
/// </summary>
internal sealed class CdnowText(TextReader source, string file) : TextReader
{
    /// <summary>The header the rewritten text starts with.</summary>
    public const string Header = "customer_id\tdate\tnumber_of_cds\tdollar_value";

    private readonly Queue<ImportIssue> _issues = new();
    private string _text = string.Empty;
    private int _position;
    private int _line;
    private bool _ended;

    /// <summary>How many lines the rewritten text is ahead of the file: 1 when a header was added, else 0.</summary>
    public int LineOffset { get; private set; }

    /// <summary>Moves the rows' issues up to (not including) a line of the file into <paramref name="to"/>, in line order.</summary>
    public void MoveIssuesBefore(int line, ICollection<ImportIssue> to)
    {
        while (_issues.TryPeek(out var issue) && issue.Line < line)
        {
            to.Add(_issues.Dequeue());
        }
    }

    public override int Peek() => Fill() ? _text[_position] : -1;

    public override int Read() => Fill() ? _text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (count == 0 || !Fill())
        {
            return 0;
        }

        var n = Math.Min(count, _text.Length - _position);
        _text.CopyTo(_position, buffer, index, n);
        _position += n;
        return n;
    }

    private bool Fill()
    {
        while (_position == _text.Length)
        {
            if (_ended || source.ReadLine() is not { } line)
            {
                _ended = true;
                return false;
            }

            _line++;
            _position = 0;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (_line == 1)
            {
                if (fields.Length > 0 && !char.IsAsciiDigit(fields[0][0]))
                {
                    _text = Header + "\n";
                    continue;
                }

                LineOffset = 1;
                _text = Header + "\n" + Row(fields) + "\n";
                continue;
            }

            _text = Row(fields) + "\n";
        }

        return true;
    }

    private string Row(string[] fields)
    {
        switch (fields.Length)
        {
            case 0:
                return string.Empty;
            case 4:
                return string.Join('\t', fields);
            case 5:
                return string.Join('\t', fields, 1, 4);
            default:
                _issues.Enqueue(new ImportIssue(file, _line, null, $"expected 4 fields (customer, date, cds, value) or 5 (id_master, id_sample, date, cds, value), found {fields.Length}."));
                return string.Empty;
        }
    }
}
