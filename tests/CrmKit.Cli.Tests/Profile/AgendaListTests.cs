using System.Text.Json;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests.Profile;

public sealed class AgendaListTests : IDisposable
{
    private static readonly string[] Actionable = ["due", "deferred"];

    private readonly string _out = Directory.CreateTempSubdirectory("crmkit-agenda-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void Out_Csv_ListsEveryDueOrDeferredActionWithNamesSortedByStaff()
    {
        var file = Path.Combine(_out, "agenda.csv");

        var (code, output, error) = CliRunner.Run("care", "agenda", "--out", file, "--as-of", "2026-10-31");

        Assert.True(code == 0, error);
        var (_, agendaJson, _) = CliRunner.Run("care", "agenda", "--json", "--as-of", "2026-10-31");
        using var json = JsonDocument.Parse(agendaJson);
        var byStatus = json.RootElement.GetProperty("byStatus");
        var actionable = byStatus.GetProperty("due").GetInt32() + byStatus.GetProperty("deferred").GetInt32();
        var others = byStatus.GetProperty("skipped").GetInt32() + byStatus.GetProperty("dropped").GetInt32();
        Assert.True(actionable > 0);

        var lines = File.ReadAllLines(file);
        Assert.Equal("Staff,Send at,Customer ID,Name,Phone,Email,Channel,Purpose,Message,Care plan,Status,Reason", lines[0].TrimStart('\uFEFF'));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(actionable, rows.Count);
        Assert.Contains($"Wrote {actionable:N0} care actions for ", output, StringComparison.Ordinal);
        Assert.Contains($"; not in the file: {others:N0} skipped or dropped actions", output, StringComparison.Ordinal);
        Assert.Contains($"crmkit: {file} holds personal data", error, StringComparison.Ordinal);

        // Names are the customers' (seeds customers.csv, read with a plain split), and the rows go by staff member
        // (those nobody dealt with last), then by time.
        var names = File.ReadLines(RepositoryRoot.Path("seeds", "store", "customers.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        Assert.All(rows, r => Assert.Equal(names[r[2]], r[3]));
        Assert.All(rows, r => Assert.Contains(r[10], Actionable));
        // Nobody's customers say so in words (seventh trial), never an empty cell.
        Assert.DoesNotContain(rows, r => r[0].Length == 0);
        var keys = rows.Select(r => (Unassigned: r[0] == "unassigned", Staff: r[0], SendAt: r[1])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Unassigned).ThenBy(k => k.Unassigned ? string.Empty : k.Staff, StringComparer.Ordinal).ThenBy(k => k.SendAt, StringComparer.Ordinal), keys);
        Assert.Contains(rows, r => r[0] != "unassigned");
        Assert.Contains(rows, r => r[0] == "unassigned");
    }

    [Fact]
    public void StaffOf_IsTheReviewsRule_TheLatestStaffedInteractionAtTheAction_TicketsDoNotAssign()
    {
        var at = NodaTime.Instant.FromUtc(2025, 6, 1, 0, 0);
        var customer = new Customers.Customer
        {
            Id = new Customers.CustomerId("K1"),
            DisplayName = "Phạm Thu Trang",
            CreatedAt = at,
            History = new Customers.CustomerHistory
            {
                Interactions =
                [
                    new Customers.Interaction { Id = new("I1"), CustomerId = new("K1"), At = at, Channel = Customers.ContactChannel.Zalo, Direction = Customers.InteractionDirection.Outbound, Outcome = Customers.InteractionOutcome.Reached, StaffId = "NV01" },
                    new Customers.Interaction { Id = new("I2"), CustomerId = new("K1"), At = at + NodaTime.Duration.FromHours(72), Channel = Customers.ContactChannel.Zalo, Direction = Customers.InteractionDirection.Outbound, Outcome = Customers.InteractionOutcome.Reached, StaffId = "NV09" },
                ],
                Tickets = [new Customers.SupportTicket { Id = new("T1"), CustomerId = new("K1"), OpenedAt = at + NodaTime.Duration.FromHours(24), Channel = Customers.ContactChannel.Zalo, AssigneeId = "NV03" }],
            },
        };

        Assert.Null(AgendaListFor(customer, at + NodaTime.Duration.FromHours(-1)));
        Assert.Equal("NV01", AgendaListFor(customer, at));
        // The ticket assigned to NV03 a day later does not move the customer: the report and the staff figures assign by interactions (newcomer trial: the list and the report disagreed).
        Assert.Equal("NV01", AgendaListFor(customer, at + NodaTime.Duration.FromHours(48)));
        Assert.Equal("NV09", AgendaListFor(customer, at + NodaTime.Duration.FromHours(100)));
    }

    private static string? AgendaListFor(Customers.Customer customer, NodaTime.Instant asOf) => CrmKit.Cli.Profile.AgendaList.StaffOf(customer, asOf);

    [Fact]
    public void Out_Xlsx_ReadsBackWithTheSameRowsAsTheCsv()
    {
        var csv = Path.Combine(_out, "agenda.csv");
        var xlsx = Path.Combine(_out, "agenda.xlsx");

        CliRunner.Run("care", "agenda", "--out", csv, "--as-of", "2026-10-31");
        var (code, _, error) = CliRunner.Run("care", "agenda", "--out", xlsx, "--as-of", "2026-10-31");

        Assert.True(code == 0, error);
        var rows = XlsxRows.Read(xlsx).Select(r => string.Join(",", r.Select(c => c?.ToString() ?? ""))).ToList();

        Assert.Equal(File.ReadAllLines(csv).Select(l => l.TrimStart('\uFEFF')), rows);
    }
    // Issue 23: the call list says that it holds personal data: a notice file beside the .csv, a sheet in the .xlsx.
    [Fact]
    public void Out_CsvAndXlsx_CarryThePersonalDataNotice()
    {
        using var shop = new ProfileFixture();
        var csv = Path.Combine(_out, "calls.csv");
        var xlsx = Path.Combine(_out, "calls.xlsx");

        var (code, output, error) = CliRunner.Run("care", "agenda", "--data", shop.Folder, "--out", csv, "--as-of", "2025-06-30", "--lang", "vi");
        var (xlsxCode, _, xlsxError) = CliRunner.Run("care", "agenda", "--data", shop.Folder, "--out", xlsx, "--as-of", "2025-06-30", "--lang", "vi");

        Assert.True(code == 0, error);
        var notice = File.ReadAllLines(Path.Combine(_out, "calls.notice.txt"));
        Assert.Equal(4, notice.Length);
        Assert.StartsWith("Tệp này chứa dữ liệu cá nhân", notice[0], StringComparison.Ordinal);
        Assert.Equal("Mục đích: thực hiện các việc chăm sóc khách hàng trong danh sách việc cần làm. Chỉ dùng cho mục đích này và chỉ chia sẻ cho nhân viên trực tiếp thực hiện.", notice[1]);
        Assert.Equal("Chỉ lưu giữ trong thời gian cần cho mục đích đó, sau đó xoá tệp và mọi bản sao.", notice[2]);
        Assert.Equal("Việc xử lý dữ liệu này phải tuân theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.", notice[3]);
        Assert.Contains("Đã ghi lưu ý về dữ liệu cá nhân của calls.csv vào " + Path.Combine(_out, "calls.notice.txt"), output, StringComparison.Ordinal);
        Assert.True(xlsxCode == 0, xlsxError);
        var sheets = XlsxRows.Sheets(xlsx);
        Assert.Equal(["Danh sách gọi", "Lưu ý"], sheets.Select(s => s.Name));
        Assert.Equal(["Lưu ý", .. notice], sheets[1].Rows.Select(r => (string?)r[0]));
    }
}
