using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>
/// EF Core's view of the engine tables the store reads as sets (the next-due index, the outbox and task listings,
/// every state). The tables themselves are created by <see cref="EngineSchema"/>'s scripts, not by EF Core; the
/// conformance suite reads through this model, so a mismatch between the two fails it.
/// </summary>
internal sealed class EngineDbContext(DbContextOptions<EngineDbContext> options) : DbContext(options)
{
    public DbSet<CustomerRow> Customers => Set<CustomerRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<TaskRow> Tasks => Set<TaskRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerRow>(c =>
        {
            c.ToTable("crm_engine_customers");
            c.HasKey(x => x.CustomerId);
            c.Property(x => x.CustomerId).HasColumnName("customer_id");
            c.Property(x => x.Version).HasColumnName("version");
            c.Property(x => x.State).HasColumnName("state").HasColumnType("jsonb");
            c.Property(x => x.NextDue).HasColumnName("next_due");
        });
        modelBuilder.Entity<OutboxRow>(o =>
        {
            o.ToTable("crm_engine_outbox");
            o.HasKey(x => new { x.CustomerId, x.IdempotencyKey });
            o.Property(x => x.CustomerId).HasColumnName("customer_id");
            o.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key");
            o.Property(x => x.Channel).HasColumnName("channel");
            o.Property(x => x.Purpose).HasColumnName("purpose");
            o.Property(x => x.Template).HasColumnName("template");
            o.Property(x => x.DueAt).HasColumnName("due_at");
            o.Property(x => x.JourneyId).HasColumnName("journey_id");
            o.Property(x => x.InstanceId).HasColumnName("instance_id");
            o.Property(x => x.State).HasColumnName("state");
            o.Property(x => x.Verdict).HasColumnName("verdict");
            o.Property(x => x.Reason).HasColumnName("reason");
            o.Property(x => x.QueuedAt).HasColumnName("queued_at");
            o.Property(x => x.ClosedAt).HasColumnName("closed_at");
            o.Property(x => x.Attempts).HasColumnName("attempts");
        });
        modelBuilder.Entity<TaskRow>(t =>
        {
            t.ToTable("crm_engine_tasks");
            t.HasKey(x => new { x.CustomerId, x.Key });
            t.Property(x => x.CustomerId).HasColumnName("customer_id");
            t.Property(x => x.Key).HasColumnName("task_key");
            t.Property(x => x.Title).HasColumnName("title");
            t.Property(x => x.Role).HasColumnName("role");
            t.Property(x => x.CreatedAt).HasColumnName("created_at");
            t.Property(x => x.DueAt).HasColumnName("due_at");
            t.Property(x => x.JourneyId).HasColumnName("journey_id");
            t.Property(x => x.InstanceId).HasColumnName("instance_id");
            t.Property(x => x.IsAssignment).HasColumnName("is_assignment");
        });
    }
}

internal sealed class CustomerRow
{
    public string CustomerId { get; set; } = "";

    public long Version { get; set; }

    public string State { get; set; } = "";

    public Instant? NextDue { get; set; }
}

internal sealed class OutboxRow
{
    public string CustomerId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public short Channel { get; set; }

    public short Purpose { get; set; }

    public string Template { get; set; } = "";

    public Instant DueAt { get; set; }

    public string JourneyId { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public short State { get; set; }

    public short Verdict { get; set; }

    public string? Reason { get; set; }

    public Instant QueuedAt { get; set; }

    public Instant? ClosedAt { get; set; }

    public int Attempts { get; set; }
}

internal sealed class TaskRow
{
    public string CustomerId { get; set; } = "";

    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Role { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? DueAt { get; set; }

    public string JourneyId { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public bool IsAssignment { get; set; }
}
