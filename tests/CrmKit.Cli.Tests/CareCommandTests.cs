using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

public class CareCommandTests
{
    [Fact]
    public void Agenda_Json_OnTheSeeds_HasKeysStatusesAndNoMarketingWithoutConsent()
    {
        var (code, output, error) = CliRunner.Run("care", "agenda", "--as-of", "2026-10-31", "--lookback-days", "7", "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4998, root.GetProperty("customers").GetInt32());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var byStatus = root.GetProperty("byStatus");
        Assert.Equal(items.Count, byStatus.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.True(byStatus.GetProperty("due").GetInt32() > 0);
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("idempotencyKey").GetString()).Distinct().Count());
        Assert.All(items.Where(i => i.GetProperty("status").GetString() == "skipped" && i.GetProperty("purpose").GetString() == "marketing"),
            i => Assert.NotNull(i.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Agenda_Table_ListsSummaryAndDueActions()
    {
        var (code, output, _) = CliRunner.Run("care", "agenda", "--as-of", "2026-10-31");
        Assert.Equal(0, code);
        Assert.Contains("Care agenda for 4,998 customers, actions due in the 1 day up to 2026-10-31 23:59 (Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
        Assert.Contains("By segment and channel (due or deferred actions; an action counts once under each of its care plan's segments the customer is in, so the counts can add up to more than the actions):", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_PrintsMermaidOrDot_AndRejectsUnknownProcess()
    {
        var (code, output, _) = CliRunner.Run("care", "diagram", "support-ticket");
        Assert.Equal(0, code);
        Assert.Equal(ProcessDiagram.Mermaid(BuiltInProcesses.SupportTicket), output);
        var dot = CliRunner.Run("care", "diagram", "warranty-case", "--format", "dot");
        Assert.Equal(ProcessDiagram.Dot(BuiltInProcesses.WarrantyCase), dot.Output);
        var bad = CliRunner.Run("care", "diagram", "no-such-process");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("'no-such-process' is neither a built-in process nor a file.", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("care", "diagram", "support-ticket", "--format", "png").ExitCode);
    }

    [Fact]
    public void Diagram_FromABrokenFile_NamesFileAndPaths()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmkit-care-").FullName, "mine.json");
        File.WriteAllText(file, """{"id":"mine","name":"Mine","initial":"a","states":[{"id":"a"}],"transitions":[{"from":"a","to":"b","trigger":"go"}]}""");
        var (code, _, error) = CliRunner.Run("care", "diagram", file);
        Assert.Equal(1, code);
        // ProcessJson.ReadFiles: the file as given, then line and column of "to" (column counted by hand).
        Assert.Contains($"{file}:1:91: $.transitions[0].to: unknown state 'b' (known: a)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedsAndDocs_MatchTheBuiltInProcesses()
    {
        foreach (var p in BuiltInProcesses.All)
        {
            var file = RepositoryRoot.Path("seeds", "processes", p.Id + ".json");
            Assert.True(File.Exists(file) && File.ReadAllText(file) == ProcessJson.Write(p) + "\n", $"seeds/processes/{p.Id}.json is out of date: run `dotnet run --project src/CrmKit.Cli.Seeds -- generate`.");
            Assert.Equal(ProcessJson.Write(p), ProcessJson.Write(ProcessJson.ReadDefinition(File.ReadAllText(file))));
        }

        var doc = File.ReadAllText(RepositoryRoot.Path("docs", "care-process.md"));
        Assert.True(Seeds.GeneratedFiles.WithDiagrams(doc) == doc, "The diagrams in docs/care-process.md are out of date: run `dotnet run --project src/CrmKit.Cli.Seeds -- generate`.");
        Assert.All(BuiltInProcesses.All, p => Assert.Contains(ProcessDiagram.Mermaid(p), doc, StringComparison.Ordinal));
    }
}
