using CrmKit.Customers.Import;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

public class SeedsTests
{
    [Fact]
    public void Generate_DefaultSettings_ReproducesTheCommittedSeedsByteForByte()
    {
        var committed = RepositoryRoot.Path("seeds", "store");
        var folder = Directory.CreateTempSubdirectory("crmkit-seeds-").FullName;
        try
        {
            var (code, output, _) = SeedsRunner.Run("generate", "--out", folder);

            Assert.Equal(0, code);
            Assert.StartsWith("Wrote 5114 customers and 11154 orders", output, StringComparison.Ordinal);
            var expected = Directory.GetFiles(committed, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
            foreach (var name in expected)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(committed, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, name!))),
                    $"seeds/store/{name} differs from what the generator produces; regenerate with 'dotnet run --project src/CrmKit.Cli.Seeds -- generate'.");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CommittedSeeds_ImportWithoutRejectedRowsAndHaveTheDocumentedShape()
    {
        var data = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store"));

        Assert.Empty(data.Issues);
        Assert.Equal(5114, data.Customers.Length);
        var orders = data.Customers.SelectMany(c => c.History.Orders).ToList();
        Assert.Equal(11154, orders.Count);

        // Heavy-tailed repeat buying: most buyers buy once or twice, a few buy very often.
        var perBuyer = data.Customers.Select(c => c.History.Orders.CompletedCount).Where(n => n > 0).Order().ToArray();
        Assert.True(perBuyer[perBuyer.Length / 2] <= 2, $"median orders per buyer {perBuyer[perBuyer.Length / 2]}");
        Assert.True(perBuyer[^1] >= 20, $"most orders of one buyer {perBuyer[^1]}");

        // Tết: the four weeks before Tết 2026 (17 February) sell far more than an average four weeks of the year around it.
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        int OrdersBetween(NodaTime.LocalDate from, NodaTime.LocalDate to) => orders.Count(o => o.PlacedAt.InZone(zone).Date is var d && d >= from && d < to);
        var beforeTet = OrdersBetween(new NodaTime.LocalDate(2026, 1, 20), new NodaTime.LocalDate(2026, 2, 17));
        var year = OrdersBetween(new NodaTime.LocalDate(2025, 8, 1), new NodaTime.LocalDate(2026, 7, 31));
        Assert.True(beforeTet > 1.8 * year / (364.0 / 28), $"{beforeTet} orders in the four weeks before Tết, {year} in the year around it");

        // Vietnamese names with diacritics, and accent variants among the duplicates.
        Assert.Contains(data.Customers, c => c.DisplayName.StartsWith("Nguyễn", StringComparison.Ordinal));
        Assert.Contains(data.Customers, c => c.DisplayName.StartsWith("Nguyen ", StringComparison.OrdinalIgnoreCase));
    }
}
