using System.Text;
using CrmKit.Customers.Import;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// The field delimiter is detected among <c>,</c> <c>;</c> tab <c>|</c> and the data read alike whichever it is; every
/// issue names the physical line where its row starts, whatever blank lines and quoted line breaks come before; a
/// delimiter ending every line is accepted, a row with stray extra fields rejected alone.
/// </summary>
public class ImportDelimiterAndLineTests
{
    public static TheoryData<char> Delimiters => [',', ';', '\t', '|'];

    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    // Two customers (one with two phones and two tags: list cells that hold ';'), three orders.
    private static readonly string[][] CustomerRows =
    [
        ["customer_id", "name", "created_at", "phone", "email", "birth_date", "gender", "province", "tags"],
        ["KH1", "Nguyễn Văn An", "2024-01-05 09:30", "0912 345 678;0243 826 1234", "an@example.vn", "17/05/1990", "male", "Hà Nội", "quà Tết;food"],
        ["KH2", "Trần Thị Bình, Jr.", "2024-02-01T08:00:00+07:00", "0903 111 222", "", "", "female", "", ""],
    ];

    private static readonly string[][] OrderRows =
    [
        ["order_id", "customer_id", "placed_at", "total", "currency", "status", "channel"],
        ["HD1", "KH1", "2025-01-20 10:00", "1.250.000", "VND", "completed", "in_store"],
        ["HD2", "KH1", "2025-01-21 10:00", "90.000", "VND", "returned", "website"],
        ["HD3", "KH2", "2025-01-22 10:00", "2.000.000", "VND", "completed", ""],
    ];

    private static readonly string[] ExpectedCustomers =
    [
        "KH1|Nguyễn Văn An|2024-01-05T02:30:00Z|+84912345678;+842438261234|an@example.vn|1990-05-17|Male|Hà Nội|food;quà Tết|HD1=1250000 VND Completed;HD2=90000 VND Returned",
        "KH2|Trần Thị Bình, Jr.|2024-02-01T01:00:00Z|+84903111222|||Female|||HD3=2000000 VND Completed",
    ];

    private static string Describe(Customer c) => string.Join("|",
        c.Id, c.DisplayName, c.CreatedAt, string.Join(";", c.Phones.Select(p => p.E164)), string.Join(";", c.Emails.Select(e => e.Value)),
        c.BirthDate?.ToString("yyyy-MM-dd", null), c.Gender, c.Location?.Province, string.Join(";", c.Tags),
        string.Join(";", c.History.Orders.Select(o => $"{o.Id}={o.Total.Amount} {o.Total.Currency.Code} {o.Status}")));

    // Quotes every field that holds the delimiter, a quote or a line break (RFC 4180).
    private static string Csv(string[][] rows, char delimiter, string newline = "\r\n")
        => string.Concat(rows.Select(row => string.Join(delimiter, row.Select(f => f.Contains(delimiter) || f.Contains('"') || f.Contains('\n') ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f)) + newline));

    private static string Show(CustomerDataSet read) => string.Join("\n", read.Issues);

    [Theory]
    [MemberData(nameof(Delimiters))]
    public void Read_EachDelimiter_IsDetectedAndReadAlike(char delimiter)
    {
        using var folder = new TemporaryFolder();
        var files = new CustomerFiles
        {
            Customers = folder.Write("customers.csv", Encoding.UTF8.GetBytes(Csv(CustomerRows, delimiter))),
            Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(Csv(OrderRows, delimiter))),
        };

        var read = CustomerDataSet.Read(files, AtFixedExport);

