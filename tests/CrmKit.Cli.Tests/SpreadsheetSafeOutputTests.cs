using CrmKit.Testing;
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
            // The bundled shop's completed orders as transactions (its models fit), three of its customers renamed
            // with formula-like ids.
            var renamed = new Dictionary<string, string>
            {
                ["KH00001"] = "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
                ["KH00002"] = "@SUM(1)",
                ["KH00003"] = "-cmd()",
            };
            var rows = new List<string> { "customer_id,date,amount" };
            foreach (var line in File.ReadLines(RepositoryRoot.Path("seeds", "store", "orders.csv")).Skip(1))
            {
                var f = line.Split(',');
                if (f[5] == "completed")
                {
                    rows.Add($"{renamed.GetValueOrDefault(f[1], f[1])},{f[2][..10]},{f[3]}");
                }
            }

            var file = Path.Combine(folder, "t.csv");
            File.WriteAllLines(file, rows);

            var (summaryCode, summary, _) = CliRunner.Run("clv", "summary", "--transactions", file, "--observation-end", "2026-11-01");
            var (predictCode, predict, predictError) = CliRunner.Run("clv", "predict", "--transactions", file, "--horizon", "26", "--observation-end", "2026-11-01");

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
