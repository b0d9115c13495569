using System.Text.Json;

namespace CrmKit.Cli.Tests;

/// <summary>Issue 16: one definition per figure across commands and between text and JSON.</summary>
public class OneDefinitionTests
{
    [Fact]
    public void RunAndCareAgenda_CountTheSameDayTheSameWay_AndSpellChannelsAsTheJsonDoes()
    {
        // The seeds' last day: run said "skipped 36", care agenda "skipped 34" (it segmented without the CLV tiers and
        // took another as-of instant); both now run the same job. Channels: camelCase, as CrmKitJson writes enums.
        var (runCode, runJson, _) = CliRunner.Shared("run", "--no-report", "--json");
        var (careCode, careJson, _) = CliRunner.Run("care", "agenda", "--json");
        var (textCode, text, _) = CliRunner.Shared("run", "--no-report");
        var (careTextCode, careText, _) = CliRunner.Run("care", "agenda");
        Assert.Equal([0, 0, 0, 0], new[] { runCode, careCode, textCode, careTextCode });

        using var run = JsonDocument.Parse(runJson);
        using var care = JsonDocument.Parse(careJson);
        var runStatus = run.RootElement.GetProperty("agenda").GetProperty("byStatus");
        var careStatus = care.RootElement.GetProperty("byStatus");
        Assert.Equal(Counts(runStatus), Counts(careStatus));
        Assert.Equal(36, careStatus.GetProperty("skipped").GetInt32());
        Assert.Equal(15, careStatus.GetProperty("due").GetInt32());
        Assert.Equal(run.RootElement.GetProperty("asOf").GetString(), care.RootElement.GetProperty("asOf").GetString());

        Assert.Equal(1, run.RootElement.GetProperty("agenda").GetProperty("dueByChannel").GetProperty("phoneCall").GetInt32());
        Assert.Contains("due by channel: Zalo 10, email 4, phone call 1", text, StringComparison.Ordinal);
        Assert.Contains("due 15, deferred 0, skipped 36, dropped 0", careText, StringComparison.Ordinal);
        Assert.DoesNotContain("phone_call", text + runJson + careJson + careText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--merge", "none")]
    [InlineData("--model", "mbg-nbd")]
    public void RunAndCareAgenda_WithTheSameSettings_CountTheSameAgenda(string option, string value)
    {
        var (runCode, runJson, _) = CliRunner.Run("run", "--no-report", "--json", option, value);
        var (careCode, careJson, _) = CliRunner.Run("care", "agenda", "--json", option, value);
        Assert.Equal((0, 0), (runCode, careCode));

        using var run = JsonDocument.Parse(runJson);
        using var care = JsonDocument.Parse(careJson);
        Assert.Equal(Counts(run.RootElement.GetProperty("agenda").GetProperty("byStatus")), Counts(care.RootElement.GetProperty("byStatus")));
    }

    private static Dictionary<string, int> Counts(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Fact]
    public void Run_SameDayOrders_AreOnePurchase_AndBuyersStopAtTheAsOfInstant()
    {
        // C1: two orders on 1 March (one purchase); C2: 1 and 3 March (a repeat buyer); C3: only after --as-of.
        var folder = Directory.CreateTempSubdirectory("crmkit-buyers-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "orders.csv"),
                "order_id,customer_id,placed_at,total\nO1,C1,2025-03-01 09:00,100000\nO2,C1,2025-03-01 18:00,50000\n"
                + "O3,C2,2025-03-01 10:00,90000\nO4,C2,2025-03-03 10:00,90000\nO5,C3,2025-03-20 10:00,70000\n");
            var (code, text, _) = CliRunner.Run("run", "--data", folder, "--no-report", "--as-of", "2025-03-10");
            Assert.Equal(0, code);
            Assert.Contains("  buyers     2 (67 %), repeat buyers 1 (50 % of buyers; purchases on 2 or more days, orders on one day count once)", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_TicketTimes_SayTheyAreBusinessHours()
    {
        var (code, text, _) = CliRunner.Shared("run", "--no-report");
        var (_, json, _) = CliRunner.Shared("run", "--no-report", "--json");
        Assert.Equal(0, code);
        Assert.Contains(", median first reply 0 min, median resolution 9.3 h (business hours), SLA breached ", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("business", doc.RootElement.GetProperty("review").GetProperty("tickets").GetProperty("hours").GetString());
    }
}
