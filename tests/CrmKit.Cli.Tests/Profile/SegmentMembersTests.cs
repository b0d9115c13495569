using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CrmKit.Customers.Import;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests.Profile;

public sealed class SegmentMembersTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("crmkit-members-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    // The seed shop's customers.csv read with a plain CSV split (its names have no commas or quotes): id → name.
    private static Dictionary<string, string> SeedNames()
        => File.ReadLines(RepositoryRoot.Path("seeds", "store", "customers.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);

    [Fact]
    public void Xlsx_AtRisk_HasEveryMemberWithNamesAndTheRfmFigures()
    {
        var file = Path.Combine(_out, "at-risk.xlsx");

        var (code, output, error) = CliRunner.Run("segment", "--members", "at-risk", "--out", file, "--as-of", "2026-10-31");

        Assert.True(code == 0, error);
        // The size of at-risk from 'segment --json' (RFM segments do not read CLV figures).
        var (_, sizes, _) = CliRunner.Run("segment", "--json", "--as-of", "2026-10-31");
        using var json = JsonDocument.Parse(sizes);
        var expected = json.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "at-risk").GetProperty("customers").GetInt32();
        var rows = XlsxRows.Read(file);
        Assert.Equal(["Customer ID", "Name", "Phone", "Email", "RFM recency score", "RFM frequency score"], rows[0].Select(c => (string?)c));
        Assert.Equal(expected, rows.Count - 1);
        Assert.Contains($"Wrote {expected:N0} members of at-risk to {file}.", output, StringComparison.Ordinal);
        Assert.Contains($"crmkit: {file} holds personal data (names and contacts of {expected:N0} customers)", error, StringComparison.Ordinal);
        var names = SeedNames();
        Assert.All(rows.Skip(1), r => Assert.Equal(names[(string)r[0]!], (string)r[1]!));
        Assert.Contains(rows.Skip(1), r => ((string)r[1]!).Any(c => c > 0x7F));
        // The figures are numbers: at-risk means recency score 2 and frequency score at least 3.
        Assert.All(rows.Skip(1), r => Assert.Equal(2.0, Convert.ToDouble(r[4], CultureInfo.InvariantCulture)));
        Assert.All(rows.Skip(1), r => Assert.True(Convert.ToDouble(r[5], CultureInfo.InvariantCulture) >= 3));
    }

    [Theory]
    // Worked by hand from ProfileFixture: the individuals are KH1, KH2, KH3, KH4, KH6. On 2025-06-30 Hà (KH1) has
    // withdrawn her Zalo consent and KH3 consents to SMS only: 2 left out; KH6 consents but has no phone. On
    // 2025-03-01 Hà's consent still stands.
    [InlineData("2025-06-30", new[] { "KH2", "KH4" }, "Left out, with no marketing consent on Zalo at 2025-06-30 23:59: 2 members.")]
    [InlineData("2025-03-01", new[] { "KH1", "KH2", "KH4" }, "Left out, with no marketing consent on Zalo at 2025-03-01 23:59: 1 member.")]
    public void Channel_Zalo_ListsOnlyMembersConsentingAtTheAsOfInstant(string asOf, string[] expected, string leftOut)
    {
        using var shop = new ProfileFixture();
        var file = Path.Combine(_out, "zalo.xlsx");

        var (code, output, error) = CliRunner.Run("segment", "--data", shop.Folder, "--members", "individual", "--channel", "zalo", "--out", file, "--as-of", asOf);

        Assert.True(code == 0, error);
        var rows = XlsxRows.Read(file);
        Assert.Equal(["Customer ID", "Name", "Phone", "Customer kind"], rows[0].Select(c => (string?)c));
        Assert.Equal(expected, rows.Skip(1).Select(r => (string?)r[0]));
        Assert.Contains(leftOut, output, StringComparison.Ordinal);
        Assert.Contains("Left out, with no Zalo address: 1 member.", output, StringComparison.Ordinal);
    }

    // The individuals of ProfileFixture as of 2025-06-30, written to the file named.
    private string Individuals(string name)
    {
        using var shop = new ProfileFixture();
        var file = Path.Combine(_out, name);
        var (code, _, error) = CliRunner.Run("segment", "--data", shop.Folder, "--members", "individual", "--out", file, "--as-of", "2025-06-30");
        Assert.True(code == 0, error);
        return file;
    }

    [Fact]
    public void Csv_IsUtf8WithBom_AndFormulaLikeNamesAreText()
    {
        var file = Individuals("people.csv");

        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("KH1,Trần Thị Hà,0912 345 678,ha.tran@example.vn,individual", text, StringComparison.Ordinal);
        Assert.Contains("KH4,\"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\",0977 000 111,,individual", text, StringComparison.Ordinal);
        Assert.DoesNotContain("KH5", text, StringComparison.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.All(line.Split(','), cell => Assert.False(SpreadsheetSafety.IsFormulaLike(cell.TrimStart('"')), line));
        }
    }

    [Fact]
    public void Xlsx_FormulaLikeName_IsATextCellNotAFormula()
    {
        var file = Individuals("people.xlsx");

        using (var zip = ZipFile.OpenRead(file))
        {
            foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(sheet.Open());
                var xml = reader.ReadToEnd();
                Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<f ", xml, StringComparison.Ordinal);
            }
        }

        var rows = XlsxRows.Read(file);
        Assert.Equal("=HYPERLINK(\"http://evil\";\"x\")", rows.Single(r => (string?)r[0] == "KH4")[1]);
        Assert.Equal("0912 345 678", rows.Single(r => (string?)r[0] == "KH1")[2]);
    }

    [Theory]
    [InlineData(new[] { "--members", "at-risk" }, "crmkit: Invalid --out: --members needs --out FILE.csv or FILE.xlsx.")]
    [InlineData(new[] { "--members", "at-risk", "--out", "list.txt" }, "crmkit: Invalid --out: 'list.txt' is neither a .csv nor an .xlsx file.")]
    [InlineData(new[] { "--channel", "zalo" }, "crmkit: Invalid --channel: --channel is only used with --members SEGMENT.")]
    [InlineData(new[] { "--members", "no-such", "--out", "x.csv" }, "crmkit: Invalid --members: 'no-such' is not a segment of the catalogue. Segments: new, potential,")]
    public void Members_WrongUsage_ExitsTwoWithTheMessage(string[] args, string message)
    {
        var (code, _, error) = CliRunner.Run(["segment", .. args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) || a.EndsWith(".txt", StringComparison.Ordinal) ? Path.Combine(_out, a) : a)]);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
    // Issue 23: a list file says that it holds personal data, in the invocation's language.
    [Fact]
    public void Xlsx_HasANoticeSheet_SayingItHoldsPersonalData()
    {
        using var shop = new ProfileFixture();
        var file = Path.Combine(_out, "individuals.xlsx");

        var (code, output, error) = CliRunner.Run("segment", "--data", shop.Folder, "--members", "individual", "--out", file, "--as-of", "2025-06-30", "--lang", "en");

        Assert.True(code == 0, error);
        var sheets = XlsxRows.Sheets(file);
        Assert.Equal(["Individuals", "Notice"], sheets.Select(s => s.Name));
        var members = sheets[0].Rows.Count - 1;
        Assert.Equal(
            [
                "Notice",
                $"This file holds personal data: the names and contacts (phone numbers, email addresses) of {members} customers.",
                "Purpose: contacting the members of segment Individuals. Use it for that purpose only and share it only with the staff who carry it out.",
                "Keep it only as long as that purpose needs it, then delete it and every copy.",
                "Its processing is governed by Vietnam's Decree 13/2023/ND-CP on personal data protection.",
            ],
            sheets[1].Rows.Select(r => (string?)r[0]));
        // No notice file beside an .xlsx: the notice is inside it.
        Assert.False(File.Exists(Path.Combine(_out, "individuals.notice.txt")));
        Assert.DoesNotContain("notice", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Xlsx_Vietnamese_NoticeSheetIsLuuY()
    {
        using var shop = new ProfileFixture();
        var file = Path.Combine(_out, "individuals.xlsx");

        var (code, _, error) = CliRunner.Run("segment", "--data", shop.Folder, "--members", "individual", "--out", file, "--as-of", "2025-06-30", "--lang", "vi");

        Assert.True(code == 0, error);
        var sheets = XlsxRows.Sheets(file);
        Assert.Equal(["Khách cá nhân", "Lưu ý"], sheets.Select(s => s.Name));
        Assert.Contains(sheets[1].Rows, r => (string?)r[0] == "Việc xử lý dữ liệu này phải tuân theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.");
    }

    [Fact]
    public void Csv_HasANoticeFileBesideIt_NamedOnTheOutput()
    {
        using var shop = new ProfileFixture();
        var file = Path.Combine(_out, "individuals.csv");

        var (code, output, error) = CliRunner.Run("segment", "--data", shop.Folder, "--members", "individual", "--out", file, "--as-of", "2025-06-30", "--lang", "en");

        Assert.True(code == 0, error);
        var notice = Path.Combine(_out, "individuals.notice.txt");
        var members = File.ReadAllLines(file).Length - 1;
        Assert.Equal(
            [
                $"This file holds personal data: the names and contacts (phone numbers, email addresses) of {members} customers.",
                "Purpose: contacting the members of segment Individuals. Use it for that purpose only and share it only with the staff who carry it out.",
                "Keep it only as long as that purpose needs it, then delete it and every copy.",
                "Its processing is governed by Vietnam's Decree 13/2023/ND-CP on personal data protection.",
            ],
            File.ReadAllLines(notice));
        Assert.Contains($"Wrote the personal-data notice of individuals.csv to {notice}: keep it with the list.", output, StringComparison.Ordinal);
    }
}
