using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class TextEncodingDetectorTests
{
    private static readonly string[] Names = ["Trần Thị Hà", "Nguyễn Văn Đức", "Phạm Thị Hương"];

    // A customers file as Excel saves it on Vietnamese Windows: an ASCII header and first row, then Vietnamese names.
    private static string CustomersCsv(string newline)
        => string.Join(newline, ["customer_id,name,phone", "KH1,An,0912345678", .. Names.Select((n, i) => $"KH{i + 2},{n},091234567{i}")]) + newline;

    [Theory]
    [InlineData("\n", 47)]
    [InlineData("\r\n", 49)]
    public void Detect_Windows1258_ReportsTheFirstInvalidByteItsLineAndGuessesVietnamese(string newline, long offset)
    {
        var csv = CustomersCsv(newline);
        var bytes = VietnameseWindowsText.Encode(csv);
        Assert.Equal(csv.IndexOf('ầ', StringComparison.Ordinal), offset); // everything before 'ầ' is ASCII: one byte per character
        Assert.Equal(0xE2, bytes[offset]); // â, followed by the combining grave 0xCC

        var detection = TextEncodingDetector.Detect(bytes);

        Assert.Equal(EncodingEvidence.Guessed, detection.Evidence);
        Assert.False(detection.IsCertain);
        Assert.Equal(offset, detection.InvalidOffset);
        Assert.Equal(3, detection.InvalidLine);
        Assert.Equal("windows-1258", detection.EncodingName);

        // From 0xE2 on: tones after vowels in Trần, Thị (2), Nguyễn (1), Đức (Đ, ư, tone: 3), Phạm, Thị (2), Hương (ư, ơ: 2).
        Assert.Equal(
            $"the file is not UTF-8: byte 0xE2 at offset {offset} (line 3); it looks like Windows-1258, as Excel saves CSV on Vietnamese Windows "
            + "(10 Vietnamese tone marks or letters, 0 letters of other languages); pass --encoding windows-1258",
            detection.Explanation);
    }

    [Fact]
    public void Detect_Windows1258_DecodesToTheNamesOnceNormalisedToNfc()
    {
        var bytes = VietnameseWindowsText.Encode(CustomersCsv("\r\n"));
        var detection = TextEncodingDetector.Detect(bytes);

        // Windows-1258 writes tones as combining marks, so the decoded text is decomposed: normalise it to NFC.
        var decoded = detection.Encoding.GetString(bytes);
        Assert.NotEqual(decoded, decoded.Normalize(NormalizationForm.FormC));
        var names = decoded.Normalize(NormalizationForm.FormC).Split("\r\n").Skip(2).Take(3).Select(l => l.Split(',')[1]);
        Assert.Equal(Names, names);
    }

    [Fact]
    public void Detect_Windows1252_GuessesWestern()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("name,city\nAn,Hanoi\nMüller,Köln\nFrançoise,Besançon\nJosé Muñoz,Málaga\n");
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal((EncodingEvidence.Guessed, "windows-1252", 20L, 3L), (detection.Evidence, detection.EncodingName, detection.InvalidOffset!.Value, detection.InvalidLine!.Value));
        Assert.Equal(
            "the file is not UTF-8: byte 0xFC at offset 20 (line 3); it looks like Windows-1252, as Excel saves CSV on Western European Windows "
            + "(5 letters of Western languages, 0 Vietnamese tone marks or letters); pass --encoding windows-1252, or the file's own encoding",
            detection.Explanation);
    }

    [Fact]
    public void Detect_ValidUtf8_IsCertain()
    {
        var detection = TextEncodingDetector.Detect(Encoding.UTF8.GetBytes(CustomersCsv("\n")));
        Assert.Equal((EncodingEvidence.ValidUtf8, "utf-8", 0), (detection.Evidence, detection.EncodingName, detection.PreambleLength));
        Assert.True(detection.IsCertain);
        Assert.Null(detection.InvalidOffset);
        Assert.Null(detection.Explanation);
    }

    [Fact]
    public void Detect_Empty_IsValidUtf8()
        => Assert.Equal(EncodingEvidence.ValidUtf8, TextEncodingDetector.Detect([]).Evidence);

    public static TheoryData<string, int, string> ByteOrderMarks => new()
    {
        { "utf-8", 3, "utf-8" },
        { "utf-16", 2, "utf-16" },
        { "utf-16be", 2, "utf-16be" },
        { "utf-32", 4, "utf-32" },
        { "utf-32be", 4, "utf-32be" },
    };

    [Theory]
    [MemberData(nameof(ByteOrderMarks))]
    public void Detect_ByteOrderMark_NamesTheEncoding(string encodingName, int preambleLength, string expected)
    {
        var encoding = TextEncodingName.Resolve(encodingName);
        byte[] bytes = [.. (encodingName == "utf-8" ? Encoding.UTF8 : encoding).GetPreamble(), .. encoding.GetBytes(CustomersCsv("\r\n"))];
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal((EncodingEvidence.ByteOrderMark, preambleLength, expected), (detection.Evidence, detection.PreambleLength, detection.EncodingName));
        Assert.Equal(CustomersCsv("\r\n"), detection.Encoding.GetString(bytes, preambleLength, bytes.Length - preambleLength));
    }

    [Fact]
    public void Detect_Utf8ByteOrderMarkThenWindows1258_IsStillCaught()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. VietnameseWindowsText.Encode(CustomersCsv("\n"))];
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal((EncodingEvidence.Guessed, "windows-1258", 3, 50L), (detection.Evidence, detection.EncodingName, detection.PreambleLength, detection.InvalidOffset!.Value));
    }

    [Theory]
    [InlineData("utf-16", 1L, "utf-16", "UTF-16 LE")]
    [InlineData("utf-16be", 0L, "utf-16be", "UTF-16 BE")]
    public void Detect_Utf16WithoutByteOrderMark_IsGuessedFromTheZeroBytes(string encodingName, long firstZero, string expected, string described)
    {
        var bytes = TextEncodingName.Resolve(encodingName).GetBytes(CustomersCsv("\r\n"));
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal((EncodingEvidence.Guessed, expected, firstZero, 1L), (detection.Evidence, detection.EncodingName, detection.InvalidOffset!.Value, detection.InvalidLine!.Value));
        Assert.Equal(
            $"the file is not UTF-8: byte 0x00 at offset {firstZero} (line 1) and {bytes.Length / 2 - Names.Sum(n => n.Count(c => c > 0xFF))} of its first {bytes.Length} bytes are zero, "
            + $"as in {described} text without a byte order mark; pass --encoding {expected}",
            detection.Explanation);
    }

    [Fact]
    public void Detect_MostlyUtf8WithOneWindows1258Row_SaysTheFileMixesEncodings()
    {
        var utf8Rows = string.Concat(Enumerable.Range(0, 50).Select(i => $"KH{i},Nguyễn Văn Đức,0912345678\n"));
        byte[] bytes = [.. Encoding.UTF8.GetBytes("customer_id,name,phone\n" + utf8Rows), .. VietnameseWindowsText.Encode("KX,Trần Thị Hà,0912\n"), .. Encoding.UTF8.GetBytes(utf8Rows)];
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal((EncodingEvidence.Guessed, "utf-8", 52L), (detection.Evidence, detection.EncodingName, detection.InvalidLine!.Value));
        Assert.EndsWith(
            "though most of the text around it is: the file mixes encodings (rows pasted from another program?); fix that line, or pass --encoding with the file's encoding",
            detection.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_XlsxWorkbook_IsNotText()
    {
        var detection = TextEncodingDetector.Detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
        Assert.Equal(EncodingEvidence.NotText, detection.Evidence);
        Assert.Equal("the file is not text: it starts like a ZIP archive, which an Excel workbook (.xlsx) is; save it as CSV or read it as a workbook", detection.Explanation);
    }

    [Fact]
    public void Detect_CharacterAcrossBlockBoundary_IsValid()
    {
        // "ễ" is three bytes; place it at offsets 65535..65537, across the first block boundary, and again further on.
        var filler = Filler(TextEncodingDetector.BlockSize - 1);
        var bytes = Encoding.UTF8.GetBytes(filler + "ễ\n" + Filler(TextEncodingDetector.BlockSize - 2) + "Đức\n");
        Assert.Equal(0xE1, bytes[TextEncodingDetector.BlockSize - 1]);
        Assert.Equal(EncodingEvidence.ValidUtf8, TextEncodingDetector.Detect(bytes).Evidence);
    }

    [Theory]
    [InlineData(TextEncodingDetector.BlockSize - 1)] // a lead byte ending the first block, then no continuation
    [InlineData(TextEncodingDetector.BlockSize)] // the first byte of the second block
    [InlineData(3 * TextEncodingDetector.BlockSize + 12_345)]
    public void Detect_InvalidByteInAnyBlock_HasItsExactOffsetAndLine(int offset)
    {
        var filler = Filler(offset);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(filler), 0xE2, (byte)'a', (byte)'\n', .. Encoding.UTF8.GetBytes(Filler(100_000))];
        var detection = TextEncodingDetector.Detect(bytes);
        Assert.Equal(offset, detection.InvalidOffset);
        Assert.Equal(filler.Count(c => c == '\n') + 1, detection.InvalidLine);
    }

    [Fact]
    public void Detect_TruncatedCharacterAtTheEnd_IsInvalidWhereItStarts()
    {
        var detection = TextEncodingDetector.Detect([(byte)'a', (byte)'\n', (byte)'b', 0xE1, 0xBB]);
        Assert.Equal((3L, 2L), (detection.InvalidOffset!.Value, detection.InvalidLine!.Value));
    }

    [Fact]
    public void Detect_Stream_ReadsFromItsPositionAndRestoresIt()
    {
        using var stream = new MemoryStream([(byte)'x', .. VietnameseWindowsText.Encode(CustomersCsv("\n"))]);
        stream.Position = 1;
        var detection = TextEncodingDetector.Detect(stream);
        Assert.Equal(1, stream.Position);
        Assert.Equal(47, detection.InvalidOffset);
    }

    [Fact]
    public void Detect_UnseekableStream_Throws()
    {
        using var stream = new UnseekableStream();
        Assert.Throws<ArgumentException>(() => TextEncodingDetector.Detect(stream));
    }

    // ASCII lines of varying length, exactly `length` characters long.
    private static string Filler(int length)
    {
        var builder = new StringBuilder(length);
        var row = 0;
        while (builder.Length < length)
        {
            builder.Append("KH").Append(row++).Append(",An,0912345678,1.250.000\n");
        }

        return builder.ToString(0, length);
    }

    private sealed class UnseekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
