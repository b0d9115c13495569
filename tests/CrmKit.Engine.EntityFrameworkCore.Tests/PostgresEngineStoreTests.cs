using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>What <see cref="PostgresEngineStore"/> keeps beyond the conformance suite: the relational rows beside the state document.</summary>
public sealed class PostgresEngineStoreTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 2, 0);

    [EnginePostgresFact]
    public async Task CommitAsync_KeepsMembershipAndInstanceRows_EqualToTheState()
    {
        using var store = EnginePostgres.CreateStore(out var cs);
        try
        {
            var engine = new CareEngine(new CareEngineOptions(), store);
            var customer = new CustomerId("M1");
            for (var k = 0; k < 3; k++)
            {
                var placed = At + Duration.FromHours(k);
                var order = new Order { Id = new($"M1-{k}"), CustomerId = customer, PlacedAt = placed, Total = Money.Vnd(2_000_000), Status = OrderStatus.Completed };
                await engine.HandleAsync(new OrderPlacedEvent(order) { EventId = order.Id.Value, CustomerId = customer, At = placed });
            }

            var state = (await store.LoadAsync(customer)).State!;
            Assert.NotEmpty(state.Segments);
            Assert.Equal(state.Segments.Order(StringComparer.Ordinal), await Column(store, "SELECT segment FROM crm_engine_memberships WHERE customer_id = 'M1' ORDER BY segment COLLATE \"C\""));
            var expected = state.Instances.Select(i => $"{i.JourneyId}|{i.InstanceId}|{i.Snapshot.State}|{(int)i.Status}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, (await Column(store, "SELECT journey_id || '|' || instance_id || '|' || process_state || '|' || status FROM crm_engine_instances WHERE customer_id = 'M1'")).Order(StringComparer.Ordinal));

            // Erasure: the state says no segments and the rows follow.
            await engine.HandleAsync(new CustomerErasedEvent { EventId = "erase", CustomerId = customer, At = At + Duration.FromDays(1) });
            var erased = (await store.LoadAsync(customer)).State!;
            Assert.True(erased.Erased);
            Assert.Equal(erased.Segments.Order(StringComparer.Ordinal), await Column(store, "SELECT segment FROM crm_engine_memberships WHERE customer_id = 'M1' ORDER BY segment COLLATE \"C\""));
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    [EnginePostgresFact]
    public async Task ClaimDueAsync_IssuesLeasesToTheMicrosecond_SoTheySettle()
    {
        using var store = EnginePostgres.CreateStore(out var cs);
        try
        {
            var customer = new CustomerId("L1");
            var message = new OutboxMessage("k", customer, ContactChannel.Sms, ContactPurpose.Transactional, "t", At, "j@v1", "i");
            var state = new CustomerState { CustomerId = customer, Clock = At };
            await store.CommitAsync(new EngineCommit(customer, 0, "e", state, [new OutboxRecord(message, OutboxState.Pending, ContactVerdict.Allowed, null, At, null, 0)], [], [], At));

            // A "now" with nanoseconds: PostgreSQL keeps microseconds, so the lease is issued already truncated.
            var now = At + Duration.FromNanoseconds(1_234_567);
            var lease = Assert.Single(await store.ClaimDueAsync(now, 1, Duration.FromMinutes(1), "w"));
            Assert.Equal(At + Duration.FromMinutes(1) + Duration.FromNanoseconds(1_234_000), lease.LeasedUntil);
            Assert.True(await store.MarkSentAsync(lease, now));
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    private static async Task<List<string>> Column(PostgresEngineStore store, string sql)
    {
        var values = new List<string>();
        await using var command = store.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
