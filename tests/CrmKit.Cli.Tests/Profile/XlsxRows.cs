using System.Text;
using ExcelDataReader;

namespace CrmKit.Cli.Tests.Profile;

/// <summary>Reads a written .xlsx back with ExcelDataReader (the import's reader, independent of the writer, MiniExcel).</summary>
internal static class XlsxRows
{
    public static List<object?[]> Read(string path)
    {
        // ExcelDataReader's configuration asks for code page 1252 even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)]);
        }

        return rows;
    }

    /// <summary>Every sheet of the workbook, in order: its name and its rows.</summary>
    public static List<(string Name, List<object?[]> Rows)> Sheets(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var sheets = new List<(string, List<object?[]>)>();
        do
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)]);
            }

            sheets.Add((reader.Name, rows));
        }
        while (reader.NextResult());
        return sheets;
    }
}
