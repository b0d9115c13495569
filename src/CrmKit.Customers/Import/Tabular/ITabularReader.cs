namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// A table read row by row from a delimited text file or a spreadsheet: a header, then data rows with their physical
/// line numbers. Rows that cannot be read (broken quoting, wrong width) are reported to the issue list and skipped;
/// everything else is handed on as text, so that every value is interpreted in one place.
/// </summary>
internal interface ITabularReader : IDisposable
{
    /// <summary>The file name used in issues.</summary>
    string File { get; }

    /// <summary>The header cells (trimmed, NFC), in file order; empty when the file has no header row.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based line of the header row.</summary>
    int HeaderLine { get; }

    /// <summary>What was detected or used to read the file (encoding, delimiter, sheet).</summary>
    TabularFormat Format { get; }

    /// <summary>Whether cells come from a spreadsheet (numbers may then be Excel serial dates).</summary>
    bool IsSpreadsheet { get; }

    /// <summary>The first line of each record that could not be split into fields (each reported once, one rejected row) and was skipped.</summary>
    IReadOnlyCollection<int> SkippedLines => [];

    /// <summary>Whether the file could not be read at all (already reported, such as a wrong encoding).</summary>
    bool IsUnreadable => false;

    /// <summary>
    /// Reads the next data row; false at the end of the table. The row is the reader's own, refilled by the next call:
    /// a caller that keeps it longer keeps a <see cref="TabularRow.Copy"/>.
    /// </summary>
    bool Read([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TabularRow row);
}
