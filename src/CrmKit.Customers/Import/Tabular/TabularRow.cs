namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// One data row of a table: its cells (trimmed, Unicode NFC, empty when the file's cell is empty) and where it starts.
/// The cells are ranges of one character buffer; a reader fills the same row object again for every row it reads, so
/// a row is valid until the reader's next <see cref="ITabularReader.Read"/>. Whoever holds a row longer holds a
/// <see cref="Copy"/>.
/// </summary>
/// <remarks>
/// A cell's text is made into a string only when asked for (<see cref="Text"/>), once per row; most cells are read as
/// spans (<see cref="Span"/>) or looked up by span in a cache of strings made before.
/// </remarks>
internal sealed class TabularRow
{
    private char[] _chars = new char[256];
    private int[] _starts = [];
    private int[] _lengths = []; // -1: an empty cell
    private string?[] _texts = [];
    private int _used;

    /// <summary>The 1-based physical line of the file where the row starts (for a spreadsheet, the sheet's row number).</summary>
    public int Line { get; private set; }

    /// <summary>The number of cells, as many as the header has columns.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the cell is empty (blank in the file, or only spaces).</summary>
    public bool IsEmpty(int index) => _lengths[index] < 0;

    /// <summary>The cell's text; empty when the cell is.</summary>
    public ReadOnlySpan<char> Span(int index) => _lengths[index] < 0 ? default : _chars.AsSpan(_starts[index], _lengths[index]);

    /// <summary>The cell's text as a string (made once per row), or <see langword="null"/> when the cell is empty.</summary>
    public string? Text(int index)
    {
        if (_lengths[index] < 0)
        {
            return null;
        }

        return _texts[index] ??= new string(_chars, _starts[index], _lengths[index]);
    }

    /// <summary>The string already made for a cell of this row, if any.</summary>
    internal string? MadeText(int index) => _texts[index];

    /// <summary>Gives a cell of this row its string (one looked up by the cell's text: equal to it).</summary>
    internal void SetText(int index, string text) => _texts[index] = text;

    /// <summary>Every cell's characters, one after the other (with what was cut from them): for scans of the whole row.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, _used);

    /// <summary>A row of its own with the same line and cells.</summary>
    public TabularRow Copy()
    {
        var copy = new TabularRow();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Makes this row the same as <paramref name="other"/> (reusing this row's buffers).</summary>
    public void CopyFrom(TabularRow other)
    {
        Start(other.Line, other.Count, other._used);
        other._chars.AsSpan(0, other._used).CopyTo(_chars);
        _used = other._used;
        other._starts.AsSpan(0, other.Count).CopyTo(_starts);
        other._lengths.AsSpan(0, other.Count).CopyTo(_lengths);
        other._texts.AsSpan(0, other.Count).CopyTo(_texts);
    }

    /// <summary>A row made of strings (tests, spreadsheets).</summary>
    public static TabularRow Of(int line, IReadOnlyList<string?> cells)
    {
        var row = new TabularRow();
        row.Set(line, cells);
        return row;
    }

    /// <summary>Fills the row with cells given as strings (already clean).</summary>
    public void Set(int line, IReadOnlyList<string?> cells)
    {
        var total = 0;
        foreach (var cell in cells)
        {
            total += cell?.Length ?? 0;
        }

        Start(line, cells.Count, total);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { } text)
            {
                Append(i, text);
                _texts[i] = text;
            }
        }
    }

    /// <summary>Starts filling the row: <paramref name="count"/> empty cells, room for <paramref name="capacity"/> characters.</summary>
    internal void Start(int line, int count, int capacity)
    {
        Line = line;
        Count = count;
        _used = 0;
        if (_chars.Length < capacity)
        {
            _chars = new char[Math.Max(capacity, _chars.Length * 2)];
        }

        if (_starts.Length < count)
        {
            _starts = new int[count];
            _lengths = new int[count];
            _texts = new string?[count];
        }

        _lengths.AsSpan(0, count).Fill(-1);
        _texts.AsSpan(0, count).Clear();
    }

    /// <summary>Room for <paramref name="length"/> more characters after those used: the span to write them into.</summary>
    internal Span<char> Reserve(int length)
    {
        if (_used + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_used + length, _chars.Length * 2));
        }

        return _chars.AsSpan(_used, length);
    }

    /// <summary>Marks <paramref name="length"/> characters written at the end as used (after <see cref="Reserve"/>).</summary>
    internal void Commit(int length) => _used += length;

    /// <summary>Where the next characters written go.</summary>
    internal int Used => _used;

    /// <summary>The characters written so far (to clean a cell in place).</summary>
    internal Span<char> Buffer => _chars.AsSpan(0, _used);

    /// <summary>Sets a cell to the characters at <paramref name="start"/> (of <see cref="Buffer"/>); a length of -1 leaves it empty.</summary>
    internal void SetCell(int index, int start, int length)
    {
        _starts[index] = start;
        _lengths[index] = length;
    }

    /// <summary>Sets a cell to a copy of <paramref name="text"/>, written at the end of the buffer.</summary>
    internal void Append(int index, ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        SetCell(index, _used, text.Length);
        _used += text.Length;
    }
}
