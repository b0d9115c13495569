using System.Runtime.CompilerServices;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// An open-addressing hash table from customer id (ordinal) to a per-customer state, stored inline in one array of
/// entries: one cache miss per lookup in a table too large for the caches, where a <see cref="Dictionary{TKey, TValue}"/>
/// takes two (bucket, then entry). Linear probing, power-of-two capacity, at most 5/8 full.
/// </summary>
internal sealed class CustomerTable<TState>
    where TState : struct
{
    private Entry[] _entries = new Entry[1024];
    private int _mask = 1023;

    public int Count { get; private set; }

    /// <summary>The state of <paramref name="id"/>, added as <c>default</c> when absent.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="hash">The id's hash (<see cref="Hash"/>).</param>
    /// <param name="added">Whether the id was absent.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(string id, int hash, out bool added)
    {
        var entries = _entries;
        var i = hash & _mask;
        while (true)
        {
            ref var e = ref entries[i];
            if (e.Key is null)
            {
                if (Count + 1 > (entries.Length >> 3) * 5)
                {
                    Grow();
                    return ref GetOrAdd(id, hash, out added);
                }

                e.Key = id;
                e.Hash = hash;
                Count++;
                added = true;
                return ref e.State;
            }

            if (e.Hash == hash && (ReferenceEquals(e.Key, id) || string.Equals(e.Key, id, StringComparison.Ordinal)))
            {
                added = false;
                return ref e.State;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Reads the home slot of each hash (and the id stored there), so that a following run of
    /// <see cref="GetOrAdd"/> over the same hashes finds them in the cache: the loads are independent, and the
    /// processor overlaps their cache misses instead of waiting for each in turn.
    /// </summary>
    public int Touch(ReadOnlySpan<int> hashes)
    {
        var entries = _entries;
        var mask = _mask;
        var sum = 0;
        foreach (var hash in hashes)
        {
            ref var e = ref entries[hash & mask];
            sum += e.Hash + (e.Key?.Length ?? 0);
        }

        return sum;
    }

    /// <summary>The ordinal hash of an id (randomised per process, so adversarial ids cannot force collisions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(string id) => string.GetHashCode(id.AsSpan());

    /// <summary>Every (id, state), in no particular order.</summary>
    public IEnumerable<(string Id, TState State)> Entries()
    {
        foreach (var e in _entries)
        {
            if (e.Key is not null)
            {
                yield return (e.Key, e.State);
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every (id, state) without allocating.</summary>
    public void ForEach<TVisitor>(ref TVisitor visit)
        where TVisitor : struct, IVisitor
    {
        foreach (ref var e in _entries.AsSpan())
        {
            if (e.Key is not null)
            {
                visit.Visit(e.Key, in e.State);
            }
        }
    }

    private void Grow()
    {
        var old = _entries;
        var entries = new Entry[old.Length * 2];
        var mask = entries.Length - 1;
        foreach (ref var e in old.AsSpan())
        {
            if (e.Key is not null)
            {
                var i = e.Hash & mask;
                while (entries[i].Key is not null)
                {
                    i = (i + 1) & mask;
                }

                entries[i] = e;
            }
        }

        (_entries, _mask) = (entries, mask);
    }

    public interface IVisitor
    {
        void Visit(string id, in TState state);
    }

    private struct Entry
    {
        public string? Key;
        public int Hash;
        public TState State;
    }
}
