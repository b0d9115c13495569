using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Store;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Care-process snapshots in <c>crm_process_snapshots</c> with optimistic concurrency: every write names the version it
/// is based on and is one conditional <c>UPDATE … WHERE version = expected</c>, so a stale write is rejected
/// (<see cref="ConcurrencyConflictException"/>) and never overwrites a newer snapshot. Every call names the customer:
/// the table is keyed by (customer id, instance id), so on a distributed PostgreSQL each call touches one shard.
/// </summary>
public sealed class ProcessSnapshotStore(CrmKitDbContext db)
{
    /// <summary>Stores a new instance's snapshot at version 1.</summary>
    /// <exception cref="DbUpdateException">An instance with that id exists. The context is left clean: a failed add is not retried by the next save.</exception>
    public async ValueTask<Versioned<ProcessSnapshot>> AddAsync(CustomerId customerId, ProcessSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var id = Key(customerId);
        db.ProcessSnapshots.Add(new StoredSnapshot
        {
            InstanceId = snapshot.InstanceId,
            CustomerId = id,
            ProcessId = snapshot.ProcessId,
            State = snapshot.State,
            Json = ProcessJson.Write(snapshot),
            Version = 1,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Success or failure, nothing stays tracked: a failed entity left in the tracker poisoned every later save.
            db.ChangeTracker.Clear();
        }

        return new(snapshot, 1);
    }

    /// <summary>The snapshot of a customer's process instance with its version, or <see langword="null"/> when unknown.</summary>
    public async ValueTask<Versioned<ProcessSnapshot>?> FindAsync(CustomerId customerId, string instanceId, CancellationToken cancellationToken = default)
    {
        var id = Key(customerId);
        var row = await db.ProcessSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.CustomerId == id && s.InstanceId == instanceId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new Versioned<ProcessSnapshot>(ProcessJson.ReadSnapshot(row.Json), row.Version);
    }

    /// <summary>Replaces a customer's instance snapshot if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <returns>The stored snapshot with its new version.</returns>
    /// <exception cref="ConcurrencyConflictException">Another writer stored a newer snapshot first (or the instance is gone).</exception>
    public async ValueTask<Versioned<ProcessSnapshot>> ReplaceAsync(CustomerId customerId, ProcessSnapshot snapshot, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var id = Key(customerId);
        var json = ProcessJson.Write(snapshot);
        var updated = await db.ProcessSnapshots
            .Where(s => s.CustomerId == id && s.InstanceId == snapshot.InstanceId && s.Version == expectedVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, snapshot.State).SetProperty(s => s.Json, json).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            var actual = await db.ProcessSnapshots.Where(s => s.CustomerId == id && s.InstanceId == snapshot.InstanceId).Select(s => (long?)s.Version).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyConflictException($"Process instance '{snapshot.InstanceId}'", expectedVersion, actual ?? 0);
        }

        return new(snapshot, expectedVersion + 1);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored snapshot and writes the result, reading again and re-applying
    /// whenever another writer got there first — no update is lost. Between attempts it waits a random time under a
    /// cap that doubles from 1 ms to 100 ms (full-jitter backoff), so eight writers get through in the default attempts.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No instance with that id.</exception>
    /// <exception cref="ConcurrencyConflictException">Every attempt met a concurrent change.</exception>
    public async ValueTask<Versioned<ProcessSnapshot>> UpdateAsync(CustomerId customerId, string instanceId, Func<ProcessSnapshot, ProcessSnapshot> change, int maxAttempts = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = Key(customerId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(customerId, instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No process instance '{instanceId}' of customer '{id}'.");
            try
            {
                return await ReplaceAsync(customerId, change(current.Value), current.Version, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < maxAttempts)
            {
                // Somebody else wrote first: wait a random, growing time (full jitter), read again and re-apply.
                await Customers.Store.ConflictBackoff.DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The stored key of a customer id; a default (unset) <see cref="CustomerId"/> is refused.</summary>
    private static string Key(CustomerId customerId)
        => customerId.Value ?? throw new ArgumentException("The customer id is not set (a default CustomerId).", nameof(customerId));
}
