using System.Diagnostics.Metrics;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers.Import;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime.Testing;

namespace CrmKit.Extensions.DependencyInjection.Tests;

[Collection(MeterListening.Name)] // listens to the process-wide CrmKit meter
public class AddCrmKitTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 31, 12, 0);

    private static ServiceProvider Build(Action<IServiceCollection> configure) => Containers.Build(configure);

    [Fact]
    public void AddCrmKit_Defaults_ResolveEveryService()
    {
        using var provider = Build(s => s.AddCrmKit());

        Assert.Same(BuiltInSegments.Catalog, provider.GetRequiredService<CustomerSegmentation>().Catalog);
        Assert.Equal(BuiltInProcesses.All.Select(p => p.Id), provider.GetRequiredService<CareService>().Processes.Select(p => p.Id));
        Assert.NotNull(provider.GetRequiredService<CustomerValueService>());
        Assert.IsType<InMemoryCustomerStore>(provider.GetRequiredService<ICustomerStore>());
        Assert.Same(SystemClockInstance(), provider.GetRequiredService<IClock>());
        provider.GetRequiredService<IStartupValidator>().Validate();   // the defaults are valid
    }

    [Fact]
    public void AddCrmKit_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddCrmKit();
        services.AddCrmKit();

        foreach (var type in new[] { typeof(IClock), typeof(ICustomerStore), typeof(CrmKitMetrics), typeof(CustomerSegmentation), typeof(CareService), typeof(CustomerValueService), typeof(IValidateOptions<CrmKitOptions>), typeof(SegmentCatalog) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }
    }

    /// <summary>Trial fault: <c>AddSingleton(clock)</c> with a FakeClock variable registered FakeClock, and the engine ran on the system clock.</summary>
    [Fact]
    public void HostClock_RegisteredOnlyUnderItsConcreteType_FailsAtStartNamingTheFix()
    {
        var clock = new FakeClock(Now);
        using var before = Build(s => s.AddSingleton(clock).AddCrmKit(crm => crm.AddEngine()));
        using var after = Build(s => s.AddCrmKit(crm => crm.AddEngine()).AddSingleton(_ => clock));

        foreach (var provider in new[] { before, after })
        {
            var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
            Assert.Equal("IClock: a clock is registered as FakeClock but not as IClock, so CrmKit would run on the system clock; register it with services.AddSingleton<IClock>(clock).", ex.Message);
        }
    }

    [Fact]
    public void HostClock_RegisteredAsIClockAndAsItsConcreteType_IsValid()
    {
        var clock = new FakeClock(Now);
        using var provider = Build(s => s.AddSingleton(clock).AddSingleton<IClock>(clock).AddCrmKit(crm => crm.AddEngine()));

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Same(clock, provider.GetRequiredService<IClock>());
    }

    [Fact]
    public void HostClockAndStore_RegisteredBeforeOrAfter_Win()
    {
        var before = new FakeClock(Now);
        var after = new FakeClock(Now + Duration.FromDays(1));
        var store = new InMemoryCustomerStore();
        using var first = Build(s => s.AddSingleton<IClock>(before).AddSingleton<ICustomerStore>(store).AddCrmKit());
        using var second = Build(s => s.AddCrmKit().AddSingleton<IClock>(after));

        Assert.Same(before, first.GetRequiredService<IClock>());
        Assert.Same(store, first.GetRequiredService<ICustomerStore>());
        Assert.Equal(Now, first.GetRequiredService<CustomerSegmentation>().Classify([]).Context.AsOf);
        Assert.Equal(Now + Duration.FromDays(1), second.GetRequiredService<CustomerSegmentation>().Classify([]).Context.AsOf);
    }

    [Fact]
    public void Bind_ConfigurationSection_SetsTheOptionsAndCodeAdjustsThem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmKit:TimeZone"] = "Asia/Bangkok",
            ["CrmKit:Care:LookbackHours"] = "48",
            ["CrmKit:Clv:Model"] = "mbg-nbd",
            ["CrmKit:Clv:Horizon"] = "26",
            ["CrmKit:Clv:Margin"] = "0.3",
        }).Build();
        using var provider = Build(s => s.AddCrmKit(crm => crm
            .Bind(configuration.GetSection(CrmKitOptions.SectionName))
            .AddSegmentation()
            .AddCareProcess()
            .AddClv(clv => clv.DiscountRate = 0.02)));

        var options = provider.GetRequiredService<IOptions<CrmKitOptions>>().Value;

        Assert.Equal("Asia/Bangkok", options.Zone.Id);
        Assert.Equal(48, options.Care.LookbackHours);
        Assert.Equal(("mbg-nbd", 26.0, 0.3, 0.02), (options.Clv.Model, options.Clv.Horizon, options.Clv.Margin, options.Clv.DiscountRate));
        Assert.Equal("week", options.Clv.PeriodUnit);
    }

    [Fact]
    public void StartupValidation_BadSettings_OneMessageListsEveryProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmKit:TimeZone"] = "Asia/Saigonn",
            ["CrmKit:Segmentation:CatalogFile"] = "/nonexistent/segments.json",
            ["CrmKit:Care:LookbackHours"] = "0",
            ["CrmKit:Clv:Model"] = "bgnbd",
            ["CrmKit:Clv:PeriodUnit"] = "fortnight",
            ["CrmKit:Clv:Horizon"] = "-1",
            ["CrmKit:Clv:DiscountRate"] = "1.5",
            ["CrmKit:Clv:Margin"] = "0",
            ["CrmKit:Clv:Penalizer"] = "-0.1",
            ["CrmKit:PersonalData:RetentionYears"] = "0",
        }).Build();
        using var provider = Build(s => s.AddCrmKit(crm => crm.Bind(configuration.GetSection("CrmKit")).AddSegmentation().AddClv()));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "CrmKit:TimeZone: 'Asia/Saigonn' is not a TZDB time zone id (example: Asia/Ho_Chi_Minh).; "
            + "CrmKit:Segmentation:CatalogFile: '/nonexistent/segments.json' does not exist.; "
            + "CrmKit:Care:LookbackHours: 0 is not a positive number of hours.; "
            + "CrmKit:Clv:Model: 'bgnbd' is not one of bg-nbd, mbg-nbd, pareto-nbd.; "
            + "CrmKit:Clv:PeriodUnit: 'fortnight' is not one of day, week, month, year.; "
            + "CrmKit:Clv:Horizon: -1 is not a positive number of periods.; "
            + "CrmKit:Clv:DiscountRate: 1.5 is not in [0, 1).; "
            + "CrmKit:Clv:Margin: 0 is not in (0, 1].; "
            + "CrmKit:Clv:Penalizer: -0.1 is not a finite number ≥ 0.; "
            + "CrmKit:PersonalData:RetentionYears: 0 is not a positive number of years.",
            ex.Message);
    }

    [Fact]
    public void StartupValidation_BrokenProcessFile_NamesTheFile()
    {
        using var folder = new TemporaryFolder("crmkit-processes-");
        folder.Write("broken.json", """{"id":"broken","name":"Broken","initial":"nowhere","states":[{"id":"a"}],"triggers":[],"transitions":[]}""");
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddCareProcess(care => care.ProcessFolder = folder.Path)));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // ProcessJson.ReadFolder places the problem at the file, line and column of "initial" (counted by hand).
        Assert.Equal("CrmKit:Care:ProcessFolder: broken.json:1:32: $.initial: unknown state 'nowhere' (known: a)", ex.Message);
    }

    /// <summary>
    /// Each options problem is one <see cref="Problem"/> printed on one line: a process file with several problems is
    /// reported as one failure per problem, each at the file's line and column, not across lines and not with escaped
    /// line breaks.
    /// </summary>
    [Fact]
    public void StartupValidation_ProcessFileWithSeveralProblems_OneLinePerProblem()
    {
        using var folder = new TemporaryFolder("crmkit-processes-");
        folder.Write("broken.json", """{"id":"broken","name":"Broken","initial":"nowhere","states":[{"id":"a"}],"triggers":[],"transitions":[{"from":"zz","trigger":"go","to":"a"}]}""");
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddCareProcess(care => care.ProcessFolder = folder.Path)));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(ex.Failures.Count() >= 2, ex.Message);
        Assert.All(ex.Failures, f => Assert.DoesNotContain('\n', f));
        Assert.All(ex.Failures, f => Assert.DoesNotContain("\\u000", f, StringComparison.Ordinal));
        Assert.All(ex.Failures, f => Assert.Matches(@"^CrmKit:Care:ProcessFolder: broken\.json:1:\d+: \$\.[a-z]", f));
        Assert.Contains("CrmKit:Care:ProcessFolder: broken.json:1:32: $.initial: unknown state 'nowhere' (known: a)", ex.Failures);
    }

    /// <summary>Trial fault: a folder copy of a built-in process (same id, another delay) was appended and never used.</summary>
    [Fact]
    public void ProcessFolder_FileWithABuiltInId_ReplacesTheBuiltInForCareAndEngineAndIsLogged()
    {
        using var folder = new TemporaryFolder("crmkit-processes-");
        var copy = File.ReadAllText(RepositoryRoot.Path("seeds", "processes", "after-sale.json"))
            .Replace("\"After-sale care\"", "\"After-sale care (shop copy)\"", StringComparison.Ordinal)
            .Replace("\"48:00:00\"", "\"24:00:00\"", StringComparison.Ordinal);
        folder.Write("my-after-sale.json", copy);
        var logs = new LogCollector();
        using var provider = Build(s => s.AddLogging(b => b.AddProvider(logs)).AddCrmKit(crm => crm.AddCareProcess(care => care.ProcessFolder = folder.Path).AddEngine()));
        provider.GetRequiredService<IStartupValidator>().Validate();

        var care = provider.GetRequiredService<CareService>().Processes;
        var engine = provider.GetRequiredService<CrmKit.Engine.CareEngine>().Options.Processes;
        foreach (var (processes, builtIn) in new[] { (care, BuiltInProcesses.All.Select(p => p.Id)), (engine, CrmKit.Engine.BuiltInJourneys.Processes.Select(p => p.Id)) })
        {
            Assert.Equal(builtIn, processes.Select(p => p.Id));   // replaced in place, nothing appended
            Assert.Equal("After-sale care (shop copy)", processes.Single(p => p.Id == "after-sale").Model.Name.Get(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Contains("Care process 'after-sale' from my-after-sale.json (CrmKit:Care:ProcessFolder) replaces the built-in process of that id", logs.Messages);
    }

    [Fact]
    public void ProcessFolder_TwoFilesWithOneId_FailStartNamingBothFiles()
    {
        using var folder = new TemporaryFolder("crmkit-processes-");
        var definition = File.ReadAllText(RepositoryRoot.Path("seeds", "processes", "after-sale.json"));
        folder.Write("a.json", definition);
        folder.Write("b.json", definition);
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddCareProcess(care => care.ProcessFolder = folder.Path).AddEngine()));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("CrmKit:Care:ProcessFolder: b.json:2:3: process 'after-sale' is defined by more than one file: a.json, b.json; keep one.", ex.Message);
    }

    [Fact]
    public void Services_OnTheSeeds_LogAndCountWhatTheyDo()
    {
        var seeds = RepositoryRoot.Path("seeds", "store");
        var customers = CustomerDataSet.ReadFolder(seeds).Customers;
        var logs = new LogCollector();
        var measurements = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CrmKitMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
            }
        });
        listener.Start();
        using var provider = Build(s => s.AddLogging(b => b.AddProvider(logs)).AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 10, 31, 13, 0))).AddCrmKit());

        var value = provider.GetRequiredService<CustomerValueService>().Analyse(customers);
        var segments = provider.GetRequiredService<CustomerSegmentation>().Classify(customers, values: value.Estimates());
        var actions = provider.GetRequiredService<CareService>().DueActions(customers, segments);

        var mine = measurements.Where(m => m.Instrument.StartsWith("crmkit.", StringComparison.Ordinal)).ToList();
        Assert.Equal(customers.Length, mine.Where(m => m.Instrument == "crmkit.segment.customers_classified").Sum(m => m.Value));
        Assert.Equal(customers.Length * 40L, mine.Where(m => m.Instrument == "crmkit.segment.evaluations").Sum(m => m.Value));
        Assert.Equal(actions.Count(a => a.Status is AgendaStatus.Due or AgendaStatus.Deferred), mine.Where(m => m.Instrument == "crmkit.care.actions_scheduled").Sum(m => m.Value));
        Assert.Equal(actions.Count(a => a.Status is AgendaStatus.Skipped or AgendaStatus.Dropped), mine.Where(m => m.Instrument == "crmkit.care.actions_blocked").Sum(m => m.Value));
        Assert.True(actions.Any(a => a.Status == AgendaStatus.Skipped), "the seeds have customers without consent");
        Assert.Contains(mine, m => m.Instrument == "crmkit.care.actions_blocked" && m.Tags.Contains("status=Skipped", StringComparison.Ordinal));
        Assert.Equal([("crmkit.clv.fits", 1L, "outcome=fitted")], mine.Where(m => m.Instrument == "crmkit.clv.fits"));

        Assert.Contains(logs.Messages, m => m.StartsWith($"Classified {customers.Length} customers into 40 segments in ", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.StartsWith($"Fitted BG/NBD and predicted for {value.Predictions.Length} customers in ", StringComparison.Ordinal));
        Assert.Contains($"Care agenda: {actions.Count(a => a.Status == AgendaStatus.Due)} due, ", string.Join("\n", logs.Messages), StringComparison.Ordinal);
        // No phone, email or name of a customer appears in any log line.
        var personal = customers.SelectMany(c => c.Phones.Select(p => p.ToString()).Concat(c.Emails.Select(e => e.ToString())).Append(c.DisplayName)).ToHashSet();
        Assert.DoesNotContain(logs.Messages, m => personal.Any(p => m.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void CustomerValueService_ConfiguredModel_IsTheOneFitted()
    {
        var customers = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store")).Customers;
        using var provider = Build(s => s.AddSingleton<IClock>(new FakeClock(Now)).AddCrmKit(crm => crm.AddClv(clv => clv.Model = "mbg-nbd")));

        var result = provider.GetRequiredService<CustomerValueService>().Analyse(customers);

        Assert.Equal(CountModelKind.ModifiedBetaGeo, result.Options.Model);
        Assert.IsType<ModifiedBetaGeoModel>(result.Count);
    }

#pragma warning disable RS0030 // the default the container registers is what is checked here
    private static SystemClock SystemClockInstance() => SystemClock.Instance;
#pragma warning restore RS0030
}
