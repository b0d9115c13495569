using CrmKit.Customers.Import;

namespace CrmKit.Cli.Tests;

/// <summary>Every CSV file the CLI writes is safe to open in a spreadsheet: no cell starts a formula (OWASP CSV injection).</summary>
public class SpreadsheetSafeOutputTests
{
    private static void AssertNoFormula(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            foreach (var cell in line.Split(','))
            {
                Assert.False(SpreadsheetSafety.IsFormulaLike(cell.TrimStart('"')), $"a cell a spreadsheet would run: {cell} (line: {line})");
            }
        }
    }

    [Fact]
    public void ClvPredictAndSummary_FormulaLikeCustomerIds_AreWrittenAsText()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-formula-").FullName;
        try
        {
            // 200 ordinary customers with repeat purchases, so that the models fit, and three with formula-like ids.
            var random = new Random(7);
            var rows = new List<string> { "customer_id,date,amount" };
            foreach (var id in Enumerable.Range(1, 200).Select(i => $"K{i}").Concat(["\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", "@SUM(1)", "-cmd()"]))
            {
                // Purchases a Poisson process (rate 1/λ per day, λ 20–80 days) until a dropout (after each purchase
                // with probability 0.3), from a start in the first half year: data of the BG/NBD kind.
                var mean = random.Next(20, 80);
                for (var day = (double)random.Next(0, 180); day < 365; day += -mean * Math.Log(1 - random.NextDouble()))
                {
                    rows.Add(FormattableString.Invariant($"{id},{new DateOnly(2024, 1, 1).AddDays((int)day):yyyy-MM-dd},{random.Next(5, 200)}"));
                    if (random.NextDouble() < 0.3)
                    {
                        break;
                    }
                }
            }

            var file = Path.Combine(folder, "t.csv");
            File.WriteAllLines(file, rows);

            var (summaryCode, summary, _) = CliRunner.Run("clv", "summary", "--transactions", file, "--observation-end", "2025-01-01");
            var (predictCode, predict, predictError) = CliRunner.Run("clv", "predict", "--transactions", file, "--horizon", "26", "--observation-end", "2025-01-01");

            Assert.Equal(0, summaryCode);
            var summaryLines = summary.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            AssertNoFormula(summaryLines);
            Assert.Contains(summaryLines, l => l.StartsWith("'@SUM(1),", StringComparison.Ordinal));
            Assert.Contains(summaryLines, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal));
            Assert.True(predictCode == 0, predictError);
            var predictLines = predict.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            AssertNoFormula(predictLines);
            Assert.Contains(predictLines, l => l.StartsWith("'-cmd(),", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rejects_FormulaLikeHeaderAndReason_AreWrittenAsText()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-formula-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllText(orders, "order_id,customer_id,placed_at,total,=cmd|' /C calc'!A0\nHD1,KH1,2025-08-01 10:00,n/a,x\nHD2,KH1,2025-08-02 10:00,150000,x\n");
            var rejects = Path.Combine(folder, "rejects.csv");

            CliRunner.Run("run", "--orders", orders, "--rejects", rejects, "--no-report");

            var lines = File.ReadAllLines(rejects);
            Assert.True(lines.Length >= 2);
            AssertNoFormula(lines);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
