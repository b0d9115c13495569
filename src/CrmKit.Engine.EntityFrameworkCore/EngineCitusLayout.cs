using System.Collections.Immutable;
using System.Text;

namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>
/// Lays the engine store's tables out on a Citus cluster (distributed PostgreSQL, citusdata/citus). Run
/// <see cref="Sql"/> on the coordinator after <see cref="EngineSchema.MigrateAsync"/> (and again after a migration adds
/// a table: each call is skipped when its table is already distributed). Per-customer tables are distributed by
/// <c>customer_id</c> and co-located with <c>crm_engine_customers</c>, so a unit of work — every statement names one
/// customer — runs on one worker. The tables claimed across customers with <c>FOR UPDATE SKIP LOCKED</c> stay plain
/// tables on the coordinator, because Citus does not run a multi-shard <c>SELECT … FOR UPDATE</c>. docs/scaling.md
/// says what was run on a cluster.
/// </summary>
public static class EngineCitusLayout
{
    /// <summary>The tables distributed by <c>customer_id</c>, co-located with the first (<c>crm_engine_customers</c>).</summary>
    public static ImmutableArray<string> DistributedTables { get; } =
        ["crm_engine_customers", "crm_engine_memberships", "crm_engine_instances", "crm_engine_processed_events", "crm_engine_tasks"];

    /// <summary>
    /// The tables kept on the coordinator: the outbox and the inbox's queue, which workers claim across customers with
    /// <c>FOR UPDATE SKIP LOCKED</c>; the inbox's events, whose sequence is global; and the schema history.
    /// </summary>
    public static ImmutableArray<string> CoordinatorTables { get; } =
        ["crm_engine_outbox", "crm_engine_inbox", "crm_engine_inbox_customers", EngineSchema.HistoryTable];

    /// <summary>The layout as SQL: one <c>create_distributed_table</c> per distributed table, skipped when already distributed.</summary>
    public static string Sql { get; } = Build();

    private static string Build()
    {
        var sql = new StringBuilder();
        foreach (var table in DistributedTables)
        {
            var colocate = table == DistributedTables[0] ? "" : $", colocate_with => '{DistributedTables[0]}'";
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"SELECT create_distributed_table('{table}', 'customer_id'{colocate}) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = '{table}'::regclass);\n");
        }

        return sql.ToString();
    }
}
