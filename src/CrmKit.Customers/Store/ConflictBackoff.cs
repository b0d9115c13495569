namespace CrmKit.Customers.Store;

/// <summary>
/// The wait between optimistic-concurrency attempts after a conflict: "full jitter" exponential backoff (a random
/// time between zero and a cap that doubles with each attempt, from 1 ms up to 100 ms), as analysed in
/// M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog (2015). Writers that collided spread out at
/// random instead of colliding again in lock step, so eight writers on one record all get through within the
/// default 100 attempts; a writer waits at most about 5 s over those attempts.
/// </summary>
/// <remarks>
/// Chosen over a pessimistic lock because <see cref="ICustomerStore"/> is the host's: CrmKit cannot hold a lock
/// across the host's processes, while optimistic writes with backoff need nothing from the store. The random
/// numbers come from <see cref="Random.Shared"/> (thread-safe); they decide only when to retry, never a result.
/// <see cref="CustomerStoreExtensions"/> and CrmKit's PostgreSQL stores wait with it; a host writing its own
/// read-modify-write loop over an <see cref="ICustomerStore"/> can too.
/// </remarks>
public static class ConflictBackoff
{
    /// <summary>The cap of the first wait.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(1);

    /// <summary>The largest cap.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap after <paramref name="attempt"/> failed attempts (1, 2, 4 … ms, at most <see cref="Cap"/>).</summary>
    /// <param name="attempt">How many attempts have failed (1 for the first retry); values below 1 count as 1.</param>
    public static TimeSpan CapAfter(int attempt)
        => attempt >= 8 ? Cap : TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << (Math.Max(attempt, 1) - 1)));

    /// <summary>Waits a random time in [0, <see cref="CapAfter"/>) before the next attempt.</summary>
    /// <param name="attempt">How many attempts have failed (1 for the first retry).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Task DelayAsync(int attempt, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * CapAfter(attempt).Ticks));
        return wait < TimeSpan.FromMilliseconds(1) ? Task.Run(() => { }, cancellationToken) : Task.Delay(wait, cancellationToken);
    }
}
