using System.Text;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Opens an input file as a table whatever it was saved as: an Excel workbook (recognised by its content, whatever
/// its extension) or delimited text in any encoding, with the delimiter detected.
/// </summary>
internal static class TabularSource
{
    private const int SampleChars = 64 * 1024;

    /// <summary>
    /// Opens a file. A text file that is not valid in its encoding is reported (with the line of the first bad byte and a
    /// guess of the encoding) and yields an empty table. With more than one processor, delimited text is split into
    /// rows on a thread of its own (<see cref="PrefetchingReader"/>; the same rows and issues, in the same order).
    /// </summary>
    public static ITabularReader Open(string path, ImportFormat format, List<ImportIssue> issues)
    {
        var file = Path.GetFileName(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> head = stackalloc byte[8];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
            {
                return new ExcelTabularReader(stream, file, "xlsx", format.Sheet);
            }

            if (read >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            {
                return new ExcelTabularReader(stream, file, "xls", format.Sheet);
            }

            Encoding encoding;
            if (format.Encoding is { } name)
            {
                // A byte order mark, or bytes that are valid UTF-8 beyond ASCII, say what the file is: an encoding
                // named for other files of the run (a Windows-1258 customers file) must not garble this one.
                encoding = TextEncodingName.Resolve(name);
                var detected = TextEncodingDetector.Detect(stream);
                stream.Position = 0;
                if (detected.IsCertain && detected.Encoding.WebName != encoding.WebName && (detected.Evidence == EncodingEvidence.ByteOrderMark || HasNonAscii(stream)))
                {
                    var proof = detected.Evidence == EncodingEvidence.ByteOrderMark ? "it starts with a byte order mark" : "its bytes are valid UTF-8";
                    issues.Add(new ImportIssue(file, 0, null, $"the file is {TextEncodingName.NameOf(detected.Encoding)} ({proof}), so it was read as such although the encoding {name} was given.")
                    {
                        Severity = ImportIssueSeverity.Warning,
                        Kind = ImportIssueKind.EncodingOverridden,
                        Arguments = [TextEncodingName.NameOf(detected.Encoding), name],
                    });
                    encoding = detected.Encoding;
                }
            }
            else
            {
                var detected = TextEncodingDetector.Detect(stream);
                stream.Position = 0;
                if (!detected.IsCertain)
                {
                    issues.Add(new ImportIssue(file, (int)(detected.InvalidLine ?? 0), null, (detected.Explanation ?? "the file is not UTF-8 text") + (detected.Explanation?.EndsWith('.') == true ? string.Empty : "."))
                    {
                        Severity = ImportIssueSeverity.Error,
                        Kind = ImportIssueKind.NotUtf8,
                        Arguments = [(detected.InvalidLine ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture), TextEncodingName.NameOf(detected.Encoding)],
                    });
                    stream.Dispose();
                    return new EmptyTabularReader(file, new TabularFormat("csv", detected.EncodingName, null, null));
                }

                encoding = detected.Encoding;
            }

            var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            return Environment.ProcessorCount > 1
                ? new PrefetchingReader(own => Open(reader, file, format, own, TextEncodingName.NameOf(encoding)), issues)
                : Open(reader, file, format, issues, TextEncodingName.NameOf(encoding));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static bool HasNonAscii(Stream stream)
    {
        var buffer = new byte[1 << 16];
        int read;
        var found = false;
        while (!found && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            found = !System.Text.Ascii.IsValid(buffer.AsSpan(0, read));
        }

        stream.Position = 0;
        return found;
    }

    /// <summary>Opens delimited text; the delimiter is the format's or detected from the first lines.</summary>
    public static ITabularReader Open(TextReader reader, string file, ImportFormat format, List<ImportIssue> issues, string encoding = "utf-16")
    {
        if (format.Delimiter is { } delimiter)
        {
            return new CsvTabularReader(reader, file, delimiter, encoding, issues);
        }

        var buffer = new char[SampleChars];
        var length = reader.ReadBlock(buffer, 0, buffer.Length);
        var sample = new string(buffer, 0, length);
        var detected = DelimiterDetector.Detect(sample, isWholeText: length < buffer.Length).Delimiter ?? ',';
        return new CsvTabularReader(new ChainedReader(sample, reader, ownsRest: true), file, detected, encoding, issues);
    }

    private sealed class EmptyTabularReader(string file, TabularFormat format) : ITabularReader
    {
        public bool IsUnreadable => true;

        public string File { get; } = file;

        public IReadOnlyList<string> Header => [];

        public int HeaderLine => 0;

        public TabularFormat Format { get; } = format;

        public bool IsSpreadsheet => false;

        public bool Read([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TabularRow row)
        {
            row = null;
            return false;
        }

        public void Dispose()
        {
        }
    }
}
