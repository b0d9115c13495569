using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>What was read from one input file, and how.</summary>
public sealed record ImportedFile
{
    /// <summary>The kind of file.</summary>
    public required ImportFileKind Kind { get; init; }

    /// <summary>The file name.</summary>
    public required string File { get; init; }

    /// <summary><c>csv</c>, <c>xlsx</c> or <c>xls</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The text encoding read (<c>utf-8</c>, <c>windows-1258</c>), or <see langword="null"/> for a workbook.</summary>
    public string? Encoding { get; init; }

    /// <summary>The field delimiter, or <see langword="null"/> for a workbook.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The sheet read, for a workbook.</summary>
    public string? Sheet { get; init; }

    /// <summary>The zone of times without an offset.</summary>
    public required string Zone { get; init; }

    /// <summary>The number style of each amount column: column → its style (undecided: no value needed it) and how it was decided.</summary>
    public ImmutableDictionary<string, ColumnReading> NumberFormats { get; init; } = ImmutableDictionary<string, ColumnReading>.Empty;

    /// <summary>The date order of each date column: column → its order and how it was decided.</summary>
    public ImmutableDictionary<string, ColumnReading> DateOrders { get; init; } = ImmutableDictionary<string, ColumnReading>.Empty;

    /// <summary>Data rows in the file.</summary>
    public int RowsRead { get; init; }

    /// <summary>Data rows rejected (each with at least one error issue).</summary>
    public int RowsRejected { get; init; }

    /// <summary>Data rows kept: read less rejected.</summary>
    public int RowsKept => RowsRead - RowsRejected;

    /// <summary>Warnings: fields left unset in kept rows, and notes about the file.</summary>
    public int Warnings { get; init; }

    /// <summary>Whether the file as a whole could not be read (no header, wrong encoding, required columns missing).</summary>
    public bool Unreadable { get; init; }

    /// <summary>
    /// When the file's consent columns (<c>consent.&lt;channel&gt;.&lt;purpose&gt;</c>, which carry no date of their own)
    /// gave at least one consent decision: the instant those decisions are dated at, the export's time
    /// (<see cref="CsvImportOptions.ExportedAt"/>, else the file's last-modified time, UTC). <see langword="null"/> when
    /// no consent column gave a decision (no such column, or every cell empty or unreadable), and for files whose
    /// consents carry their own dates (a consents file).
    /// </summary>
    public Instant? ConsentsExportedAt { get; init; }

    /// <summary>Header columns that feed no CrmKit field.</summary>
    public ImmutableArray<string> UnusedColumns { get; init; } = [];
}
