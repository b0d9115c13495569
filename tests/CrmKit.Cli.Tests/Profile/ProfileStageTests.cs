using System.Text.Json;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Profile;
using CrmKit.Customers.Import;

namespace CrmKit.Cli.Tests.Profile;

/// <summary>
/// Issue 23: the lifecycle stage in the profile's header is the state of the customer's lifecycle journey shown lower
/// down (the journey is authoritative: replayed from the orders up to the as-of instant); the data file's stage is named
/// beside it where the two differ. Checked on every tenth customer of the sample shop (about 500; every one would cost
/// a minute of CPU, a replay each) as of 2026-03-31, seven months before the export its stage column was written at,
/// so that many file stages are ahead of the orders up to that day.
/// </summary>
public sealed class ProfileStageTests
{
    private static readonly Lazy<ShopAnalysis> Sample = new(() =>
    {
        var settings = new MainJobSettings { Files = CustomerFiles.InFolder(SeedsFolder.Sample()), Source = "sample", AsOf = "2026-03-31" };
        return ShopAnalysis.Run(settings, CustomerDataSet.Read(settings.Files, settings.Import));
    });

    [Fact]
    public void Stage_SampleCustomers_IsTheLifecycleJourneysState_InTheTextAndTheJson()
    {
        var shop = Sample.Value;
        int withJourney = 0, differing = 0;
        foreach (var customer in shop.Customers.Where((_, i) => i % 10 == 0))
        {
            var profile = CustomerProfile.Of(shop, customer);
            using var text = new StringWriter();
            UiLanguage.English.Apply(() =>
            {
                profile.Write(text, reveal: false, limit: int.MaxValue);
                return 0;
            });
            var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var header = lines.Single(l => l.StartsWith("  customer since ", StringComparison.Ordinal));
            var stage = header.Split("; stage ")[1].Split("; source ")[0];
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(profile.Json(reveal: false, int.MaxValue)));
            var person = json.RootElement.GetProperty("customer");
            var journey = json.RootElement.GetProperty("journeys").EnumerateArray().FirstOrDefault(j => j.GetProperty("process").GetString() == "customer-lifecycle");
            var fileStage = RunSummary.Name(customer.Stage);
            if (journey.ValueKind == JsonValueKind.Undefined)
            {
                // No completed order up to the as-of instant: no lifecycle journey; the file's stage, said to be it.
                Assert.Equal(fileStage, stage);
                Assert.Equal("file", person.GetProperty("stageSource").GetString());
                Assert.Equal(fileStage, person.GetProperty("stage").GetString());
                continue;
            }

            withJourney++;
            var state = journey.GetProperty("state").GetString()!;
            // The journey line lower down shows the same state.
            Assert.Contains(lines, l => l.Contains("process customer-lifecycle, state '" + state + "'", StringComparison.Ordinal));
            Assert.Equal(state, person.GetProperty("stage").GetString());
            Assert.Equal("customer-lifecycle", person.GetProperty("stageSource").GetString());
            Assert.Equal(fileStage, person.GetProperty("fileStage").GetString());
            if (state == fileStage)
            {
                Assert.Equal(state, stage);
            }
            else
            {
                differing++;
                Assert.Equal($"{state} (lifecycle journey; the data file says {fileStage})", stage);
            }
        }

        // Not vacuous: many customers have a lifecycle journey, and some of them a file stage that differs from it.
        Assert.True(withJourney > 100, $"{withJourney} customers with a lifecycle journey");
        Assert.True(differing > 0, "no customer whose file stage differs from the journey");
    }

    [Fact]
    public void Stage_FileWithoutStageColumn_NamesNoFileStage_InTheTextAndTheJson()
    {
        // Issue 21: a customers file with no stage column; the profile showed "(…; the data file says acquisition)".
        var folder = Directory.CreateTempSubdirectory("crmkit-stage-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,created_at,phone\nKH1,Nguyễn Văn An,2025-01-05 09:00,0912345678\n");
            File.WriteAllText(Path.Combine(folder, "orders.csv"),
                "order_id,customer_id,placed_at,total\nD1,KH1,2025-01-10 10:00,500000\nD2,KH1,2025-02-10 10:00,500000\nD3,KH1,2025-03-10 10:00,500000\n");
            var text = CliRunner.Run("customer", "KH1", "--data", folder, "--as-of", "2025-03-31");
            var vi = CliRunner.Run("customer", "KH1", "--data", folder, "--as-of", "2025-03-31", "--lang", "vi");
            var json = CliRunner.Run("customer", "KH1", "--data", folder, "--as-of", "2025-03-31", "--json");

            Assert.Equal(0, text.ExitCode);
            Assert.Contains("; stage retention", text.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("the data file says", text.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("tệp dữ liệu ghi", vi.Output, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(json.Output);
            var person = doc.RootElement.GetProperty("customer");
            Assert.Equal("retention", person.GetProperty("stage").GetString());
            Assert.Equal(JsonValueKind.Null, person.GetProperty("fileStage").ValueKind);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Stage_CustomerKnownFromOrdersOnly_NamesNoFileStage()
    {
        // The newcomer trial: an orders file alone (the customer derived from its orders) and the profile said
        // "(lifecycle journey; the data file says acquisition)", a file that has no stage at all.
        var folder = Directory.CreateTempSubdirectory("crmkit-stage-orders-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllText(orders,
                "order_id,placed_at,total,customer_name,customer_phone\n"
                + "D1,2025-01-10 10:00,500000,Nguyễn Văn An,0912 345 678\nD2,2025-02-10 10:00,500000,Nguyễn Văn An,0912345678\nD3,2025-03-10 10:00,500000,Nguyễn Văn An,+84912345678\n");
            var text = CliRunner.Run("customer", "0912 345 678", "--orders", orders, "--as-of", "2025-03-31");
            var vi = CliRunner.Run("customer", "0912 345 678", "--orders", orders, "--as-of", "2025-03-31", "--lang", "vi");
            var json = CliRunner.Run("customer", "0912 345 678", "--orders", orders, "--as-of", "2025-03-31", "--json");

            Assert.Equal(0, text.ExitCode);
            Assert.Contains("; stage retention", text.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("the data file says", text.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("tệp dữ liệu ghi", vi.Output, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(json.Output);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("customer").GetProperty("fileStage").ValueKind);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
