namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Where a table of CrmKit's schema lives on a Citus cluster (<see cref="CitusLayout"/>). Citus terms: a distributed
/// table is split into shards by a distribution column, a reference table is copied whole to every node, a local table
/// stays on the coordinator only (Citus documentation, "Table types").
/// </summary>
public enum CitusPlacement
{
    /// <summary>
    /// Split by customer id into shards co-located with <c>crm_customers</c>: a customer and everything about them sit
    /// on one node, so per-customer work is routed to one shard and joins on the customer id are pushed down.
    /// </summary>
    Distributed,

    /// <summary>A small table shared by all customers, copied to every node so that any shard can join it.</summary>
    Reference,

    /// <summary>
    /// Kept on the coordinator as a plain PostgreSQL table: for tables claimed across customers with
    /// <c>SELECT … FOR UPDATE SKIP LOCKED</c>, which Citus does not run over several shards.
    /// </summary>
    CoordinatorLocal,
}
