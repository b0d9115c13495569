using NodaTime.Text;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

/// <summary>
/// The allocation cuts of the unit of work (issue 19's speed targets) keep what the engine writes: the key's instant is
/// written in place as <see cref="InstantPattern.General"/> writes it, and a unit of work reused by the next customer on
/// the same thread carries nothing over.
/// </summary>
public sealed class UnitOfWorkReuseTests
{
    /// <summary>The reference is NodaTime's own <see cref="InstantPattern.General"/>, over edge years (1, 9999, 0, −5, the ends of time) and 20,000 random instants from −9000 to 9999.</summary>
    [Fact]
    public void TheKeysInstant_IsWrittenExactlyAsInstantPatternGeneral()
    {
        var edges = new[]
        {
            Instant.FromUtc(1, 1, 1, 0, 0), Instant.FromUtc(9999, 12, 31, 23, 59, 59) + Duration.FromMilliseconds(999),
            Instant.FromUtc(0, 12, 31, 23, 59), Instant.FromUtc(-5, 6, 1, 12, 0),
            Instant.FromUtc(1970, 1, 1, 0, 0) - Duration.Epsilon, Instant.FromUtc(2026, 3, 2, 2, 0) + Duration.FromTicks(1),
            Instant.MinValue, Instant.MaxValue,
        };
        var random = new Random(19);
        var instants = edges.Concat(Enumerable.Range(0, 20_000).Select(_ =>
            Instant.FromUnixTimeTicks(random.NextInt64(Instant.FromUtc(-9000, 1, 1, 0, 0).ToUnixTimeTicks(), Instant.FromUtc(9999, 12, 31, 0, 0).ToUnixTimeTicks()))));
        foreach (var at in instants)
        {
            var expected = InstantPattern.General.Format(at);
            Assert.Equal(expected, new KeyInstant(at).ToString());
            Assert.Equal("k/" + expected, $"k/{new KeyInstant(at)}");
        }
    }

    /// <summary>
    /// The same events for a second customer, handled after a first customer's busy unit of work on the same thread,
    /// give the same messages, instances and state as in a fresh engine (nothing of the first customer leaks through the
    /// reused lists, flags or contact records).
    /// </summary>
    [Fact]
    public async Task AReusedUnitOfWork_GivesTheSameResultsAsAFreshEngine()
    {
        var t = Local(3, 2, 9);
        var (busy, busyStore) = NewEngine();
        await busy.HandleAsync(Order("C1", "A-1", t));
        await busy.HandleAsync(Order("C1", "A-2", t + Duration.FromMinutes(1)));
        await busy.AdvanceAsync(t + Duration.FromDays(30));
        var (fresh, freshStore) = NewEngine();

        var reused = await busy.HandleAsync(Order("C2", "B-1", t + Duration.FromHours(1)));
        var alone = await fresh.HandleAsync(Order("C2", "B-1", t + Duration.FromHours(1)));

        Assert.Equal(alone.Messages.Select(m => m.Message.IdempotencyKey), reused.Messages.Select(m => m.Message.IdempotencyKey));
        Assert.Equal(alone.Instances.Select(i => (i.JourneyId, i.InstanceId, i.Kind)), reused.Instances.Select(i => (i.JourneyId, i.InstanceId, i.Kind)));
        Assert.Equal(alone.Entered.ToArray(), reused.Entered.ToArray());
        var a = (await freshStore.LoadAsync(new("C2"))).State!;
        var b = (await busyStore.LoadAsync(new("C2"))).State!;
        Assert.Equal(a.Segments.ToArray(), b.Segments.ToArray());
        Assert.Equal(a.Contacts.ToArray(), b.Contacts.ToArray());
        Assert.Equal(a.Instances.Select(i => (i.JourneyId, i.InstanceId, i.Status, i.NextDue)), b.Instances.Select(i => (i.JourneyId, i.InstanceId, i.Status, i.NextDue)));
        Assert.Equal(a.OpenedCases.ToArray(), b.OpenedCases.ToArray());
        Assert.Equal(a.NextDue, b.NextDue);
        Assert.NotEmpty(alone.Messages);
    }
}
