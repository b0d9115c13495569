namespace CrmKit.Engine;

/// <summary>
/// One customer's turn (a stripe of customers): one holder at a time, waiters served first come, first served.
/// </summary>
/// <remarks>
/// Replaces a <see cref="SemaphoreSlim"/> per stripe: almost every event finds its stripe free, and then entering and
/// leaving are one acquisition of a <see cref="Lock"/> each, allocating nothing — where the semaphore took its monitor
/// twice and went through its async bookkeeping. Only a waiter allocates (its completion source). The turn passes to a
/// waiter by completing its source, which happens once: either the leaving holder completes it (the waiter now holds
/// the gate, even if its token is cancelled later) or the cancellation does (the holder then passes to the next).
/// </remarks>
internal sealed class CustomerGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private bool _held;

    /// <summary>Enters, waiting behind the holder and the earlier waiters.</summary>
    /// <returns>A task completed at once when the gate is free (most calls); cancelled (the gate then not held) when <paramref name="ct"/> is cancelled before the turn comes.</returns>
    public Task EnterAsync(CancellationToken ct)
    {
        // As the semaphore did: a cancelled token stops the call even when the gate is free.
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }

        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        return ct.CanBeCanceled ? WaitAsync(waiter, ct) : waiter.Task;
    }

    /// <summary>Leaves: the turn passes to the longest waiting (not cancelled) waiter, else the gate is free.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            while (_waiters.TryDequeue(out var next))
            {
                // Continuations run asynchronously: completing the source inside the lock runs none of the waiter's code here.
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _held = false;
        }
    }

    private static async Task WaitAsync(TaskCompletionSource waiter, CancellationToken ct)
    {
        using (ct.Register(static (s, token) => ((TaskCompletionSource)s!).TrySetCanceled(token), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }
}
