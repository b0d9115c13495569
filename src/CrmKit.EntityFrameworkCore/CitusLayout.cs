using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Lays CrmKit's schema out on a Citus cluster (distributed PostgreSQL, citusdata/citus): <c>crm_customers</c> is
/// distributed by its <c>id</c>; every other table with a <c>customer_id</c> column is distributed by it and
/// co-located with <c>crm_customers</c>; a table without one is a reference table; a table marked
/// <see cref="CitusPlacement.CoordinatorLocal"/> (<see cref="PlaceOnCitus{TEntity}"/>; CrmKit marks <c>crm_outbox</c>)
/// stays on the coordinator. Run it once, after the tables are created and before (or after) they are filled, on the
/// coordinator. docs/scaling.md shows what each placement gives and what was measured.
/// </summary>
public static class CitusLayout
{
    /// <summary>The model annotation that holds a table's <see cref="CitusPlacement"/> when it is set explicitly.</summary>
    public const string PlacementAnnotation = "CrmKit:CitusPlacement";

    /// <summary>The distribution column of every customer table except <c>crm_customers</c> (whose key, <c>id</c>, is it).</summary>
    public const string DistributionColumn = "customer_id";

    /// <summary>Marks the entity's table for a placement other than the one <see cref="CitusLayout"/> derives from its columns.</summary>
    public static EntityTypeBuilder<TEntity> PlaceOnCitus<TEntity>(this EntityTypeBuilder<TEntity> entity, CitusPlacement placement)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.HasAnnotation(PlacementAnnotation, placement);
    }

    /// <summary>
    /// Every table of <paramref name="model"/> with its placement and distribution column (<see langword="null"/>
    /// unless distributed), in the order they must be laid out: reference tables, then <c>crm_customers</c>, then the
    /// tables co-located with it (a foreign key may point from a distributed table to a reference table or a
    /// co-located one, never the other way).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no <see cref="CustomerRecord"/> table to co-locate with, or a distributed table lacks the <c>customer_id</c> column.</exception>
    public static IReadOnlyList<CitusTable> Placements(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var customers = model.FindEntityType(typeof(CustomerRecord))
            ?? throw new InvalidOperationException("The model has no CustomerRecord table (crm_customers): call ApplyCrmKitModel in OnModelCreating before laying the schema out on Citus.");
        var anchor = StoreObjectIdentifier.Table(customers.GetTableName()!, customers.GetSchema());
        var placements = new List<(string Table, CitusPlacement Placement, string? DistributionColumn, int Order)>();
        foreach (var group in model.GetEntityTypes().Where(e => e.GetTableName() is not null).GroupBy(e => StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema())))
        {
            var table = group.Key;
            var name = Qualified(table);
            var columns = group.SelectMany(e => e.GetProperties()).Select(p => p.GetColumnName(table)).Where(c => c is not null).ToHashSet(StringComparer.Ordinal);
            var declared = group.Select(e => e.FindAnnotation(PlacementAnnotation)?.Value).OfType<CitusPlacement>().Distinct().ToList();
            if (table == anchor)
            {
                placements.Add((name, CitusPlacement.Distributed, customers.FindPrimaryKey()!.Properties.Single().GetColumnName(table), 1));
                continue;
            }

            var placement = declared.Count == 1 ? declared[0] : columns.Contains(DistributionColumn) ? CitusPlacement.Distributed : CitusPlacement.Reference;
            if (placement == CitusPlacement.Distributed && !columns.Contains(DistributionColumn))
            {
                throw new InvalidOperationException($"Table {name} is marked {CitusPlacement.Distributed} but has no {DistributionColumn} column to distribute by. Columns: {string.Join(", ", columns.Order(StringComparer.Ordinal))}.");
            }

            placements.Add((name, placement, placement == CitusPlacement.Distributed ? DistributionColumn : null, placement switch
            {
                CitusPlacement.Reference => 0,
                CitusPlacement.Distributed => 2,
                CitusPlacement.CoordinatorLocal => 3,
                _ => throw new UnreachableException($"Placement {placement} has no order."),
            }));
        }

        return [.. placements.OrderBy(p => p.Order).ThenBy(p => p.Table, StringComparer.Ordinal).Select(p => new CitusTable(p.Table, p.Placement, p.DistributionColumn))];
    }

    /// <summary>
    /// The SQL that lays the tables of <paramref name="model"/> out on Citus (<see cref="Placements"/>): one
    /// <c>create_distributed_table</c> or <c>create_reference_table</c> per table, each skipped when the table is
    /// already in Citus's metadata, so the script can be run again (after a migration added a table, say).
    /// </summary>
    public static string Script(IModel model)
    {
        var anchor = default(string);
        var sql = new StringBuilder();
        foreach (var (table, placement, column) in Placements(model))
        {
            var call = placement switch
            {
                CitusPlacement.Reference => $"create_reference_table('{table}')",
                CitusPlacement.Distributed when anchor is null => $"create_distributed_table('{table}', '{column}')",
                CitusPlacement.Distributed => $"create_distributed_table('{table}', '{column}', colocate_with => '{anchor}')",
                CitusPlacement.CoordinatorLocal => null,
                _ => throw new UnreachableException($"Placement {placement} has no Citus call."),
            };
            if (call is null)
            {
                sql.Append(CultureInfo.InvariantCulture, $"-- {table} stays on the coordinator ({placement})\n");
                continue;
            }

            anchor ??= table;
            sql.Append(CultureInfo.InvariantCulture, $"SELECT {call} WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = '{table}'::regclass);\n");
        }

        return sql.ToString();
    }

    /// <summary>Runs <see cref="Script"/> for the context's model on the database it is connected to (the Citus coordinator).</summary>
    /// <exception cref="Npgsql.PostgresException">The server is not a Citus coordinator (<c>create_distributed_table</c> does not exist) or Citus refused a table.</exception>
    public static async Task DistributeAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(Script(db.Model), cancellationToken).ConfigureAwait(false);
    }

    private static string Qualified(StoreObjectIdentifier table)
        => table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
}
