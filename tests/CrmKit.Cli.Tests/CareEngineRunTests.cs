using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>What <c>crmkit run</c> shows of the care engine's replay of the bundled shop (summary, --json, report).</summary>
public class CareEngineRunTests(SeedsReport report) : IClassFixture<SeedsReport>
{
    [Fact]
    public void Run_Json_CareEngineFiguresAddUp()
    {
        var (code, output, _) = CliRunner.Shared("run", "--data", RepositoryRoot.Path("seeds", "store"), "--no-report", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var engine = json.RootElement.GetProperty("careEngine");
        Assert.True(engine.GetProperty("events").GetInt64() > 11_154, "every order is an event, and more");
        var journeys = engine.GetProperty("journeys").EnumerateArray().ToList();
        Assert.Equal(
            ["after-sale@v1", "birthday@v1", "customer-activity@v1", "customer-lifecycle@v1", "support-ticket@v1", "tet@v1", "vip-welcome@v1", "warranty-case@v1", "win-back@v1"],
            journeys.Select(j => j.GetProperty("journey").GetString()!).Order(StringComparer.Ordinal));
        foreach (var j in journeys)
        {
            // Every instance that entered is still active, completed or exited.
            Assert.Equal(j.GetProperty("enrolled").GetInt32(), j.GetProperty("active").GetInt32() + j.GetProperty("completed").GetInt32() + j.GetProperty("exited").GetInt32());
        }

        // The live counts of a process's states are its journeys' active instances (one journey per process here).
        var processes = engine.GetProperty("processes");
        foreach (var (journey, process) in new[] { ("after-sale@v1", "after-sale"), ("support-ticket@v1", "support-ticket"), ("customer-lifecycle@v1", "customer-lifecycle") })
        {
            var active = journeys.Single(j => j.GetProperty("journey").GetString() == journey).GetProperty("active").GetInt32();
            Assert.Equal(active, processes.GetProperty(process).EnumerateObject().Sum(s => s.Value.GetInt32()));
        }

        // The after-sale journey enrols once per completed order: 10,349 completed orders in seeds/store/orders.csv
        // (python3: sum(r['status'] == 'completed' for r in csv.DictReader(open('seeds/store/orders.csv')))), all placed
        // at or before the as-of instant (the last order).
        Assert.Equal(CompletedOrders(), journeys.Single(j => j.GetProperty("journey").GetString() == "after-sale@v1").GetProperty("enrolled").GetInt32());

        var messages = engine.GetProperty("messages");
        Assert.True(messages.GetProperty("sent").GetInt32() > 0);
        foreach (var outcome in new[] { "deferred", "skipped", "dropped", "cancelled" })
        {
            var o = messages.GetProperty(outcome);
            Assert.Equal(o.GetProperty("count").GetInt32(), o.GetProperty("byReason").EnumerateObject().Sum(r => r.Value.GetInt32()));
        }

        var queue = engine.GetProperty("queue");
        Assert.Equal(queue.GetProperty("messages").GetInt32(), queue.GetProperty("byChannel").EnumerateObject().Sum(c => c.Value.GetInt32()));
        // Today's queue: due by the end of the as-of day in the shop's zone (UTC+7), none before the as-of instant
        // unless it was still pending then.
        var asOf = NodaTime.Text.InstantPattern.ExtendedIso.Parse(json.RootElement.GetProperty("asOf").GetString()!).Value;
        var endOfDay = asOf.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]).Date.PlusDays(1).AtStartOfDayInZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]).ToInstant();
        var first = queue.GetProperty("first").EnumerateArray().Select(m => NodaTime.Text.InstantPattern.ExtendedIso.Parse(m.GetProperty("dueAt").GetString()!).Value).ToList();
        Assert.Equal(Math.Min(30, queue.GetProperty("messages").GetInt32()), first.Count);
        Assert.All(first, due => Assert.True(due < endOfDay, $"{due} is after the as-of day"));
        Assert.Equal(first.Order(), first);
        Assert.True(queue.GetProperty("messages").GetInt32() > 0, "the bundled shop has messages due later on its last day");
    }

    [Fact]
    public void Run_Text_ShowsJourneysMessagesAndQueue()
    {
        Assert.Equal(0, report.ExitCode);
        Assert.Matches(new Regex(@"^  journeys   [\d,]+ events replayed through the care engine up to the as-of instant$", RegexOptions.Multiline), report.Output);
        Assert.Matches(new Regex(@"^             after-sale@v1 +enrolled [\d,]+, active [\d,]+, completed [\d,]+, exited [\d,]+, goal reached [\d,]+$", RegexOptions.Multiline), report.Output);
        Assert.Matches(new Regex(@"^  messages   sent [\d,]+, queued [\d,]+; deferred ", RegexOptions.Multiline), report.Output);
        Assert.Matches(new Regex(@"^  queue      today \(2026-10-31\): [\d,]+ messages ", RegexOptions.Multiline), report.Output);
        Assert.Contains("care engine ", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_CareEngineSection_HasTablesAndLiveCountsOnEveryState()
    {
        Assert.Contains("<h2 id=\"care-engine\">Care engine</h2>", report.Html, StringComparison.Ordinal);
        foreach (var table in new[] { "journeys", "messages", "queue", "tasks" })
        {
            Assert.Contains($"<table data-table=\"{table}\">", report.Html, StringComparison.Ordinal);
        }

        // Every state of the support-ticket diagram carries its live count, and they add up to the caption's total.
        var figure = Regex.Match(report.Html, "<figure class=\"chart diagram\" data-chart=\"process-support-ticket\">.*?</figure>", RegexOptions.Singleline).Value;
        var live = Regex.Matches(figure, "data-state=\"([a-z-]+)\" data-live=\"(\\d+)\"").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(["closed", "new", "on-hold", "open", "pending", "solved"], live.Keys.Order(StringComparer.Ordinal));
        var caption = Regex.Match(figure, @"</code>\): ([\d,]+) live</figcaption>").Groups[1].Value;
        Assert.Equal(live.Values.Sum(), int.Parse(caption, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }

    // Counted from the file with the BCL's own splitting, not CrmKit's reader.
    private static int CompletedOrders()
        => File.ReadLines(RepositoryRoot.Path("seeds", "store", "orders.csv")).Skip(1).Count(l => l.Split(',')[5] == "completed");
}
