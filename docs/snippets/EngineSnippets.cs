using CrmKit.Customers;
using CrmKit.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace CrmKit.Docs.Snippets;

/// <summary>docs/engine.md: documented code, one region per block; each method returns what the block does so tests can check it.</summary>
public static class EngineSnippets
{
    /// <summary>The minimal host: an order placed → the after-sale (and lifecycle) journeys queue Zalo messages → the channel is called.</summary>
    /// <returns>The unit of work of the order event and what the Zalo channel received once nothing was pending (or after <paramref name="wait"/>).</returns>
    public static async Task<(HandleResult Order, IReadOnlyList<CareMessage> Sent)> MinimalHost(IClock clock, TimeSpan wait)
    {
        #region engine-minimal-host
        var zalo = new TestCareChannel(ContactChannel.Zalo);   // your Zalo ZNS client: an ICareChannel
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IClock>(clock);           // leave out for the system clock
        builder.Services.AddCrmKit(crm => crm
            .AddEngine(engine => engine.Hosting.PollInterval = TimeSpan.FromSeconds(1))
            .AddCareChannel(zalo));                             // one ICareChannel per channel the journeys use (the host warns about the others)
        using var host = builder.Build();
        await host.StartAsync();                                // every PollInterval: advance time, send what is due

        var engine = host.Services.GetRequiredService<CareEngine>();
        var now = clock.GetCurrentInstant();
        var customer = new Customer { Id = new CustomerId("KH001"), DisplayName = "Nguyễn Văn An", CreatedAt = now, Phones = [PhoneNumber.Parse("0912 345 678")] };
        await engine.HandleAsync(new ProfileChangedEvent(customer) { EventId = "crm:KH001:1", CustomerId = customer.Id, At = now });
        var order = new Order { Id = new OrderId("DH1001"), CustomerId = customer.Id, PlacedAt = now, Total = Money.Vnd(450_000), Status = OrderStatus.Completed };
        var handled = await engine.HandleAsync(new OrderPlacedEvent(order) { EventId = "shop:DH1001", CustomerId = customer.Id, At = now });
        // handled.Messages: Zalo "order-follow-up" (after-sale) and "thank-you-first-order" (lifecycle); the next round sends them
        #endregion

        for (var waited = TimeSpan.Zero; (await engine.Store.ListAsync(OutboxState.Pending)).Count > 0 && waited < wait; waited += TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(20);
        }

        await host.StopAsync();
        return (handled, zalo.Received);
    }
}
