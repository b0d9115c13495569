using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// One customers file saved in every encoding a shop's export arrives in: each is read to the same customers, with
/// names in Unicode NFC; a Windows-1258 file whose encoding is not named is refused at the line of its first
/// non-ASCII byte, with the encoding to name.
/// </summary>
public class ImportEncodingTests
{
    private static readonly (string Id, string Name, string CreatedAt, string Phone, string Email)[] Rows =
    [
        ("KH001", "Trần Thị Hà", "2024-01-05 09:30", "0912 345 678", "ha.tran@example.vn"),
        ("KH002", "Nguyễn Văn Đức", "2024-02-10 14:00", "0903 111 222", ""),
        ("KH003", "Phạm Thị Hương", "2024-03-15 08:00", "0938 222 333", "huong.pham@example.vn"),
        ("KH004", "Đặng Thu Trang", "2024-04-20 19:45", "0868 777 888", ""),
    ];

    // The same customers computed by hand: local times in Asia/Ho_Chi_Minh (UTC+7), phones in E.164.
    private static readonly string[] Expected =
    [
        "KH001|Trần Thị Hà|2024-01-05T02:30:00Z|+84912345678|ha.tran@example.vn",
        "KH002|Nguyễn Văn Đức|2024-02-10T07:00:00Z|+84903111222|",
        "KH003|Phạm Thị Hương|2024-03-15T01:00:00Z|+84938222333|huong.pham@example.vn",
        "KH004|Đặng Thu Trang|2024-04-20T12:45:00Z|+84868777888|",
    ];

    // As Excel writes CSV on Windows: CRLF line ends.
    private static string CustomersCsv(Func<string, string>? name = null)
        => string.Concat(["customer_id,name,created_at,phone,email\r\n", .. Rows.Select(r => $"{r.Id},{(name ?? (n => n))(r.Name)},{r.CreatedAt},{r.Phone},{r.Email}\r\n")]);

    private static byte[] Bytes(string variant, string text) => variant switch
    {
        "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text),
        "utf-8 with BOM" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "utf-16 LE with BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        "utf-16 BE with BOM" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        "windows-1258" => VietnameseWindowsText.Encode(text),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Not a variant of the test."),
    };

    private static string Describe(Customer c)
        => $"{c.Id}|{c.DisplayName}|{c.CreatedAt}|{string.Join(";", c.Phones.Select(p => p.E164))}|{string.Join(";", c.Emails.Select(e => e.Value))}";

    private static CustomerDataSet ReadCustomers(string path, CsvImportOptions? options = null)
        => CustomerDataSet.Read(new CustomerFiles { Customers = path }, options);

    [Theory]
    [InlineData("utf-8", "utf-8")]
    [InlineData("utf-8 with BOM", "utf-8")]
    [InlineData("utf-16 LE with BOM", "utf-16")]
    [InlineData("utf-16 BE with BOM", "utf-16be")]
    [InlineData("windows-1258", "windows-1258")]
    public void Read_EachEncoding_GivesTheSameCustomersWithNfcNames(string variant, string encodingRead)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("customers.csv", Bytes(variant, CustomersCsv()));
        var options = variant == "windows-1258" ? new CsvImportOptions { Format = new ImportFormat { Encoding = "windows-1258" } } : null;

        var read = ReadCustomers(path, options);

        Assert.Empty(read.Issues);
        Assert.Equal(Expected, read.Customers.Select(Describe));
        Assert.All(read.Customers, c => Assert.True(c.DisplayName.IsNormalized(NormalizationForm.FormC), c.DisplayName));
        var file = Assert.Single(read.Files);
        Assert.Equal(("csv", encodingRead, ',', 4, 0), (file.Type, file.Encoding, file.Delimiter, file.RowsRead, file.RowsRejected));
    }

    [Fact]
    public void Read_Windows1258_DecodesTonesWrittenAsCombiningMarksToNfc()
    {
        // Windows-1258 stores 'ầ' as 'â' + combining grave: the decoded text is not NFC until the import composes it.
        var bytes = VietnameseWindowsText.Encode(CustomersCsv());
        var decoded = CodePagesEncodingProvider.Instance.GetEncoding(1258)!.GetString(bytes);
        Assert.NotEqual(decoded, decoded.Normalize(NormalizationForm.FormC));

        using var folder = new TemporaryFolder();
        var read = ReadCustomers(folder.Write("customers.csv", bytes), new CsvImportOptions { Format = new ImportFormat { Encoding = "windows-1258" } });

        Assert.Equal(Rows.Select(r => r.Name), read.Customers.Select(c => c.DisplayName));
    }

    [Fact]
    public void Read_Windows1258WithoutTheEncodingNamed_RejectsTheFileAtTheLineOfItsFirstNonAsciiByte()
    {
        var text = CustomersCsv();
        var bytes = VietnameseWindowsText.Encode(text);

        // Line 1 (the header) is ASCII, so is line 2 up to the 'ầ' of "Trần", written as 'â' (0xE2) + combining grave.
        var offset = text.IndexOf('ầ', StringComparison.Ordinal);
        Assert.Equal(49, offset);
        Assert.Equal(0xE2, bytes[offset]);

        using var folder = new TemporaryFolder();
        var read = ReadCustomers(folder.Write("customers.csv", bytes));

        Assert.Empty(read.Customers);
        var issue = Assert.Single(read.Issues);
        Assert.Equal(("customers.csv", 2, (string?)null, ImportIssueSeverity.Error), (issue.File, issue.Line, issue.Column, issue.Severity));

        // Evidence from 0xE2 on: a tone mark after a vowel in Trần, Thị (2; 'à' of Hà is one precomposed byte, 0xE0);
        // Nguyễn (1); Đức: Đ, ư and its tone (3); Phạm, Thị (2); Hương: ư, ơ (2); Đặng: Đ and the tone after ă (2)
        // = 12; no letter of another language.
        Assert.Equal(
            "customers.csv:2: the file is not UTF-8: byte 0xE2 at offset 49 (line 2); it looks like Windows-1258, as Excel saves CSV on Vietnamese Windows "
            + "(12 Vietnamese tone marks or letters, 0 letters of other languages); pass --encoding windows-1258.",
            issue.ToString());
    }

    [Fact]
    public void Read_Windows1258WithoutTheEncodingNamed_ReportsTheFileUnreadable()
    {
        using var folder = new TemporaryFolder();
        var read = ReadCustomers(folder.Write("customers.csv", VietnameseWindowsText.Encode(CustomersCsv())));

        var file = Assert.Single(read.Files);
        Assert.Equal(("windows-1258", true, 0, 0, 0), (file.Encoding, file.Unreadable, file.RowsRead, file.RowsRejected, file.RowsKept));
    }

    [Fact]
    public void Read_NfdNames_EqualTheNfcNames()
    {
        using var folder = new TemporaryFolder();
        var nfd = CustomersCsv(n => n.Normalize(NormalizationForm.FormD));
        Assert.NotEqual(CustomersCsv(), nfd);

        var read = ReadCustomers(folder.Write("customers.csv", Encoding.UTF8.GetBytes(nfd)));

        Assert.Empty(read.Issues);
        Assert.Equal(Expected, read.Customers.Select(Describe));
    }
}
