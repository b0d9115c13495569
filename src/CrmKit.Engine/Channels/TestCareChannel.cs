using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>
/// A channel for tests and dry runs: it records every call, answers from a script (by default
/// <see cref="ChannelSendResult.Sent"/>) and, like a real provider, delivers each idempotency key at most once.
/// Thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Received"/> is what the dispatcher asked (every attempt, retries and repeats included);
/// <see cref="Delivered"/> is what would have reached customers: one message per idempotency key, however often it
/// was sent — the behaviour every real channel must have (docs/engine.md, "What a channel must do").
/// </remarks>
public sealed class TestCareChannel : ICareChannel
{
    private readonly Lock _gate = new();
    private readonly List<CareMessage> _received = [];
    private readonly List<CareMessage> _delivered = [];
    private readonly HashSet<string> _deliveredKeys = new(StringComparer.Ordinal);
    private readonly Queue<Func<CareMessage, ChannelSendResult>> _script = new();
    private Func<CareMessage, ChannelSendResult> _otherwise = static _ => ChannelSendResult.Sent;

    /// <summary>Creates a test channel standing for <paramref name="channel"/>.</summary>
    public TestCareChannel(ContactChannel channel) => Channel = channel;

    /// <inheritdoc/>
    public ContactChannel Channel { get; }

    /// <summary>Every message the channel was called with, in call order, including failed attempts and repeats.</summary>
    public IReadOnlyList<CareMessage> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The messages that reached the customer: the first successful send of each idempotency key, in order.</summary>
    public IReadOnlyList<CareMessage> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Answers the next calls, one result each and in order, before falling back to the default answer.</summary>
    /// <returns>This channel.</returns>
    public TestCareChannel RespondNext(params ChannelSendResult[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_gate)
        {
            foreach (var result in results)
            {
                _script.Enqueue(_ => result);
            }
        }

        return this;
    }

    /// <summary>Makes the next call throw <paramref name="exception"/> (as a failing network client would).</summary>
    /// <returns>This channel.</returns>
    public TestCareChannel ThrowNext(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_gate)
        {
            _script.Enqueue(_ => throw exception);
        }

        return this;
    }

    /// <summary>Sets the answer for calls the script does not cover (default: <see cref="ChannelSendResult.Sent"/>).</summary>
    /// <returns>This channel.</returns>
    public TestCareChannel RespondWith(Func<CareMessage, ChannelSendResult> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_gate)
        {
            _otherwise = answer;
        }

        return this;
    }

    /// <inheritdoc/>
    public ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ct.ThrowIfCancellationRequested();
        Func<CareMessage, ChannelSendResult> answer;
        lock (_gate)
        {
            _received.Add(message);
            answer = _script.TryDequeue(out var next) ? next : _otherwise;
        }

        var result = answer(message);
        if (result.Status == ChannelSendStatus.Sent)
        {
            lock (_gate)
            {
                if (_deliveredKeys.Add(message.IdempotencyKey))
                {
                    _delivered.Add(message);
                }
            }
        }

        return ValueTask.FromResult(result);
    }
}
