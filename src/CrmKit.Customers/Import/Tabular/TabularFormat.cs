namespace CrmKit.Customers.Import.Tabular;

/// <summary>How a table was physically read.</summary>
/// <param name="Kind"><c>csv</c> or <c>xlsx</c> (<c>xls</c>).</param>
/// <param name="Encoding">The text encoding's web name (<c>utf-8</c>, <c>windows-1258</c>); <see langword="null"/> for spreadsheets.</param>
/// <param name="Delimiter">The field delimiter; <see langword="null"/> for spreadsheets.</param>
/// <param name="Sheet">The sheet read; <see langword="null"/> for text files.</param>
internal sealed record TabularFormat(string Kind, string? Encoding, char? Delimiter, string? Sheet);
