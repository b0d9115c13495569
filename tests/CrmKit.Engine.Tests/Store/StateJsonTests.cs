using CrmKit.Customers.Serialization;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

/// <summary>A durable store (issue 22) keeps <see cref="CustomerState"/> as JSON: it round-trips through CrmKit's JSON.</summary>
public sealed class StateJsonTests
{
    [Fact]
    public async Task CustomerState_RoundTripsThroughCrmKitJson()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Profile("C1", at, new LocalDate(1990, 5, 17)));
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, at));
        await engine.HandleAsync(Order("C1", "A-1", at + Duration.FromHours(1)));
        await engine.AdvanceAsync(at + Duration.FromDays(3));
        var state = (await store.LoadAsync(new("C1"))).State!;
        var json = CrmKitJson.Serialize(state);
        var back = CrmKitJson.Deserialize<CustomerState>(json);
        Assert.Equal(json, CrmKitJson.Serialize(back));
        Assert.Equal(state.Instances.Length, back.Instances.Length);
        Assert.Equal(state.Segments.ToArray(), back.Segments.ToArray());
        Assert.Equal(state.NextDue, back.NextDue);

        // The restored state behaves as the original: the same timers fire with the same messages.
        var restored = new InMemoryEngineStore();
        Assert.Equal(CommitOutcome.Committed, await restored.CommitAsync(new EngineCommit(back.CustomerId, 0, null, back, [], [], [], back.Clock)));
        var again = new CareEngine(new CareEngineOptions(), restored);
        var later = at + Duration.FromDays(60);
        var original = (await engine.AdvanceAsync(later)).Messages.Select(m => (m.Message, m.Verdict, m.Reason)).ToList();
        var fromJson = (await again.AdvanceAsync(later)).Messages.Select(m => (m.Message, m.Verdict, m.Reason)).ToList();
        Assert.NotEmpty(original);
        Assert.Equal(original, fromJson);
    }
}
