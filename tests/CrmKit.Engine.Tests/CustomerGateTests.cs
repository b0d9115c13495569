namespace CrmKit.Engine.Tests;

public sealed class CustomerGateTests
{
    [Fact]
    public void EnterAsync_FreeGate_CompletesAtOnce()
    {
        var gate = new CustomerGate();
        Assert.True(gate.EnterAsync(default).IsCompletedSuccessfully);
        gate.Exit();
        Assert.True(gate.EnterAsync(default).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Exit_PassesTheTurnToWaitersInArrivalOrder()
    {
        var gate = new CustomerGate();
        await gate.EnterAsync(default);
        var first = gate.EnterAsync(default);
        var second = gate.EnterAsync(default);
        var third = gate.EnterAsync(default);
        Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted);

        gate.Exit();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(second.IsCompleted || third.IsCompleted);

        gate.Exit();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted);

        gate.Exit();
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Exit();
        Assert.True(gate.EnterAsync(default).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Exit_SkipsAWaiterCancelledMeanwhile()
    {
        var gate = new CustomerGate();
        await gate.EnterAsync(default);
        using var cts = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cts.Token);
        var next = gate.EnterAsync(default);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);

        gate.Exit();
        await next.WaitAsync(TimeSpan.FromSeconds(10));

        // The cancelled waiter never held the gate: after the one holder leaves, it is free.
        gate.Exit();
        Assert.True(gate.EnterAsync(default).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task EnterAsync_CancelledToken_ThrowsEvenWhenFree()
    {
        var gate = new CustomerGate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(new CancellationToken(true)));
        Assert.True(gate.EnterAsync(default).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task EnterAsync_ManyTasks_OneHolderAtATime()
    {
        var gate = new CustomerGate();
        var inside = 0;
        var most = 0;
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await gate.EnterAsync(default);
                try
                {
                    var now = Interlocked.Increment(ref inside);
                    most = Math.Max(most, now);
                    var seen = count;
                    await Task.Yield();
                    count = seen + 1;   // not atomic: exact only if no two tasks are inside at once
                    Interlocked.Decrement(ref inside);
                }
                finally
                {
                    gate.Exit();
                }
            }
        })));

        Assert.Equal(1, most);
        Assert.Equal(8 * 500, count);
    }
}
