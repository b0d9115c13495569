using NodaTime.Testing;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

/// <summary>Faults found in the first user trial: event instants, out-of-order events, late sends, missing addresses, erasure figures.</summary>
public sealed class EventInstantTests
{
    [Fact]
    public async Task AFutureDatedEvent_IsRefused_NamingTheEventAndBothInstants_AndLeavesTheCustomersClockAlone()
    {
        var now = Local(3, 2, 9);
        var clock = new FakeClock(now);
        var (engine, store) = NewEngine(new CareEngineOptions { Clock = clock });
        await engine.HandleAsync(Order("C1", "A-1", now));

        var typo = new TimePassedEvent { EventId = "tick:typo", CustomerId = new("C1"), At = now + Duration.FromDays(365) };
        var ex = await Assert.ThrowsAsync<InvalidEventException>(async () => await engine.HandleAsync(typo));
        Assert.Equal("$.at", ex.Path);
        Assert.Contains("'tick:typo'", ex.Problem, StringComparison.Ordinal);
        Assert.Contains((now + Duration.FromDays(365)).ToString(), ex.Problem, StringComparison.Ordinal);
        Assert.Contains(now.ToString(), ex.Problem, StringComparison.Ordinal);
        Assert.Contains("8760:00:00 ahead", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(now, (await store.LoadAsync(new("C1"))).State!.Clock);
        Assert.False(await store.IsProcessedAsync(new("C1"), "tick:typo"));

        // Within the lead (clock skew) it is applied; the corrected event may be sent under the same id.
        var skewed = await engine.HandleAsync(typo with { At = now + Duration.FromMinutes(59) });
        Assert.Equal(HandleOutcome.Applied, skewed.Outcome);
        await Assert.ThrowsAsync<InvalidEventException>(async () => await engine.HandleAsync(Order("C1", "A-2", now + Duration.FromMinutes(61))));
    }

    [Fact]
    public async Task WithoutAClock_EventsAreNotChecked_AsInReplay()
    {
        var (engine, _) = NewEngine();
        var r = await engine.HandleAsync(Order("C1", "A-1", Local(3, 2, 9) + Duration.FromDays(3650)));
        Assert.Equal(HandleOutcome.Applied, r.Outcome);
    }

    [Fact]
    public void ANegativeMaxEventLead_IsRefusedAtConstruction()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CareEngine(new CareEngineOptions { MaxEventLead = Duration.FromMinutes(-1) }, new InMemoryEngineStore()));
        Assert.Equal("options.MaxEventLead", ex.ParamName);
    }
}