        Assert.True(read.Issues.IsEmpty, Show(read));
        Assert.Equal(ExpectedCustomers, read.Customers.Select(Describe));
        Assert.Equal([delimiter, delimiter], read.Files.Select(f => f.Delimiter));
    }

    [Property(MaxTest = 20)]
    public Property WriteFolder_AnyDelimiter_IsDetectedAndReadBackEqual()
        => Prop.ForAll(Generators.Customers(6).ToArbitrary(), Gen.Elements(',', ';', '\t', '|').ToArbitrary(), (customers, delimiter) =>
        {
            using var folder = new TemporaryFolder();
            var written = customers.Select(c => c with { Attributes = c.Attributes.Clear() }).OrderBy(c => c.Id).ToArray();
            CustomerDataSet.From(written).WriteFolder(folder.Path, new CsvImportOptions { Format = new ImportFormat { Delimiter = delimiter } });

            var read = CustomerDataSet.ReadFolder(folder.Path);

            // Compared after NFC, as the import composes text (the generators write some names decomposed).
            var expected = CrmKitJson.Serialize(written).Normalize(NormalizationForm.FormC);
            var actual = CrmKitJson.Serialize(read.Customers).Normalize(NormalizationForm.FormC);
            return (read.Issues.IsEmpty && actual == expected && read.Files.Length == 8 && read.Files.All(f => f.Delimiter == delimiter))
                .Label($"delimiter {NameOf(delimiter)}; delimiters read: {string.Join(" ", read.Files.Select(f => $"{f.File}={f.Delimiter}"))}\n{Show(read)}");
        });

    private static string NameOf(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";

    // Fifth trial: a ';' file read with the delimiter ',' given said only that the columns were missing. The header is
    // then one column holding ';': the message says so, in English and in Vietnamese, with or without a mapping.
    [Theory]
    [InlineData(false, "en", "orders.csv:1: no column for the required field 'placed_at' (looked for: 'placed_at', 'Thời gian', 'Ngày đặt hàng', 'Ngày chứng từ', 'Ngày tạo', 'Order Date', 'Created at', 'InvoiceDate'); the header has: 'order_id;customer_id;placed_at;total;currency;status;channel'. The header is one column that holds ';': the file seems to be separated by ';', not ','.")]
    [InlineData(false, "vi", "orders.csv:1: không có cột cho trường bắt buộc 'placed_at' (đã tìm: 'placed_at', 'Thời gian', 'Ngày đặt hàng', 'Ngày chứng từ', 'Ngày tạo', 'Order Date', 'Created at', 'InvoiceDate'); dòng tiêu đề có: 'order_id;customer_id;placed_at;total;currency;status;channel'. Dòng tiêu đề chỉ là một cột có chứa ';': có vẻ tệp được phân cách bằng ';', không phải bằng ','.")]
    [InlineData(true, "en", "orders.csv:1: the mapping names the column 'Ngày bán' for the required field 'placed_at', but the header has none of them; the header has: 'order_id;customer_id;placed_at;total;currency;status;channel'. The header is one column that holds ';': the file seems to be separated by ';', not ','.")]
    [InlineData(true, "vi", "orders.csv:1: cách đọc tệp (mẫu nhập có sẵn hoặc tệp ánh xạ) lấy cột 'Ngày bán' cho trường bắt buộc 'placed_at', nhưng dòng tiêu đề không có cột nào như vậy; dòng tiêu đề có: 'order_id;customer_id;placed_at;total;currency;status;channel'. Dòng tiêu đề chỉ là một cột có chứa ';': có vẻ tệp được phân cách bằng ';', không phải bằng ','.")]
    public void Read_WrongDelimiterGiven_SaysWhichTheFileHas(bool mapped, string language, string expected)
    {
        using var folder = new TemporaryFolder();
        var files = new CustomerFiles { Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(Csv(OrderRows, ';'))) };
        var mapping = mapped ? ImportMapping.Parse("""{ "orders": { "columns": { "placed_at": "Ngày bán" } } }""") : ImportMapping.None;

        var read = CustomerDataSet.Read(files, AtFixedExport with { Mapping = mapping, Format = new ImportFormat { Delimiter = ',' } });

        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        Assert.Equal([expected], read.Issues.Select(i => i.Describe(culture)));
        Assert.All(read.Issues, i => Assert.EndsWith(language == "vi" ? "không phải bằng ','." : "not ','.", i.Describe(culture), StringComparison.Ordinal));
    }

    // A newcomer's KiotViet file had a line of commas only (Excel saves rows it once used that way): it was rejected as
    // "no customer id" and pushed the file over --max-rejected. Such a line holds nothing, whatever its number of fields.
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_LinesOfDelimitersOnly_AreSkippedLikeBlankLines_AndLineNumbersStayPhysical(string newline)
    {
        string[] lines =
        [
            "order_id,customer_id,placed_at,total,currency,status",     // 1
            "O1,KH1,2025-01-05T10:00:00+07:00,150000,VND,completed",    // 2
            ",,,,,",                                                    // 3: nothing in it
            ",,",                                                       // 4: nothing, and fewer fields
            "\"\",,,\"\",,",                                              // 5: quoted empties
            "O2,KH1,,90000,VND,completed",                              // 6: rejected
            ",,,,,,,,",                                                 // 7: nothing, and more fields
            "O3,KH2,2025-01-07T09:00:00+07:00,70000,VND,completed",     // 8
        ];
        using var folder = new TemporaryFolder();
        var path = folder.Write("orders.csv", Encoding.UTF8.GetBytes(string.Join(newline, lines)));

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = path }, AtFixedExport);

        Assert.Equal(["orders.csv:6: column 'placed_at': the value is empty; it is required."], read.Issues.Select(i => i.ToString()));
        Assert.Equal(["O1", "O3"], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_BlankLinesAndQuotedLineBreaks_IssuesNameThePhysicalLineWhereTheRowStarts(string newline)
    {
        // Physical lines, counted by hand: blank lines and the line breaks inside quoted notes are lines of the file.
        string[] lines =
        [
            "order_id,customer_id,placed_at,total,currency,status,note",          // 1
            "",                                                                   // 2
            "O1,KH1,2025-01-05T10:00:00+07:00,150000,VND,completed,plain",        // 3
            "",                                                                   // 4
            "",                                                                   // 5
            "O2,KH1,2025-01-06T10:00:00+07:00,90000,VND,completed,\"Giao buổi sáng", // 6
            "gọi trước 30 phút",                                                  // 7
            "\"\"cảm ơn\"\"\"",                                                   // 8
            "O3,KH2,,120000,VND,completed,no time",                               // 9: rejected
            "",                                                                   // 10
            "O4,KH2,2025-01-07T09:00:00+07:00,abc,VND,completed,\"bad total",     // 11: rejected
            "on two lines\"",                                                     // 12
            "O5,KH3,2025-01-08T09:00:00+07:00,50000,VND,completed,",              // 13
            "",                                                                   // 14
            "\"O6\",KH3,yesterday,50000,VND,completed,\"",                        // 15: rejected
            "",                                                                   // 16 (inside the quotes)
            "\"",                                                                 // 17
            "O7,KH3,2025-01-09T09:00:00+07:00,70000,VND,shipped,x",              // 18: rejected
            "",                                                                   // 19
        ];
        using var folder = new TemporaryFolder();
        var path = folder.Write("orders.csv", Encoding.UTF8.GetBytes(string.Join(newline, lines)));

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = path }, AtFixedExport);

        Assert.Equal(
            [
                "orders.csv:9: column 'placed_at': the value is empty; it is required.",
                "orders.csv:11: column 'total': 'abc' is not an amount: it has no digits.",
                "orders.csv:15: column 'placed_at': 'yesterday' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format.",
                "orders.csv:18: column 'status': 'shipped' is not one of: completed, returned, cancelled, pending. Map it in the mapping file (\"orders\": {\"values\": {\"status\": {\"shipped\": \"…\"}}}).",
            ],
            read.Issues.Select(i => i.ToString()));
        Assert.All(read.Issues, i => Assert.Equal(ImportIssueSeverity.Error, i.Severity));
        Assert.Equal(["O1", "O2", "O5"], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value).Order(StringComparer.Ordinal));
        var file = Assert.Single(read.Files);
        Assert.Equal((7, 4, 3), (file.RowsRead, file.RowsRejected, file.RowsKept));
    }

    [Theory]
    [InlineData("\n", "")]
    [InlineData("\n", "\n")]
    [InlineData("\r\n", "\r\n")]
    public void Read_UnterminatedQuote_SkipsOnlyItsRowAndResumesAtTheNextLine(string newline, string end)
    {
        // The quote opened on line 3 is never closed: only that row is skipped, and reading resumes at line 4, the next
        // line that is a well-formed row on its own.
        string[] lines =
        [
            "order_id,customer_id,placed_at,total",  // 1
            "O1,KH1,2025-01-05 10:00,150000",        // 2
            "O2,KH2,2025-01-06 10:00,\"90000",        // 3: the row starts here
            "O3,KH1,2025-01-07 10:00,50000",         // 4
        ];
        using var folder = new TemporaryFolder();
        var path = folder.Write("orders.csv", Encoding.UTF8.GetBytes(string.Join(newline, lines) + end));

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = path }, AtFixedExport);

        Assert.Equal(
            "orders.csv:3: the row is not valid CSV: the quoted field opened at character 25 of the line is not closed on it; the row was skipped and reading resumed at line 4.",
            Assert.Single(read.Issues).ToString());
        Assert.Equal(["O1", "O3"], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal((3, 2, 1), (read.Files[0].RowsRead, read.Files[0].RowsKept, read.Files[0].RowsRejected));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_StrayQuoteInAnUnquotedFieldAfterABlankLine_IsReportedAtItsOwnLine(string newline)
    {
        string[] lines =
        [
            "order_id,customer_id,placed_at,total",  // 1
            "O1,KH1,2025-01-05 10:00,150000",        // 2
            string.Empty,                            // 3
            "O2,KH\"2,2025-01-06 10:00,90000",       // 4: a quote inside an unquoted field
            "O3,KH1,2025-01-07 10:00,50000",         // 5
        ];
        using var folder = new TemporaryFolder();
        var path = folder.Write("orders.csv", Encoding.UTF8.GetBytes(string.Join(newline, lines) + newline));

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = path }, AtFixedExport);

        Assert.Equal(
            "orders.csv:4: the row is not valid CSV: a quote inside an unquoted field, or an unterminated quoted field; the row was skipped.",
            Assert.Single(read.Issues).ToString());
        Assert.Equal(["O1", "O3"], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void Read_DelimiterAtTheEndOfEveryLine_IsAccepted(char delimiter)
    {
        var text = string.Concat(Csv(OrderRows, delimiter).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line + delimiter + "\r\n"));
        using var folder = new TemporaryFolder();

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(text)) }, AtFixedExport);

        Assert.True(read.Issues.IsEmpty, Show(read));
        Assert.Equal(["HD1=1250000", "HD2=90000", "HD3=2000000"], read.Customers.SelectMany(c => c.History.Orders).Select(o => $"{o.Id}={o.Total.Amount}").Order(StringComparer.Ordinal));
        var file = Assert.Single(read.Files);
        Assert.Equal((delimiter, 3, 0), (file.Delimiter, file.RowsRead, file.RowsRejected));
        Assert.DoesNotContain(string.Empty, file.UnusedColumns);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_OneRowWithStrayExtraFields_RejectsThatRowAlone(char delimiter)
    {
        string[][] rows =
        [
            ["order_id", "customer_id", "placed_at", "total"],
            ["O1", "KH1", "2025-01-05 10:00", "150000"],
            ["O2", "KH2", "2025-01-06 10:00", "90000", "gift", "call first"],
            ["O3", "KH1", "2025-01-07 10:00", "50000"],
        ];
        using var folder = new TemporaryFolder();

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(Csv(rows, delimiter))) }, AtFixedExport);

        var issue = Assert.Single(read.Issues);
        Assert.Equal("orders.csv:3: the row has 6 fields but the header has 4; the row was skipped.", issue.ToString());
        Assert.Equal(ImportIssueSeverity.Error, issue.Severity);
        Assert.Equal(["O1", "O3"], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(delimiter, Assert.Single(read.Files).Delimiter);
    }
}
