namespace CrmKit.Customers.Import;

/// <summary>
/// The values of one column that were read in the column's decided day/month order or number style although the other
/// order or style reads them differently (<c>05/06/2024</c>: 5 June day first, 6 May month first; <c>125.000</c>:
/// 125,000 in the Vietnamese style, 125 in the English style), kept until the end of the file.
/// </summary>
/// <remarks>
/// Such a value is only as right as the column's order: when a later value of the same column can only be read the
/// other way, the column mixes both, and every value it read two ways is retracted: the table rejects
/// those rows at the end of the file, as it rejects the two-way values read after the contradiction at once. No value
/// is kept at a meaning the file may not have.
/// </remarks>
internal sealed class TwoWayValues
{
    private List<(int Line, string Text)>? _read;

    /// <summary>The line of the last value recorded, or -1: whether the current row read one.</summary>
    public int LastLine { get; private set; } = -1;

    /// <summary>How many values were recorded, including any after the column was contradicted.</summary>
    public int Count { get; private set; }

    /// <summary>Records a value read in the column's order or style that the other reads differently.</summary>
    /// <param name="line">The 1-based physical line of the row.</param>
    /// <param name="text">The value as written, trimmed.</param>
    /// <param name="contradicted">Whether the column already holds a value of the other order or style (then the value is rejected at once and not kept).</param>
    public void Add(int line, string text, bool contradicted)
    {
        if (line == LastLine)
        {
            return; // the same cell read again (an amount's currency mark is looked up after its value)
        }

        LastLine = line;
        Count++;
        if (!contradicted)
        {
            (_read ??= []).Add((line, text));
        }
    }

    /// <summary>The values read two ways before the column was contradicted, in file order; empty when it was not.</summary>
    public IReadOnlyList<(int Line, string Text)> ReadBefore => _read ?? (IReadOnlyList<(int Line, string Text)>)[];
}
