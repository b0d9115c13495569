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

        // A first completed order starts the after-sale journey (per order) and moves the lifecycle journey (per customer).
        Assert.Equal(
            [("after-sale@v1", "order-follow-up"), ("customer-lifecycle@v1", "thank-you-first-order")],
            order.Messages.Select(m => (m.Message.JourneyId, m.Message.Template)).Order());
        Assert.All(order.Messages, m => Assert.Equal((ContactVerdict.Allowed, ContactChannel.Zalo), (m.Verdict, m.Message.Channel)));
        Assert.Equal(order.Messages.Select(m => m.Message.IdempotencyKey).Order(StringComparer.Ordinal), sent.Select(m => m.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.Equal(new CustomerId("KH001"), m.CustomerId));
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

    /// <summary>Every event example in docs/engine.md (a JSON block with a "type") reads with CareEventJson, and the ticket example carries the documented fields.</summary>
    [Fact]
    public void EngineGuide_EventJsonExamples_Read()
    {
        var guide = File.ReadAllText(RepositoryRoot.Path("docs", "engine.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(guide, "```json\n(\\{\"type\":[^\n]*)\n```").Select(m => m.Groups[1].Value).ToList();

        Assert.True(examples.Count >= 2, "the guide's event examples were not found");
        var events = examples.Select(CareEventJson.Read).ToList();
        var ticket = Assert.Single(events.OfType<TicketOpenedEvent>()).Ticket;
        Assert.Equal(("T-77", ContactChannel.Zalo, TicketPriority.High, TicketStatus.New, "delivery"), (ticket.Id.Value, ticket.Channel, ticket.Priority, ticket.Status, ticket.Category));
    }
}
