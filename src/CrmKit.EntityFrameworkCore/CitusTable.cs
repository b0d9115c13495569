namespace CrmKit.EntityFrameworkCore;

/// <summary>One table of the schema and where it lives on a Citus cluster (<see cref="CitusLayout.Placements"/>).</summary>
/// <param name="Table">The table name, schema-qualified when the model gives a schema (<c>crm_orders</c>).</param>
/// <param name="Placement">Distributed, reference or coordinator-local.</param>
/// <param name="DistributionColumn">The column its rows are sharded by (<c>id</c> for <c>crm_customers</c>, <c>customer_id</c> for the others); <see langword="null"/> unless distributed.</param>
public sealed record CitusTable(string Table, CitusPlacement Placement, string? DistributionColumn);
