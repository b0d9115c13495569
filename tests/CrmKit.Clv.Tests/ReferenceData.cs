using System.Globalization;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>Loads the reference data sets of ../shared/data (see its README).</summary>
internal static class ReferenceData
{
    public static (RfmSummary Summary, string[] Ids, double[] Zbar) CdnowSummary()
    {
        var lines = File.ReadAllLines(SharedData.File("cdnow_customers_summary_with_transactions.csv")).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Trim().Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var summary = RfmSummary.Create(
            lines.Select(f => f[1]).ToArray(),
            lines.Select(f => f[2]).ToArray(),
            lines.Select(f => f[3]).ToArray(),
            lines.Select(f => f[4]).ToArray(),
            customerIds: lines.Select(f => f[0].ToString(CultureInfo.InvariantCulture)).ToArray());
        return (summary, lines.Select(f => f[0].ToString(CultureInfo.InvariantCulture)).ToArray(), lines.Select(f => f[4]).ToArray());
    }

    public static RfmSummary Donations()
    {
        var rows = File.ReadAllLines(SharedData.File("donations.csv")).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return RfmSummary.Create(rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray(), weight: rows.Select(r => r[3]).ToArray(), unit: TimeUnit.Day);
    }

    public static (double[] Regular, double[] HighEnd) SbgCohorts()
    {
        var rows = File.ReadAllLines(SharedData.File("sbg_cohorts.csv")).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray());
    }
}

/// <summary>The CDNOW master file (all 23,570 customers) as transactions.</summary>
internal static class CdnowMaster
{
    public static List<(string CustomerId, LocalDate Date, double Amount)> Transactions()
        => [.. File.ReadAllLines(SharedData.File("CDNOW_master.txt")).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[0], LocalDate.FromDateTime(DateTime.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture)), double.Parse(f[3], CultureInfo.InvariantCulture)))];
}
