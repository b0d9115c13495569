using System.Globalization;
using System.Text.Json;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>Issue 16: `crmkit run` and `crmkit clv` never print an absurd CLV, and say why a figure is not given.</summary>
public class ClvSafetyTests
{
    [Fact]
    public void Run_SevenCustomerShop_SaysWhyNoClvIsGiven()
    {
        // A KiotViet-shaped export with 7 customers who all bought again, at very different amounts.
        var folder = Directory.CreateTempSubdirectory("crmkit-seven-").FullName;
        try
        {
            var spends = new[] { 1_120, 1_752_210, 54_540, 55_360, 177_600, 13_200, 3_522_790 };
            File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,created_at\n" + string.Concat(Enumerable.Range(0, 7).Select(i => $"KH{i},Khách {i},2025-01-01\n")));
            var orders = Enumerable.Range(0, 7).SelectMany(i => Enumerable.Range(0, 2 + (i % 3)).Select(k => string.Create(CultureInfo.InvariantCulture, $"HD{i}-{k},KH{i},{new DateTime(2025, 2, 1 + i).AddDays(11 * k * (i + 1)):yyyy-MM-dd} 10:00,{spends[i]}\n")));
            File.WriteAllText(Path.Combine(folder, "orders.csv"), "order_id,customer_id,placed_at,total\n" + string.Concat(orders));

            var (code, output, _) = CliRunner.Run("run", "--data", folder, "--no-report");
            var (jsonCode, json, _) = CliRunner.Run("run", "--data", folder, "--no-report", "--json");

            Assert.Equal(0, code);
            Assert.Contains("  CLV        not given: no count model could be used", output, StringComparison.Ordinal);
            Assert.Contains("BG/NBD fit not used for predictions: BG/NBD was fitted on 7 repeat buyers; at least 20 are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again.", output, StringComparison.Ordinal);
            Assert.DoesNotContain("predicted value", output, StringComparison.Ordinal);
            Assert.Equal(0, jsonCode);
            using var document = JsonDocument.Parse(json);
            var problems = document.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
            Assert.Contains("CLV: BG/NBD fit not used for predictions: BG/NBD was fitted on 7 repeat buyers; at least 20 are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again.", problems);
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("clv").GetProperty("predictedValue").ValueKind);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_BundledShop_ReportHasTheModelChoiceTableAndValidationCharts()
    {
        // The seeds' report shared with ReportTests (written once per test run, read only here).
        using var report = new SeedsReport();
        var (code, output, html) = (report.ExitCode, report.Output, report.Html);

        Assert.Equal(0, code);
        Assert.Contains("  CLV model  BG/NBD by holdout (calibration to 2026-05-01): BG/NBD predicts the holdout best", output, StringComparison.Ordinal);
        Assert.Contains("customers likely still buying (P(alive) ≥ 0.5): 70 % of buyers; one-time buyers 100 % (BG/NBD treats every one-time buyer as alive: it lets customers drop out only after a repeat purchase), repeat buyers 37 %", output, StringComparison.Ordinal);
        Assert.Contains("<caption>Model choice by holdout (calibration to 2026-05-01): BG/NBD predicts the holdout best", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "clv-tracking-cumulative", "clv-tracking-weekly", "clv-conditional" })
        {
            Assert.Contains($"data-chart=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("first → last purchase (weeks)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_HorizonOf1e18_PrintsFiniteValuesWithoutCrashing()
    {
        var (code, output, error) = CliRunner.Run("clv", "predict", "--transactions", SharedData.File("CDNOW_sample.txt"), "--format", "cdnow", "--observation-end", "1997-09-30", "--horizon", "1e18");

        Assert.True(code == 0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2357, rows.Count);
        Assert.All(rows, r => Assert.All(r.Skip(5), cell =>
        {
            var value = double.Parse(cell, CultureInfo.InvariantCulture);
            Assert.True(value >= 0 && double.IsFinite(value), cell);
        }));
    }

    [Fact]
    public void Predict_CdnowMasterWithAFreeRepeatPurchase_KeepsTheClvColumn()
    {
        // Customer 10244's only repeat purchase was free; it used to drop the CLV column for all 23,570 customers.
        var (code, output, error) = CliRunner.Run("clv", "predict", "--transactions", SharedData.File("CDNOW_master.txt"), "--format", "cdnow", "--observation-end", "1998-06-30");

        Assert.True(code == 0, error);
        Assert.StartsWith("customer_id,frequency,recency,T,monetary_value,probability_alive,expected_purchases,clv", output, StringComparison.Ordinal);
        Assert.Contains("repeat buyers whose repeat purchases were all free (spend 0) are left out of the Gamma-Gamma fit", error, StringComparison.Ordinal);
        var row = output.Split('\n').Single(l => l.StartsWith("10244,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(row[^1], CultureInfo.InvariantCulture) > 0);
    }
}
