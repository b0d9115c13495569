using System.Text.Json;

namespace CrmKit.Cli.Tests.Profile;

public sealed class CustomerCommandTests : IDisposable
{
    private const string AsOf = "2025-06-30";
    private static readonly string[] CountModelIds = [.. Clv.Models.CountModels.All.Select(m => m.Id)];
    private readonly ProfileFixture _shop = new();

    public void Dispose() => _shop.Dispose();

    private (int Code, string Output, string Error) Customer(params string[] args)
        => CliRunner.Run(["customer", .. args, "--data", _shop.Folder, "--as-of", AsOf]);

    [Theory]
    [InlineData("0912 345 678")]
    [InlineData("'0912345678")]
    [InlineData("+84 912 345 678")]
    [InlineData("0912.345.678")]
    public void Query_PhoneInAnyWrittenForm_FindsTheCustomerStoredAs0912345678(string phone)
    {
        var (code, output, error) = Customer(phone);

        Assert.True(code == 0, error);
        Assert.StartsWith("Customer KH1 — Trần Thị Hà (individual)", output, StringComparison.Ordinal);
        Assert.Contains("As of 2025-06-30 23:59 (Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
        Assert.Contains("Orders: 3 (3 completed, revenue 1,930,000 VND), most recent first:", output, StringComparison.Ordinal);
        // Most recent first.
        Assert.True(output.IndexOf("HD03", StringComparison.Ordinal) < output.IndexOf("HD01", StringComparison.Ordinal));
    }

    [Fact]
    public void Query_ContactsByDefault_AreMasked()
    {
        var (code, output, _) = Customer("KH1");

        Assert.Equal(0, code);
        Assert.Contains("Contacts (masked; --show-contacts shows them):", output, StringComparison.Ordinal);
        Assert.Contains("  phone     +84 9** *** *78", output, StringComparison.Ordinal);
        Assert.DoesNotContain("912 345", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", output, StringComparison.Ordinal);
        Assert.DoesNotContain("+84912345678", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ha.tran@example.vn", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ShowContacts_ShowsPhoneAndEmail()
    {
        var (code, output, _) = Customer("KH1", "--show-contacts");

        Assert.Equal(0, code);
        Assert.Contains("  phone     0912 345 678", output, StringComparison.Ordinal);
        Assert.Contains("  email     ha.tran@example.vn", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tran thi ha")]
    [InlineData("TRAN THI HA")]
    [InlineData("ha tran")]
    public void Query_NameWithoutDiacritics_FindsTheCustomer(string name)
    {
        var (code, output, error) = Customer(name);

        Assert.True(code == 0, error);
        Assert.StartsWith("Customer KH1 — Trần Thị Hà", output, StringComparison.Ordinal);
    }

    // Fifth trial: ids are typed as read (kh3 for KH3); "no customer matches 'kh3' (read as a name)" before.
    [Theory]
    [InlineData("kh3")]
    [InlineData(" Kh3 ")]
    public void Query_IdInAnotherCase_FindsTheCustomer(string id)
    {
        var (code, output, error) = Customer(id);

        Assert.True(code == 0, error);
        Assert.StartsWith("Customer KH3 — Nguyễn Văn An", output, StringComparison.Ordinal);
        Assert.DoesNotContain("merged", error, StringComparison.Ordinal); // its own id in another case, not a merged one
    }

    [Fact]
    public void Query_Email_FindsTheCustomerIgnoringCase()
    {
        var (code, output, _) = Customer("An.Nguyen@Example.vn");

        Assert.Equal(0, code);
        Assert.StartsWith("Customer KH3 — Nguyễn Văn An", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_SeveralMatches_ListsThemWithMaskedPhonesAndExitsZeroWithAHint()
    {
        var (code, output, error) = Customer("nguyen van an");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("2 customers match 'nguyen van an' (read as a name):", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("KH2", StringComparison.Ordinal) && l.Contains("Nguyễn Văn An", StringComparison.Ordinal) && l.Contains("+84 9** *** *21", StringComparison.Ordinal) && l.EndsWith("2  2025-06-20", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("KH3", StringComparison.Ordinal) && l.EndsWith("2  2025-05-20", StringComparison.Ordinal));
        Assert.Contains("Give the id to see one profile, e.g. crmkit customer KH2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0987654321", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_NoMatch_ExitsOneWithTheMessage()
    {
        var (code, output, error) = Customer("Lê Văn Tám");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("crmkit: no customer matches 'Lê Văn Tám' (read as a name).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_UnknownPhone_SaysItWasReadAsAPhone()
    {
        var (code, _, error) = Customer("0900 000 000");

        Assert.Equal(1, code);
        Assert.StartsWith("crmkit: no customer matches '0900 000 000' (read as a phone number).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_Vietnamese_WritesTheProfileInVietnamese()
    {
        var (code, output, _) = Customer("0912345678", "--lang", "vi");

        Assert.Equal(0, code);
        Assert.StartsWith("Khách hàng KH1 — Trần Thị Hà", output, StringComparison.Ordinal);
        Assert.Contains("Tính đến 30/06/2025 23:59", output, StringComparison.Ordinal);
        Assert.Contains("doanh thu 1.930.000 ₫", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vi", "Khách hàng KH00002 — Bùi Quốc Quang (cá nhân)", "  khách từ 01/11/2024; giai đoạn trung thành; nguồn sàn thương mại điện tử; ngày sinh 14/07/1991; giới tính nam; thu nhập –", "  nơi ở TP. Hồ Chí Minh (thành thị); nhãn công nghệ, làm đẹp", "  20/10/2026 22:29  HD010943            350.000 ₫  trả hàng   trang web", "  01/11/2024 18:28  email      tiếp thị       đồng ý     newsletter", "  Chăm sóc sau bán cho mỗi đơn hàng hoàn tất, theo HD010108: quy trình Chăm sóc sau bán hàng, bước 'Xong một vòng chăm sóc', hoàn tất; bắt đầu 11/09/2026 14:25, kết thúc 27/10/2026 14:25")]
    [InlineData("en", "Customer KH00002 — Bùi Quốc Quang (individual)", "  customer since 2024-11-01; stage loyalty; source marketplace; birth date 1991-07-14; gender male; income –", "  location TP. Hồ Chí Minh (urban); tags công nghệ, làm đẹp", "  2026-10-20 22:29  HD010943          350,000 VND  returned   website", "  2024-11-01 18:28  email      marketing      granted    newsletter", "  After-sale care per completed order, for HD010108: process after-sale, state 'completed', completed; since 2026-09-11 14:25, ended 2026-10-27 14:25")]
    public void Profile_EnumWords_AreInTheInvocationsLanguage(string language, string heading, string profile, string location, string order, string consent, string journey)
    {
        // Issue 21: customer kind, lifecycle stage, acquisition source, gender, area, order status and sales channel,
        // consent channel, purpose and status, journey instance status
        // through DisplayNames.Of (English: the JSON's camelCase words, as before). KH00002 of the sample shop.
        var (code, output, _) = CliRunner.Run("customer", "KH00002", "--sample", "--lang", language);

        Assert.Equal(0, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(heading, lines[0]);
        Assert.Contains(profile, lines);
        Assert.Contains(location, lines);
        Assert.Contains(order, lines);
        Assert.Contains(consent, lines);
        Assert.Contains(journey, lines);
    }

    [Fact]
    public void Json_HasTheDocumentedShape_ContactsMaskedAndTheConsentLedger()
    {
        var (code, output, error) = Customer("0912 345 678", "--json", "--limit", "2");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.StartsWith("2025-06-30T16:59:59", root.GetProperty("asOf").GetString(), StringComparison.Ordinal);
        Assert.Equal("KH1", root.GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal("Trần Thị Hà", root.GetProperty("customer").GetProperty("name").GetString());
        var contacts = root.GetProperty("contacts");
        Assert.True(contacts.GetProperty("masked").GetBoolean());
        Assert.Equal("+84 9** *** *78", contacts.GetProperty("phones")[0].GetString());
        var orders = root.GetProperty("orders");
        Assert.Equal(3, orders.GetProperty("count").GetInt32());
        Assert.Equal(1_930_000m, orders.GetProperty("revenue").GetProperty("VND").GetDecimal());
        Assert.Equal(["HD03", "HD02"], orders.GetProperty("recent").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(1, orders.GetProperty("notShown").GetInt32());
        var consents = root.GetProperty("consents").EnumerateArray().Select(c => (c.GetProperty("channel").GetString(), c.GetProperty("status").GetString(), c.GetProperty("source").GetString())).ToList();
        Assert.Equal([("zalo", "granted", "form"), ("zalo", "withdrawn", "hotline")], consents);
        Assert.All(root.GetProperty("segments").EnumerateArray(), s => Assert.True(s.GetProperty("explanation").GetProperty("holds").GetBoolean()));
        // A segment's name is its English (invariant) text, a plain string — never the LocalizedText object's properties.
        Assert.All(root.GetProperty("segments").EnumerateArray(), s => Assert.Equal(JsonValueKind.String, s.GetProperty("name").ValueKind));
        Assert.NotEmpty(root.GetProperty("journeys").EnumerateArray());
        Assert.True(root.TryGetProperty("care", out var care) && care.TryGetProperty("due", out _) && care.TryGetProperty("recent", out _));
    }

    [Fact]
    public void Json_SeveralMatches_ListsThem()
    {
        var (code, output, _) = Customer("Nguyễn Văn An", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("name", json.RootElement.GetProperty("matchedBy").GetString());
        Assert.Equal(["KH2", "KH3"], json.RootElement.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public void Profile_OnTheSampleShop_SegmentsAndValueAreThoseOfTheRun()
    {
        // The profile and 'segment --explain' classify the whole shop as 'crmkit run' does (the CLV fit included), so
        // every membership is the same in both — the CLV-based segments and value tiers too.
        var (code, output, error) = CliRunner.Run("customer", "KH00002", "--json", "--as-of", "2026-10-31", "--limit", "1000");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        var (_, explain, _) = CliRunner.Run("segment", "--explain", "KH00002", "--as-of", "2026-10-31");
        var memberOf = explain.Split('\n').Single(l => l.StartsWith("Member of: ", StringComparison.Ordinal))["Member of: ".Length..].Trim().Split(", ");
        Assert.Equal(memberOf, segments);
        Assert.Contains("vip", segments);
        var value = json.RootElement.GetProperty("value");
        Assert.Contains(value.GetProperty("model").GetString(), CountModelIds);
        Assert.InRange(value.GetProperty("probabilityAlive").GetDouble(), 0, 1);
    }

    [Fact]
    public void Limit_CutsEveryListOfTheJsonAndCountsWhatWasCut()
    {
        var (_, all, _) = CliRunner.Run("customer", "KH00002", "--json", "--as-of", "2026-10-31", "--limit", "100000");
        var (code, cut, error) = CliRunner.Run("customer", "KH00002", "--json", "--as-of", "2026-10-31", "--limit", "1");

        Assert.True(code == 0, error);
        using var full = JsonDocument.Parse(all);
        using var limited = JsonDocument.Parse(cut);
        // Every list of the profile, with the property that counts what --limit cut from it.
        (string[] List, string[] NotShown)[] lists =
        [
            (["orders", "recent"], ["orders", "notShown"]),
            (["segments"], ["segmentsNotShown"]),
            (["journeys"], ["journeysNotShown"]),
            (["consents"], ["consentsNotShown"]),
            (["care", "due"], ["care", "dueNotShown"]),
            (["care", "queued"], ["care", "queuedNotShown"]),
            (["care", "tasks"], ["care", "tasksNotShown"]),
            (["care", "earlierTasks"], ["care", "earlierTasksNotShown"]),
            (["care", "recent"], ["care", "recentNotShown"]),
        ];
        var longer = 0;
        foreach (var (list, notShown) in lists)
        {
            var total = At(full.RootElement, list).GetArrayLength();
            Assert.Equal(0, At(full.RootElement, notShown).GetInt32());
            Assert.Equal(Math.Min(1, total), At(limited.RootElement, list).GetArrayLength());
            Assert.Equal(Math.Max(0, total - 1), At(limited.RootElement, notShown).GetInt32());
            longer += total > 1 ? 1 : 0;
        }

        // KH00002 (33 completed orders, 8 segments, dozens of journeys and messages) makes the test bite.
        Assert.True(longer >= 5, $"only {longer} lists longer than 1");
    }

    [Fact]
    public void Tasks_TextAndJsonShowTheSameOpenTasksAndCountTheEarlierOnes()
    {
        var (_, text, _) = CliRunner.Run("customer", "KH00002", "--as-of", "2026-10-31", "--lang", "en", "--limit", "100000");
        var (_, output, _) = CliRunner.Run("customer", "KH00002", "--json", "--as-of", "2026-10-31", "--limit", "100000");

        using var json = JsonDocument.Parse(output);
        var care = json.RootElement.GetProperty("care");
        var open = care.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
        var earlier = care.GetProperty("earlierTasks").GetArrayLength();
        var due = text.Split('\n').SkipWhile(l => !l.StartsWith("Due care actions", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        var taskLines = due.Where(l => l.Contains(" task ", StringComparison.Ordinal)).ToList();
        Assert.Equal(open.Count, taskLines.Count);
        Assert.All(open.Zip(taskLines), p => Assert.Contains(p.First, p.Second, StringComparison.Ordinal));
        Assert.True(earlier > 0, "KH00002 has tasks due before the as-of day");
        Assert.Contains(due, l => l.StartsWith($"  {earlier} earlier tasks, due before the as-of day", StringComparison.Ordinal));
        Assert.All(care.GetProperty("earlierTasks").EnumerateArray(), t => Assert.True(NodaTime.Text.InstantPattern.ExtendedIso.Parse(t.GetProperty("dueAt").GetString()!).Value < NodaTime.Text.InstantPattern.ExtendedIso.Parse(json.RootElement.GetProperty("asOf").GetString()!).Value));
    }

    [Fact]
    public void Json_NoPrediction_KeepsTheReasonAsTheTextGivesIt()
    {
        // The fixture's six customers are too few buyers for a count model: no one has a prediction, and the JSON says why, as the text does.
        var (code, output, error) = Customer("KH6", "--json");
        var (_, text, _) = Customer("KH6", "--lang", "en");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var value = json.RootElement.GetProperty("value");
        var line = text.Split('\n').Single(l => l.StartsWith("  no value model could be fitted: ", StringComparison.Ordinal)).Trim();
        Assert.Equal(line, value.GetProperty("noPredictionReason").GetString());
        Assert.Equal(JsonValueKind.Null, value.GetProperty("predictedValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, value.GetProperty("model").ValueKind);
    }

    private static JsonElement At(JsonElement root, string[] path) => path.Aggregate(root, (e, p) => e.GetProperty(p));

    [Fact]
    public void Customer_IdsAndNamesThatArePhones_AreMaskedUnlessShowContacts()
    {
        // An orders-only export: the buyers are keyed by their phone; the family phone with another name makes
        // "+84912345678#2"; the buyer of D3 gives no name, so the phone is the name too.
        var folder = Directory.CreateTempSubdirectory("crmkit-customer-phone-ids-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllText(orders,
                "order_id,placed_at,total,customer_name,customer_phone\n"
                + "D1,2025-01-10 10:00,500000,Nguyễn Văn An,0912 345 678\n"
                + "D2,2025-02-10 10:00,300000,Vũ Thị Hồng Nhung,+84912345678\n"
                + "D3,2025-03-10 10:00,450000,,0903 111 222\n");

            var several = CliRunner.Run("customer", "0912 345 678", "--orders", orders);
            var one = CliRunner.Run("customer", "0903111222", "--orders", orders);
            var oneJson = CliRunner.Run("customer", "0903111222", "--orders", orders, "--json");
            var shown = CliRunner.Run("customer", "0912 345 678", "--orders", orders, "--show-contacts");

            Assert.Equal(0, several.ExitCode);
            Assert.Equal(0, one.ExitCode);
            foreach (var output in new[] { several.Output, one.Output, oneJson.Output })
            {
                Assert.DoesNotContain("912345678", output, StringComparison.Ordinal);
                Assert.DoesNotContain("903111222", output, StringComparison.Ordinal);
            }

            Assert.Contains("Nguyễn Văn An", several.Output, StringComparison.Ordinal);
            Assert.Contains("add --show-contacts to see them", several.Output, StringComparison.Ordinal);
            Assert.Contains("+84912345678#2", shown.Output, StringComparison.Ordinal);
            Assert.Contains("crmkit customer +84912345678", shown.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
