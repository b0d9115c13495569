using System.Reflection;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Engine;
using CrmKit.Docs.Snippets;
using NodaTime;
using NodaTime.Testing;

namespace CrmKit.Docs.Tests;

public partial class DocsTests
{
    [Fact]
    public async Task EngineMinimalHost_OrderPlaced_QueuesTheAfterSaleMessageAndTheHostSendsIt()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 2, 3, 0));   // 10:00 in Ho Chi Minh City: inside Zalo's allowed hours

        var (order, sent) = await EngineSnippets.MinimalHost(clock, TimeSpan.FromSeconds(30));

        var queued = Assert.Single(order.Messages);
        Assert.Equal((ContactVerdict.Allowed, ContactChannel.Zalo, "order-follow-up"), (queued.Verdict, queued.Message.Channel, queued.Message.Template));
        var message = Assert.Single(sent);
        Assert.Equal((queued.Message.IdempotencyKey, new CustomerId("KH001")), (message.IdempotencyKey, message.CustomerId));
    }

    [Fact]
    public void EngineGuide_EveryEngineSetting_IsInTheSettingsTable()
    {
        var guide = File.ReadAllText(RepositoryRoot.Path("docs", "engine.md"));
        var settings = typeof(DispatchOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"`CrmKit:Engine:Dispatch:{p.Name}`")
            .Concat(typeof(EngineHostOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"`CrmKit:Engine:Hosting:{p.Name}`"))
            .ToList();

        Assert.True(settings.Count >= 10, "the reflection found too few settings to guard anything");
        foreach (var setting in settings)
        {
            Assert.Contains($"| {setting} |", guide, StringComparison.Ordinal);
        }
    }
}
