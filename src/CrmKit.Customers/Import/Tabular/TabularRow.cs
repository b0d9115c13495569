namespace CrmKit.Customers.Import.Tabular;

/// <summary>One data row of a table: its cells (trimmed, Unicode NFC, <see langword="null"/> when empty) and where it starts.</summary>
/// <param name="Line">The 1-based physical line of the file where the row starts (for a spreadsheet, the sheet's row number).</param>
/// <param name="Cells">The cells, as many as the header has columns.</param>
internal readonly record struct TabularRow(int Line, string?[] Cells);
