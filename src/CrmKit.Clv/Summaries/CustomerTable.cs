using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// A hash table from customer id (ordinal) to a per-customer state, made for building summaries of millions of
/// customers: the states sit densely in one array, in order of first appearance, and an open-addressing index of
/// 64-bit slots (the id's hash beside the entry's position, linear probing, at most half full) finds them, so a probe
/// that meets another id's slot is settled without reading that id's entry.
/// </summary>
/// <remarks>
/// Ids are hashed with a fast multiply–xor hash seeded at random per table. Should ids still collide into a probe
/// longer than <see cref="MaxProbe"/> slots (adversarial input), the table rehashes every id with .NET's randomised
/// Marvin hash and uses it from then on, as <see cref="Dictionary{TKey, TValue}"/> does for strings.
/// </remarks>
internal sealed class CustomerTable<TState>
    where TState : struct
{
    private ulong[] _slots = new ulong[2048]; // (uint)hash << 32 | (entry index + 1); 0 = empty
    private int _mask = 2047;
    private const int MaxProbe = 64;
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private Entry[] _entries = new Entry[1024];
    private bool _marvin;

    public int Count { get; private set; }

    /// <summary>The state of <paramref name="id"/>, added as <c>default</c> when absent.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="hash">The id's hash (<see cref="Hash"/>).</param>
    /// <param name="added">Whether the id was absent.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState GetOrAdd(string id, int hash, out bool added)
    {
        if (_marvin)
        {
            hash = string.GetHashCode(id.AsSpan()); // a hash computed before the switch is stale
        }

        var slots = _slots;
        var probe = 0;
        var tag = (ulong)(uint)hash << 32;
        var i = hash & _mask;
        while (true)
        {
            var slot = slots[i];
            if (slot == 0)
            {
                return ref Insert(id, hash, i, out added);
            }

            if ((slot & 0xFFFF_FFFF_0000_0000UL) == tag)
            {
                ref var e = ref _entries[(int)(uint)slot - 1];
                if (ReferenceEquals(e.Key, id) || string.Equals(e.Key, id, StringComparison.Ordinal))
                {
                    added = false;
                    return ref e.State;
                }
            }

            i = (i + 1) & _mask;
            if (++probe == MaxProbe && !_marvin)
            {
                SwitchToMarvin();
                return ref GetOrAdd(id, hash, out added);
            }
        }
    }

    /// <summary>
    /// Reads the home slot of each hash and the entry it points to, so that a following run of
    /// <see cref="GetOrAdd"/> over the same hashes finds them in the cache: the reads of different hashes are
    /// independent, and the processor overlaps their cache misses instead of waiting for each in turn.
    /// </summary>
    public int Touch(ReadOnlySpan<int> hashes)
    {
        var slots = _slots;
        var mask = _mask;
        var sum = 0;
        foreach (var hash in hashes)
        {
            var slot = slots[hash & mask];
            if (slot != 0)
            {
                ref var e = ref _entries[(int)(uint)slot - 1];
                sum += e.Hash + e.Key.Length;
            }
        }

        return sum;
    }

    /// <summary>The hash of an id (ordinal) that <see cref="GetOrAdd"/> and <see cref="Touch"/> take.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Hash(string id)
    {
        if (_marvin)
        {
            return string.GetHashCode(id.AsSpan());
        }

        // Four UTF-16 code units at a time: xor into the state, multiply by a large odd constant, fold.
        var bytes = MemoryMarshal.AsBytes(id.AsSpan());
        var h = _seed ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(bytes)) * 0x9E37_79B9_7F4A_7C15UL;
            h ^= h >> 29;
            bytes = bytes[8..];
        }

        if (!bytes.IsEmpty)
        {
            ulong tail = 0;
            for (var k = 0; k < bytes.Length; k++)
            {
                tail |= (ulong)bytes[k] << (8 * k);
            }

            h = (h ^ tail) * 0x9E37_79B9_7F4A_7C15UL;
        }

        h ^= h >> 32;
        h *= 0xD6E8_FEB8_6659_FD93UL;
        return (int)(h >> 32);
    }

    /// <summary>Calls <paramref name="visit"/> for every (id, state), in order of first appearance, without allocating.</summary>
    public void ForEach<TVisitor>(ref TVisitor visit)
        where TVisitor : struct, IVisitor
    {
        foreach (ref var e in _entries.AsSpan(0, Count))
        {
            visit.Visit(e.Key, in e.State);
        }
    }

    private ref TState Insert(string id, int hash, int slot, out bool added)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (2 * (Count + 1) > _slots.Length)
        {
            Grow();
            slot = hash & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
        }

        ref var e = ref _entries[Count];
        e.Key = id;
        e.Hash = hash;
        Count++;
        _slots[slot] = ((ulong)(uint)hash << 32) | (uint)Count;
        added = true;
        return ref e.State;
    }

    private void SwitchToMarvin()
    {
        _marvin = true;
        for (var n = 0; n < Count; n++)
        {
            _entries[n].Hash = string.GetHashCode(_entries[n].Key.AsSpan());
        }

        Rehash(_slots.Length);
    }

    private void Grow() => Rehash(_slots.Length * 2);

    private void Rehash(int length)
    {
        var slots = new ulong[length];
        var mask = slots.Length - 1;
        for (var n = 0; n < Count; n++)
        {
            var hash = _entries[n].Hash;
            var i = hash & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = ((ulong)(uint)hash << 32) | (uint)(n + 1);
        }

        (_slots, _mask) = (slots, mask);
    }

    public interface IVisitor
    {
        void Visit(string id, in TState state);
    }

    private struct Entry
    {
        public string Key;
        public int Hash;
        public TState State;
    }
}
