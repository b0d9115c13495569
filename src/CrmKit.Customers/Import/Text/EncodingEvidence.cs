namespace CrmKit.Customers.Import;

/// <summary>How sure <see cref="TextEncodingDetector"/> is of the encoding it reports.</summary>
internal enum EncodingEvidence
{
    /// <summary>The file starts with a byte order mark, which names the encoding.</summary>
    ByteOrderMark,

    /// <summary>The whole content is valid UTF-8 (which pure ASCII also is).</summary>
    ValidUtf8,

    /// <summary>The content is not UTF-8; the encoding is the best guess from its bytes, to be confirmed by the user.</summary>
    Guessed,

    /// <summary>The content is not text at all (a ZIP archive such as an .xlsx workbook, an old .xls workbook).</summary>
    NotText,
}
