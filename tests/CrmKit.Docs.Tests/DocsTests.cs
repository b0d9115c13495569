using System.Text.RegularExpressions;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using CrmKit.Docs.Snippets;
using CrmKit.Segmentation;
using NodaTime;
using NodaTime.Testing;

namespace CrmKit.Docs.Tests;

public partial class DocsTests
{
    private static IEnumerable<string> Documents()
        => Directory.GetFiles(RepositoryRoot.Path("docs"), "*.md").Append(RepositoryRoot.Path("README.md")).Order(StringComparer.Ordinal);

    private static Dictionary<string, string> Regions()
    {
        var source = string.Join('\n', Directory.GetFiles(RepositoryRoot.Path("docs", "snippets"), "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        return RegionPattern().Matches(source).ToDictionary(m => m.Groups["name"].Value, m => Dedent(m.Groups["body"].Value));
    }

    private static string Dedent(string block)
    {
        var lines = block.Replace("\r", string.Empty, StringComparison.Ordinal).Trim('\n').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [Fact]
    public void Documents_EverySnippetBlock_EqualsItsCompiledRegion()
    {
        var regions = Regions();
        var used = new HashSet<string>();
        foreach (var document in Documents())
        {
            foreach (Match m in SnippetPattern().Matches(File.ReadAllText(document).Replace("\r", string.Empty, StringComparison.Ordinal)))
            {
                var name = m.Groups["name"].Value;
                Assert.True(regions.TryGetValue(name, out var code), $"{Path.GetFileName(document)}: no region '{name}' in docs/snippets/*.cs");
                Assert.True(code == m.Groups["code"].Value.TrimEnd('\n'), $"{Path.GetFileName(document)}: the block of snippet '{name}' differs from its region in docs/snippets/*.cs; run .ci/sync-snippets.");
                used.Add(name);
            }
        }

        Assert.Equal(regions.Keys.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Documents_RelativeLinks_PointAtExistingFiles()
    {
        foreach (var document in Documents())
        {
            foreach (Match m in LinkPattern().Matches(File.ReadAllText(document)))
            {
                var target = m.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{Path.GetFileName(document)}: link to '{target}' points at nothing");
            }
        }
    }

    [Fact]
    public void GettingStarted_OnTheSeeds_ComputesTheAgendaAndTheReview()
    {
        var (customers, due, retention) = Snippets.Snippets.GettingStarted(RepositoryRoot.Path("seeds", "store"), new FakeClock(Instant.FromUtc(2026, 10, 31, 13, 0)));

        Assert.Equal(5114, customers);
        Assert.True(due > 0);
        Assert.InRange(retention!.Value, 0, 1);
    }

    // The snippet on a sample-shop customer: in English exactly the segment names and the invariant explanations
    // (ToString), computed here independently; in Vietnamese the same segments under their Vietnamese names, with
    // Vietnamese explanation lines.
    [Fact]
    public void ExplainCustomer_SampleShopCustomer_NamesTheSameSegmentsInBothLanguages()
    {
        var customer = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store")).Customers.First(c => c.History.Orders.Count > 2);
        var asOf = Instant.FromUtc(2026, 10, 31, 13, 0);
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var catalog = BuiltInSegments.Catalog;
        var explanations = catalog.Explain(CustomerRecord.From(customer, zone), new EvaluationContext(asOf, zone));
        var held = Enumerable.Range(0, catalog.Segments.Length).Where(i => explanations[i].Holds).ToList();
        var english = System.Globalization.CultureInfo.GetCultureInfo("en");
        var vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

        var en = Snippets.Snippets.ExplainCustomer(customer, asOf, english);
        var vi = Snippets.Snippets.ExplainCustomer(customer, asOf, vietnamese);

        Assert.NotEmpty(held);
        Assert.Equal(string.Concat(held.Select(i => catalog.Segments[i].Name.Get(english) + Environment.NewLine + explanations[i].ToString() + Environment.NewLine)), en);
        Assert.All(held, i => Assert.Contains(catalog.Segments[i].Name.Get(vietnamese) + Environment.NewLine, vi, StringComparison.Ordinal));
        Assert.Contains("✓ tất cả", vi, StringComparison.Ordinal);
    }

    [Fact]
    public void Importing_KiotVietFixture_ReadsCustomersAndGuestSales()
    {
        var folder = RepositoryRoot.Path("tests", "fixtures", "imports", "kiotviet");
        var (customers, guests, guestRevenue, rowsKept) = Snippets.Snippets.Importing(Path.Combine(folder, "orders.xlsx"), Path.Combine(folder, "customers.xlsx"));
        Assert.Equal((10, 3, 870_000m, 30), (customers, guests, guestRevenue, rowsKept));   // tests/fixtures/imports/kiotviet/expected.json
    }

    [Fact]
    public void Importing_EveryPresetsColumns_AreInTheGuide()
    {
        var guide = File.ReadAllText(RepositoryRoot.Path("docs", "importing.md"));
        foreach (var name in ImportMapping.PresetNames)
        {
            Assert.Contains($"### `{name}`", guide, StringComparison.Ordinal);
            var preset = ImportMapping.Preset(name);
            foreach (var (kind, file) in preset.Files)
            {
                foreach (var (field, columns) in file.Columns)
                {
                    Assert.Contains($"| `{field}` | {string.Join(", ", columns.Select(c => $"`{c}`"))} |", guide, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Configuration_ExampleAppSettings_IsBoundAndValid()
    {
        var options = Snippets.Snippets.Configuration(RepositoryRoot.Path("docs", "snippets", "appsettings.example.json"));

        Assert.Equal("Asia/Ho_Chi_Minh", options.Zone.Id);
        Assert.Equal((0.001, 0.3, 24), (options.Clv.Penalizer, options.Clv.Margin, options.Care.LookbackHours));
        Assert.Equal((5, CrmKit.Customers.Privacy.RetentionAction.Flag), (options.PersonalData.RetentionYears, options.PersonalData.RetentionAction));
    }

    [Fact]
    public void Metrics_Classify_CountsOneEvaluationPerCustomerAndSegment()
    {
        var customers = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store")).Customers;
        Assert.Equal(customers.Length * (long)BuiltInSegments.Catalog.Segments.Length, Snippets.Snippets.Metrics(customers));
    }

    [Fact]
    public void Review_October_HasFiguresForEverySegmentWithMembers()
    {
        var customers = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store")).Customers;
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var segments = new Segmenter(BuiltInSegments.Catalog).Run(customers, new EvaluationContext(Instant.FromUtc(2026, 10, 31, 16, 0), zone));

        var figures = Snippets.Snippets.Review(customers, segments);

        Assert.Equal(segments.Sizes.Where(s => s.Customers > 0).Select(s => s.Segment.Id).Order(StringComparer.Ordinal), figures.BySegment.Keys);
        Assert.True(figures.Customers.Buyers > 0);
    }

    [GeneratedRegex(@"#region (?<name>[\w-]+)\n(?<body>.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task PersonalData_Requests_WithdrawExportAndErase()
    {
        var id = new CustomerId("KH0042");
        var customer = new Customer
        {
            Id = id,
            DisplayName = "Phạm Thu Trang",
            CreatedAt = Instant.FromUtc(2026, 1, 5, 3, 0),
            Phones = [PhoneNumber.Parse("0912 345 678")],
            Consents = ConsentLedger.Empty.Grant(ContactChannel.Zalo, ContactPurpose.Marketing, Instant.FromUtc(2026, 1, 5, 3, 0), "shop counter", "NV02"),
        }.WithOrder(new Order { Id = new OrderId("O-9"), CustomerId = id, PlacedAt = Instant.FromUtc(2026, 1, 5, 3, 10), Total = Money.Vnd(890_000m) });
        await using var services = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 11, 29, 8, 0)))
            .AddSingleton<ICustomerStore>(new InMemoryCustomerStore([customer]))
            .AddCrmKit()
            .BuildServiceProvider();
        var process = CrmKit.CareProcess.BuiltInProcesses.All[0];
        var snapshot = process.Start("KH0042/" + process.Id, Instant.FromUtc(2026, 1, 5, 3, 10)).Snapshot;

        var (zaloInMarch, json, outcome, erased) = await Snippets.Snippets.PersonalDataRequests(
            services, id, BuiltInSegments.Catalog, BuiltInSegments.Catalog.Membership(["new"]), [snapshot]);

        Assert.True(zaloInMarch);
        Assert.Contains("\"displayName\": \"Phạm Thu Trang\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"withdrawn\"", json, StringComparison.Ordinal);
        // The segment's name in every language of the built-in catalogue (issue 21).
        Assert.Contains("\"en\": \"New customers\"", json, StringComparison.Ordinal);
        Assert.Contains("\"vi\": \"Khách hàng mới\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"processId\": \"{process.Id}\"", json, StringComparison.Ordinal);
        Assert.Equal(ErasureOutcome.Erased, outcome);
        Assert.Equal("Customer KH0042 (erased)", erased.ToString());
        Assert.Equal(890_000m, erased.History.Orders[0].Total.Amount);
        Assert.Empty(erased.Phones);
    }
}

/// <summary>docs/customers.md lists the values of every enumerated CSV column (a newcomer had to guess them).</summary>
public class AllowedValuesDocsTests
{
    public static TheoryData<Type> Enums() =>
    [
        typeof(ContactChannel), typeof(ContactPurpose), typeof(ConsentStatus), typeof(InteractionDirection), typeof(InteractionOutcome),
        typeof(FeedbackKind), typeof(TicketStatus), typeof(TicketPriority), typeof(CustomerKind), typeof(Gender), typeof(IncomeTier),
        typeof(AreaType), typeof(AcquisitionSource), typeof(LifecycleStage), typeof(OrderStatus), typeof(SalesChannel),
    ];

    [Theory]
    [MemberData(nameof(Enums))]
    public void CustomersDoc_ListsEveryValue_InSnakeCase(Type type)
    {
        var doc = File.ReadAllText(RepositoryRoot.Path("docs", "customers.md"));
        var row = doc.Split('\n').SingleOrDefault(l => l.StartsWith('|') && l.TrimEnd().EndsWith($"| `{type.Name}` |", StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/customers.md has no allowed-values row for {type.Name}");
        var listed = Regex.Matches(row!.Split('|')[2], "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToList();
        var values = Enum.GetNames(type).Select(n => Regex.Replace(n, "(?<!^)([A-Z])", "_$1").ToLowerInvariant()).ToList();
        Assert.Equal(values, listed);
    }
}
