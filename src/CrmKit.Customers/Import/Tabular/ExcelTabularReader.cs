using System.Globalization;
using ExcelDataReader;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Reads one sheet of an Excel workbook (<c>.xlsx</c>, and legacy <c>.xls</c>) with ExcelDataReader, which streams
/// rows without loading the workbook into memory. Typed cells become text in invariant forms that the value readers
/// understand: dates stored as dates become ISO 8601 (<c>2025-08-28T19:09:00</c>, or <c>2025-08-28</c> at midnight),
/// numbers their shortest round-trip form (<c>912345678</c>: a phone stored as a number has lost its leading 0,
/// which the phone reader restores), so nothing is read with another meaning than the cell's.
/// </summary>
internal sealed class ExcelTabularReader : ITabularReader
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ExcelDataReader's configuration asks the process for code page 1252 (legacy .xls text) as soon as it is
    // created, and .NET only has it once the code-pages provider is registered; registering is idempotent.
    static ExcelTabularReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    private readonly IExcelDataReader _reader;
    private readonly Stream _stream;

    public ExcelTabularReader(Stream stream, string file, string kind, string? sheet)
    {
        File = file;
        _stream = stream;
        _reader = ExcelReaderFactory.CreateReader(stream);
        var sheets = new List<string>();
        do
        {
            sheets.Add(_reader.Name);
            if (sheet is null || string.Equals(_reader.Name, sheet, StringComparison.OrdinalIgnoreCase))
            {
                Format = new TabularFormat(kind, null, null, _reader.Name);
                Header = ReadHeader();
                return;
            }
        }
        while (_reader.NextResult());

        _reader.Dispose();
        throw new InvalidValueException("--sheet", $"the workbook '{file}' has no sheet '{sheet}'; its sheets are: {string.Join(", ", sheets.Select(s => $"'{s}'"))}.");
    }

    private readonly TabularRow _row = new();
    private string?[]? _cells;

    public string File { get; }

    public IReadOnlyList<string> Header { get; private set; } = [];

    public int HeaderLine { get; private set; }

    public TabularFormat Format { get; } = new("xlsx", null, null, null);

    public bool IsSpreadsheet => true;

    public bool Read([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TabularRow row)
    {
        var cells = _cells ??= new string?[Header.Count];
        while (_reader.Read())
        {
            Array.Clear(cells);
            var any = false;
            for (var i = 0; i < cells.Length && i < _reader.FieldCount; i++)
            {
                cells[i] = Text(_reader.GetValue(i));
                any |= cells[i] is not null;
            }

            if (any)
            {
                _row.Set(_reader.Depth + 1, cells);
                row = _row;
                return true;
            }
        }

        row = null;
        return false;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    private string[] ReadHeader()
    {
        while (_reader.Read())
        {
            var header = new string[_reader.FieldCount];
            for (var i = 0; i < header.Length; i++)
            {
                header[i] = Text(_reader.GetValue(i)) ?? string.Empty;
            }

            var width = header.Length;
            while (width > 0 && header[width - 1].Length == 0)
            {
                width--;
            }

            if (width > 0)
            {
                HeaderLine = _reader.Depth + 1;
                return header[..width];
            }
        }

        return [];
    }

    internal static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string s => Cell.Clean(s),
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => d.ToString("0", Inv),
        double d => d.ToString("R", Inv),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy'-'MM'-'dd", Inv),
        DateTime t when t.Millisecond == 0 => t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", Inv),
        DateTime t => t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.fff", Inv),
        TimeSpan s => s.ToString("c", Inv),
        bool b => b ? "true" : "false",
        IFormattable f => Cell.Clean(f.ToString(null, Inv)),
        _ => Cell.Clean(value.ToString()),
    };
}
