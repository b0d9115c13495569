using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Maps CrmKit's types to tables (snake_case names, prefixed <c>crm_</c>):
/// <list type="table">
/// <item><term><c>crm_customers</c></term><description>one row per <see cref="CustomerRecord"/>; tags as <c>text[]</c></description></item>
/// <item><term><c>crm_orders</c></term><description>the orders, keyed by (customer_id, id); product tags as <c>text[]</c></description></item>
/// <item><term><c>crm_customer_attributes</c>, <c>crm_customer_consents</c></term><description>attributes by name, consent in force by channel and purpose</description></item>
/// <item><term><c>crm_process_snapshots</c></term><description><see cref="StoredSnapshot"/>, version-checked on every write</description></item>
/// <item><term><c>crm_outbox</c></term><description><see cref="OutboxAction"/>, keyed by the action's idempotency key</description></item>
/// <item><term><c>crm_segment_memberships</c></term><description><see cref="StoredSegmentMembership"/>, one row per customer (<see cref="SqlSegmentClassifier"/>)</description></item>
/// </list>
/// Every table has the customer id in its key or as a column, so the schema distributes by customer id (see
/// docs/scaling.md).
/// </summary>
public static class CrmKitModel
{
    /// <summary>Adds CrmKit's entities to a model.</summary>
    public static ModelBuilder ApplyCrmKitModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CustomerRecord>(c =>
        {
            c.ToTable("crm_customers");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.Kind).HasColumnName("kind");
            c.Property(x => x.Gender).HasColumnName("gender");
            c.Property(x => x.BirthDate).HasColumnName("birth_date");
            c.Property(x => x.IncomeTier).HasColumnName("income_tier");
            c.Property(x => x.Province).HasColumnName("province");
            c.Property(x => x.ProvinceKey).HasColumnName("province_key");
            c.Property(x => x.Area).HasColumnName("area");
            c.Property(x => x.Source).HasColumnName("source");
            c.Property(x => x.Stage).HasColumnName("stage");
            c.Property(x => x.CreatedAt).HasColumnName("created_at");
            c.Property(x => x.JoinedOn).HasColumnName("joined_on");
            c.Property(x => x.Tags).HasColumnName("tags");
            c.Property(x => x.TagKeys).HasColumnName("tag_keys");
            c.Property(x => x.RecencyScore).HasColumnName("recency_score");
            c.Property(x => x.FrequencyScore).HasColumnName("frequency_score");
            c.Property(x => x.MonetaryScore).HasColumnName("monetary_score");
            c.Property(x => x.ValueTier).HasColumnName("value_tier");
            c.Property(x => x.ProbabilityAlive).HasColumnName("probability_alive");
            c.Property(x => x.ExpectedPurchases).HasColumnName("expected_purchases");
            c.Property(x => x.PredictedValue).HasColumnName("predicted_value");
            c.OwnsMany(x => x.Orders, o =>
            {
                o.ToTable("crm_orders");
                o.WithOwner().HasForeignKey("CustomerId");
                o.Property<string>("CustomerId").HasColumnName("customer_id");
                o.HasKey("CustomerId", nameof(OrderRecord.Id));
                o.Property(x => x.Id).HasColumnName("id");
                o.Property(x => x.PlacedAt).HasColumnName("placed_at");
                o.Property(x => x.Amount).HasColumnName("amount").HasPrecision(19, 4);
                o.Property(x => x.Status).HasColumnName("status");
                o.Property(x => x.Channel).HasColumnName("channel");
                o.Property(x => x.ProductTags).HasColumnName("product_tags");
                // Covering: the segment and RFM statements read status and amount from the index (an index-only scan), not the table.
                o.HasIndex("CustomerId", nameof(OrderRecord.PlacedAt)).IncludeProperties(nameof(OrderRecord.Status), nameof(OrderRecord.Amount));
            });
            c.OwnsMany(x => x.Attributes, a =>
            {
                a.ToTable("crm_customer_attributes");
                a.WithOwner().HasForeignKey("CustomerId");
                a.Property<string>("CustomerId").HasColumnName("customer_id");
                a.HasKey("CustomerId", nameof(AttributeRecord.Name));
                a.Property(x => x.Name).HasColumnName("name");
                a.Property(x => x.Kind).HasColumnName("kind");
                a.Property(x => x.Text).HasColumnName("text");
                a.Property(x => x.TextKey).HasColumnName("text_key");
                a.Property(x => x.Number).HasColumnName("number").HasPrecision(28, 8);
                a.Property(x => x.Date).HasColumnName("date");
                a.Property(x => x.Instant).HasColumnName("instant");
            });
            c.OwnsMany(x => x.Consents, k =>
            {
                k.ToTable("crm_customer_consents");
                k.WithOwner().HasForeignKey("CustomerId");
                k.Property<string>("CustomerId").HasColumnName("customer_id");
                k.HasKey("CustomerId", nameof(ConsentRecord.Channel), nameof(ConsentRecord.Purpose));
                k.Property(x => x.Channel).HasColumnName("channel");
                k.Property(x => x.Purpose).HasColumnName("purpose");
                k.Property(x => x.Granted).HasColumnName("granted");
            });
        });

        modelBuilder.Entity<StoredSnapshot>(s =>
        {
            s.ToTable("crm_process_snapshots");
            s.HasKey(x => new { x.CustomerId, x.InstanceId }); // the customer id first: the distribution column
            s.Property(x => x.InstanceId).HasColumnName("instance_id");
            s.Property(x => x.CustomerId).HasColumnName("customer_id");
            s.Property(x => x.ProcessId).HasColumnName("process_id");
            s.Property(x => x.State).HasColumnName("state");
            s.Property(x => x.Json).HasColumnName("snapshot").HasColumnType("jsonb");
            s.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        });

        modelBuilder.Entity<OutboxAction>(o =>
        {
            o.ToTable("crm_outbox");
            o.HasKey(x => new { x.CustomerId, x.IdempotencyKey });
            o.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key");
            o.Property(x => x.CustomerId).HasColumnName("customer_id");
            o.Property(x => x.Channel).HasColumnName("channel");
            o.Property(x => x.Template).HasColumnName("template");
            o.Property(x => x.SendAt).HasColumnName("send_at");
            o.Property(x => x.Payload).HasColumnName("payload").HasColumnType("jsonb");
            o.Property(x => x.ClaimedBy).HasColumnName("claimed_by");
            o.Property(x => x.ClaimedUntil).HasColumnName("claimed_until");
            o.Property(x => x.Attempts).HasColumnName("attempts");
            o.Property(x => x.DoneAt).HasColumnName("done_at");
            o.HasIndex(x => x.SendAt).HasFilter("done_at IS NULL");

            // Claimed across customers with FOR UPDATE SKIP LOCKED, which Citus does not run over several shards.
            o.PlaceOnCitus(CitusPlacement.CoordinatorLocal);
        });

        modelBuilder.Entity<StoredSegmentMembership>(m =>
        {
            m.ToTable("crm_segment_memberships");
            m.HasKey(x => x.CustomerId);
            m.Property(x => x.CustomerId).HasColumnName("customer_id");
            m.Property(x => x.SegmentIds).HasColumnName("segment_ids");
            m.Property(x => x.Since).HasColumnName("since");
        });
        return modelBuilder;
    }
}
