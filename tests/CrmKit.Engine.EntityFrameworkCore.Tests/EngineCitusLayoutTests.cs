using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>The engine store's tables on a real Citus cluster (<c>.ci/citus</c>): where each lives, and one customer's events handled on one shard.</summary>
public sealed class EngineCitusLayoutTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 2, 0);

    [Fact]
    public void Sql_DistributesThePerCustomerTablesCoLocated()
        => Assert.Equal(
            """
            SELECT create_distributed_table('crm_engine_customers', 'customer_id') WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'crm_engine_customers'::regclass);
            SELECT create_distributed_table('crm_engine_memberships', 'customer_id', colocate_with => 'crm_engine_customers') WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'crm_engine_memberships'::regclass);
            SELECT create_distributed_table('crm_engine_instances', 'customer_id', colocate_with => 'crm_engine_customers') WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'crm_engine_instances'::regclass);
            SELECT create_distributed_table('crm_engine_processed_events', 'customer_id', colocate_with => 'crm_engine_customers') WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'crm_engine_processed_events'::regclass);
            SELECT create_distributed_table('crm_engine_tasks', 'customer_id', colocate_with => 'crm_engine_customers') WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'crm_engine_tasks'::regclass);

            """.ReplaceLineEndings("\n"),
            EngineCitusLayout.Sql);

    [SkippableFact]
    public async Task Sql_OnAMigratedSchema_PlacesEveryTable()
    {
        Skip.If(EngineCitus.ConnectionString is null, EngineCitus.MissingReason);
        using var store = EngineCitus.CreateStore(out var cs);
        try
        {
            // Every table the migrations made is either distributed (and co-located) or one of the coordinator's: a table
            // added by a later migration without a placement fails here.
            var tables = new List<(string Table, string? Type, int? Colocation)>();
            await using (var query = store.DataSource.CreateCommand(
                """
                SELECT c.relname::text, t.citus_table_type, t.colocation_id
                FROM pg_class c LEFT JOIN public.citus_tables t ON t.table_name = c.oid
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1
                """))
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
                }
            }

            Assert.Equal(EngineCitusLayout.DistributedTables.Order(StringComparer.Ordinal), tables.Where(t => t.Type == "distributed").Select(t => t.Table));
            Assert.Single(tables.Where(t => t.Type == "distributed").Select(t => t.Colocation).Distinct());
            Assert.Equal(EngineCitusLayout.CoordinatorTables.Order(StringComparer.Ordinal), tables.Where(t => t.Type is null).Select(t => t.Table));
        }
        finally
        {
            EngineCitus.DropSchema(cs);
        }
    }

    [SkippableFact]
    public async Task HandleAsync_OnTheCluster_RunsEveryStatementOfACustomerOnOneShard()
    {
        // Citus refuses (ERROR) any statement that would run as more than one task: loading, the idempotency check and the
        // commit (state, memberships, instances, event id on the customer's shard; outbox and tasks on the coordinator,
        // in the same transaction) must each touch one shard.
        Skip.If(EngineCitus.ConnectionString is null, EngineCitus.MissingReason);
        using var store = EngineCitus.CreateStore(out var cs, "-c citus.multi_task_query_log_level=error");
        try
        {
            var engine = new CareEngine(new CareEngineOptions(), store);
            var customer = new CustomerId("M1");
            for (var k = 0; k < 3; k++)
            {
                var placed = At + Duration.FromHours(k);
                var order = new Order { Id = new($"M1-{k}"), CustomerId = customer, PlacedAt = placed, Total = Money.Vnd(2_000_000), Status = OrderStatus.Completed };
                Assert.Equal(HandleOutcome.Applied, (await engine.HandleAsync(new OrderPlacedEvent(order) { EventId = order.Id.Value, CustomerId = customer, At = placed })).Outcome);
            }

            Assert.Equal(HandleOutcome.Duplicate, (await engine.HandleAsync(new OrderPlacedEvent(new Order { Id = new("M1-0"), CustomerId = customer, PlacedAt = At, Total = Money.Vnd(2_000_000), Status = OrderStatus.Completed }) { EventId = "M1-0", CustomerId = customer, At = At })).Outcome);
            var state = (await store.LoadAsync(customer)).State!;
            Assert.NotEmpty(state.Segments);
            Assert.Equal(3, (await store.LoadAsync(customer)).Version);

            // The check can fail: a read over every customer's state is refused on this connection.
            var ex = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var all = store.DataSource.CreateCommand("SELECT count(*) FROM crm_engine_customers");
                await all.ExecuteScalarAsync();
            });
            Assert.Contains("multi-task query about to be executed", ex.MessageText, StringComparison.Ordinal);
        }
        finally
        {
            EngineCitus.DropSchema(cs);
        }
    }
}
