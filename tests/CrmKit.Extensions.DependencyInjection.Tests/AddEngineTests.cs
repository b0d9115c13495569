using CrmKit.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime.Testing;

namespace CrmKit.Extensions.DependencyInjection.Tests;

public class AddEngineTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 3, 0);

    private static ServiceProvider Build(Action<IServiceCollection> configure) => Containers.Build(configure);

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void AddEngine_Defaults_RegisterTheEngineOverTheInMemoryStoreTheDispatcherAndTheHostedService()
    {
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        using var provider = Build(s => s.AddSingleton<IClock>(new FakeClock(Now)).AddCrmKit(crm => crm.AddEngine().AddCareChannel(zalo)));

        var engine = provider.GetRequiredService<CareEngine>();
        Assert.IsType<InMemoryEngineStore>(engine.Store);
        Assert.Same(provider.GetRequiredService<IEngineStore>(), engine.Store);
        Assert.Equal("Asia/Ho_Chi_Minh", engine.Options.Zone.Id);
        Assert.Same(provider.GetRequiredService<IClock>(), engine.Options.Clock);   // events dated ahead of it are refused
        Assert.Equal([ContactChannel.Zalo], provider.GetRequiredService<CareDispatcher>().Channels);
        Assert.Same(provider.GetRequiredService<CareEngineHostedService>(), Assert.Single(provider.GetServices<IHostedService>()));
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddEngine_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddCrmKit(crm => crm.AddEngine().AddCareChannel<SmsChannel>().AddLoggingChannels(ContactChannel.Email));
        services.AddCrmKit(crm => crm.AddEngine().AddCareChannel<SmsChannel>().AddLoggingChannels(ContactChannel.Email, ContactChannel.Email));

        foreach (var type in new[] { typeof(IEngineStore), typeof(CareEngine), typeof(CareDispatcher), typeof(CareEngineHostedService), typeof(IHostedService), typeof(TimeProvider) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }

        using var provider = services.BuildServiceProvider();
        Assert.Equal([ContactChannel.Sms, ContactChannel.Email], provider.GetRequiredService<CareDispatcher>().Channels);
    }

    [Fact]
    public void AddEngine_HostsOwnStoreRegisteredBeforeOrAfter_Wins()
    {
        var before = new InMemoryEngineStore();
        var after = new InMemoryEngineStore();
        using var first = Build(s => s.AddSingleton<IEngineStore>(before).AddCrmKit(crm => crm.AddEngine()));
        using var second = Build(s => s.AddCrmKit(crm => crm.AddEngine()).AddSingleton<IEngineStore>(after));

        Assert.Same(before, first.GetRequiredService<CareEngine>().Store);
        Assert.Same(after, second.GetRequiredService<CareEngine>().Store);
    }

    [Fact]
    public void AddEngine_TwoChannelsForOneContactChannel_FailsWhenTheDispatcherIsCreated()
    {
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddEngine().AddCareChannel<SmsChannel>().AddCareChannel(new TestCareChannel(ContactChannel.Sms))));

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<CareDispatcher>());

        Assert.Equal("Two channels serve Sms: SmsChannel and TestCareChannel. Register one ICareChannel per ContactChannel. (Parameter 'channels')", error.Message);
    }

    [Fact]
    public void Bind_EngineSettings_AreReadFromConfiguration()
    {
        var configuration = Configuration(new()
        {
            ["CrmKit:Engine:Hosting:PollInterval"] = "00:00:30",
            ["CrmKit:Engine:Hosting:RunDispatcher"] = "false",
            ["CrmKit:Engine:Dispatch:BatchSize"] = "50",
            ["CrmKit:Engine:Dispatch:MaxRetryAttempts"] = "5",
            ["CrmKit:Engine:Dispatch:RetryDelay"] = "00:00:01",
            ["CrmKit:Engine:Dispatch:LeaseDuration"] = "00:10:00",
            ["CrmKit:Engine:Dispatch:WorkerId"] = "shop-1",
        });
        using var provider = Build(s => s.AddCrmKit(crm => crm.Bind(configuration.GetSection(CrmKitOptions.SectionName)).AddEngine(e => e.Dispatch.UseJitter = false)));

        var engine = provider.GetRequiredService<IOptions<CrmKitOptions>>().Value.Engine;

        Assert.Equal((TimeSpan.FromSeconds(30), false), (engine.Hosting.PollInterval, engine.Hosting.RunDispatcher));
        Assert.Equal((50, 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), false), (engine.Dispatch.BatchSize, engine.Dispatch.MaxRetryAttempts, engine.Dispatch.RetryDelay, engine.Dispatch.LeaseDuration, engine.Dispatch.UseJitter));
        Assert.Equal("shop-1", provider.GetRequiredService<CareDispatcher>().Worker);
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void StartupValidation_BadEngineSettings_OneMessageListsEveryProblemWithItsPath()
    {
        var configuration = Configuration(new()
        {
            ["CrmKit:Engine:Hosting:PollInterval"] = "00:00:00",
            ["CrmKit:Engine:Dispatch:BatchSize"] = "0",
            ["CrmKit:Engine:Dispatch:SendTimeout"] = "00:20:00",
            ["CrmKit:Engine:Dispatch:MaxRetryAttempts"] = "-1",
            ["CrmKit:Engine:JourneyFolder"] = "/nonexistent/journeys",
        });
        using var provider = Build(s => s.AddCrmKit(crm => crm.Bind(configuration.GetSection("CrmKit")).AddEngine()));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "CrmKit:Engine:Hosting:PollInterval: 00:00:00 is not in [00:00:00.0100000, 01:00:00].; "
            + "CrmKit:Engine:Dispatch:BatchSize: 0 is not in [1, 10000].; "
            + "CrmKit:Engine:Dispatch:SendTimeout: 00:20:00 is not in (0, 00:10:00].; "
            + "CrmKit:Engine:Dispatch:MaxRetryAttempts: -1 is not in [0, 20].; "
            + "CrmKit:Engine:JourneyFolder: '/nonexistent/journeys' does not exist.",
            ex.Message);
    }

    [Fact]
    public void StartupValidation_LeaseShorterThanAMessagesWorstCase_NamesTheSettings()
    {
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => (e.Dispatch.LeaseDuration, e.Dispatch.MaxRetryAttempts) = (TimeSpan.FromMinutes(1), 5))));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "CrmKit:Engine:Dispatch:LeaseDuration: 00:01:00 does not outlast one message's worst case 00:05:30 ((MaxRetryAttempts + 1) × SendTimeout + MaxRetryAttempts × MaxRetryDelay); another worker could claim a message still being retried.",
            ex.Message);
    }

    [Fact]
    public void JourneyFolder_BrokenAndDanglingJourneys_AreReportedWithTheFileAndPath()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        var broken = folder.Write("a-broken.json", """{"id":"broken","process":"after-sale","entry":{"type":"event","events":["orderPlaced"]},"correlation":"galaxy"}""");
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("CrmKit:Engine:JourneyFolder: Journey a-broken.json is invalid: $.correlation: ", ex.Message, StringComparison.Ordinal);

        File.Delete(broken);
        folder.Write("welcome.json", """{"id":"welcome","process":"after-sale","entry":{"type":"segmentEntered","segment":"no-such-segment"}}""");
        using var dangling = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        var problem = Assert.Throws<OptionsValidationException>(() => dangling.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("CrmKit:Engine:Journeys: welcome.json: welcome@v1: $.entry.segment: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-segment", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Trial fault: journey problems from folder files did not name the file, and a duplicate did not say where both were.</summary>
    [Fact]
    public void JourneyFolder_ProblemsNameTheFileAndEveryOriginOfADuplicate()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        var seed = File.ReadAllText(RepositoryRoot.Path("seeds", "journeys", "after-sale.json"));
        folder.Write("copy.json", seed);
        folder.Write("v2.json", seed.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal).Replace("\"trigger\": \"feedback-received\"", "\"trigger\": \"no-such-trigger\"", StringComparison.Ordinal));
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("CrmKit:Engine:Journeys: built-in, copy.json: after-sale@v1: $.version: after-sale@v1 is listed twice", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("CrmKit:Engine:Journeys: v2.json: after-sale@v2: $.steps[0].trigger: ", StringComparison.Ordinal) && f.Contains("no-such-trigger", StringComparison.Ordinal));
    }

    /// <summary>Trial fault: a JSON syntax error gave its place twice ("line 55, position 1" and "LineNumber: 54 | BytePositionInLine: 0").</summary>
    [Fact]
    public void JourneyFolder_JsonSyntaxError_GivesItsLocationOnce()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        folder.Write("broken.json", "{\n  \"id\": \"x\",\n  \"version\": 1,\n}\n");
        using var provider = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("CrmKit:Engine:JourneyFolder: Journey broken.json is invalid: $: not valid JSON (line 4, position 1): ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JourneyFolder_ValidJourney_RunsBesideTheBuiltInsOrAlone()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        folder.Write("win-back.json", File.ReadAllText(RepositoryRoot.Path("seeds", "journeys", "win-back.json")).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));
        using var beside = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));
        using var alone = Build(s => s.AddCrmKit(crm => crm.AddEngine(e => (e.JourneyFolder, e.BuiltInJourneys) = (folder.Path, false))));

        beside.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(BuiltInJourneys.All.Length + 1, beside.GetRequiredService<CareEngine>().Options.Journeys.Length);
        Assert.Contains(beside.GetRequiredService<CareEngine>().Options.Journeys, j => j.VersionedId == "win-back@v2");
        Assert.Equal(["win-back@v2"], alone.GetRequiredService<CareEngine>().Options.Journeys.Select(j => j.VersionedId));
    }

    [Fact]
    public async Task GenericHost_InvalidEngineSettings_FailsToStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCrmKit(crm => crm.AddEngine(e => e.Dispatch.BatchSize = 0));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("CrmKit:Engine:Dispatch:BatchSize: 0 is not in [1, 10000].", ex.Message);
    }

    /// <summary>Trial fault: a built-in journey copied under a new id ran beside the built-in and sent each template twice.</summary>
    [Fact]
    public void Journeys_TwoActiveJourneysOnOneProcess_WarnNamingBoth()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        var json = File.ReadAllText(RepositoryRoot.Path("seeds", "journeys", "after-sale.json"));
        folder.Write("my-after-sale.json", json.Replace("\"id\": \"after-sale\"", "\"id\": \"my-after-sale\"", StringComparison.Ordinal));
        var logs = new LogCollector();
        using var provider = Build(s => s.AddLogging(b => b.AddProvider(logs)).AddSingleton<IClock>(new FakeClock(Now)).AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<CareEngine>());

        Assert.Equal(
            ["Journeys after-sale@v1 (built-in) and my-after-sale@v1 (my-after-sale.json) all run process 'after-sale': a customer they both enrol gets its messages once per journey. To change a built-in journey, give your file the built-in's id and a higher version, or set CrmKit:Engine:BuiltInJourneys=false"],
            logs.Messages.Where(m => m.StartsWith("Journeys ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Journeys_BuiltInsOrAHigherVersionOfOne_DoNotWarn()
    {
        using var folder = new TemporaryFolder("crmkit-journeys-");
        var json = File.ReadAllText(RepositoryRoot.Path("seeds", "journeys", "after-sale.json"));
        folder.Write("after-sale-v2.json", json.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));
        var logs = new LogCollector();
        using var provider = Build(s => s.AddLogging(b => b.AddProvider(logs)).AddSingleton<IClock>(new FakeClock(Now)).AddCrmKit(crm => crm.AddEngine(e => e.JourneyFolder = folder.Path)));

        Assert.Contains(provider.GetRequiredService<CareEngine>().Options.Journeys, j => j.VersionedId == "after-sale@v2");
        Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Journeys ", StringComparison.Ordinal) || m.StartsWith("The care engine has no journeys", StringComparison.Ordinal));
    }

    [Fact]
    public void Journeys_NoneAtAll_WarnsThatTheEngineEnrolsNobody()
    {
        var logs = new LogCollector();
        using var provider = Build(s => s.AddLogging(b => b.AddProvider(logs)).AddSingleton<IClock>(new FakeClock(Now)).AddCrmKit(crm => crm.AddEngine(e => e.BuiltInJourneys = false)));

        Assert.Empty(provider.GetRequiredService<CareEngine>().Options.Journeys);
        Assert.Contains("The care engine has no journeys (CrmKit:Engine:BuiltInJourneys is false and neither CrmKit:Engine:JourneyFolder nor code adds any): it enrols no customer and sends nothing", logs.Messages);
    }

    [Fact]
    public async Task GenericHost_StartsRunsRoundsAndStopsCleanly()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IClock>(new FakeClock(Now));
        builder.Services.AddCrmKit(crm => crm.AddEngine(e => e.Hosting.PollInterval = TimeSpan.FromMilliseconds(10)).AddCareChannel(new TestCareChannel(ContactChannel.Zalo)));
        using var host = builder.Build();
        var service = host.Services.GetRequiredService<CareEngineHostedService>();

        await host.StartAsync();
        for (var i = 0; i < 500 && service.Rounds < 3; i++)
        {
            await Task.Delay(10);
        }

        await host.StopAsync();
        var rounds = service.Rounds;
        await Task.Delay(50);

        Assert.True(rounds >= 3, $"only {rounds} rounds ran");
        Assert.Equal(rounds, service.Rounds);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    private sealed class SmsChannel : ICareChannel
    {
        public ContactChannel Channel => ContactChannel.Sms;

        public ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct) => ValueTask.FromResult(ChannelSendResult.Sent);
    }
}
