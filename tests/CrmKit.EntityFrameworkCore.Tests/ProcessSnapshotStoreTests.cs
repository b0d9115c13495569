using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>
/// <see cref="ProcessSnapshotStore"/> names the customer by <see cref="CustomerId"/>: an unset id is refused before any
/// SQL is sent (so these tests need no database); the reads and writes themselves are covered in
/// <see cref="StateTests"/>, <see cref="ConcurrencySafetyTests"/> and <see cref="CitusLayoutTests"/>.
/// </summary>
public sealed class ProcessSnapshotStoreTests
{
    private static CrmKitDbContext Unconnected()
        => new(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused", o => o.UseNodaTime()).Options);

    private static ProcessSnapshot Snapshot()
        => BuiltInProcesses.All.Single(p => p.Id == "after-sale").Start("KH1/after-sale", Instant.FromUtc(2026, 11, 2, 1, 0)).Snapshot;

    [Fact]
    public async Task EveryMethod_DefaultCustomerId_IsRefusedBeforeAnySql()
    {
        await using var db = Unconnected();
        var store = new ProcessSnapshotStore(db);
        var unset = default(CustomerId);

        var calls = new Func<Task>[]
        {
            async () => await store.AddAsync(unset, Snapshot()),
            async () => await store.FindAsync(unset, "KH1/after-sale"),
            async () => await store.ReplaceAsync(unset, Snapshot(), 1),
            async () => await store.UpdateAsync(unset, "KH1/after-sale", s => s),
        };

        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(call);
            Assert.Equal("The customer id is not set (a default CustomerId). (Parameter 'customerId')", ex.Message);
        }
    }
}
