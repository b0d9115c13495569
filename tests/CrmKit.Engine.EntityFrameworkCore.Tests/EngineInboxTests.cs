using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary><see cref="EngineInbox"/>'s checks before it touches the database (its draining is tested by <see cref="MultiProcessKillTests"/>).</summary>
public sealed class EngineInboxTests
{
    [Fact]
    public async Task EnqueueAsync_AnInvalidEvent_IsRefusedWithItsIndexAndPath_BeforeAnythingIsWritten()
    {
        // No server is contacted: the events are checked first (the data source only connects when used).
        await using var dataSource = NpgsqlDataSource.Create("Host=203.0.113.1;Timeout=1");
        var inbox = new EngineInbox(dataSource);
        var at = Instant.FromUtc(2026, 3, 2, 2, 0);
        var good = new ContactMadeEvent(ContactChannel.Zalo, ContactPurpose.Transactional, InteractionDirection.Inbound) { EventId = "e1", CustomerId = new CustomerId("C1"), At = at };
        var bad = good with { EventId = " " };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => inbox.EnqueueAsync([good, bad]));
        Assert.Equal("Event [1] cannot be queued: $.eventId: the event id is blank. (Parameter 'events')", e.Message);
    }
}
