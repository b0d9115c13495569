using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// The CrmKit schema in one context: the customer summary shape the segment rules run on
/// (<see cref="CustomerRecord"/> with its orders, attributes and consents), care-process snapshots and the outbox of
/// due care actions. A host with its own context calls <see cref="CrmKitModel.ApplyCrmKitModel"/> in its
/// <c>OnModelCreating</c> instead of using this one.
/// </summary>
/// <param name="options">The options; configure them with <c>UseNpgsql(connectionString, o =&gt; o.UseNodaTime())</c>.</param>
public class CrmKitDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Customers in the summary shape, with their orders, attributes and consents.</summary>
    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();

    /// <summary>Care-process snapshots.</summary>
    public DbSet<StoredSnapshot> ProcessSnapshots => Set<StoredSnapshot>();

    /// <summary>Due care actions waiting to be sent.</summary>
    public DbSet<OutboxAction> Outbox => Set<OutboxAction>();

    /// <summary>Stored segment memberships, one row per customer (kept current by <see cref="SqlSegmentClassifier"/>).</summary>
    public DbSet<StoredSegmentMembership> SegmentMemberships => Set<StoredSegmentMembership>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCrmKitModel();
}
