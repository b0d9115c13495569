using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmKit.Customers.Identity;

namespace CrmKit.Customers.Store;

/// <summary>
/// A thread-safe <see cref="ICustomerStore"/> in memory: for tests, command-line runs and hosts that keep their
/// customers elsewhere and load a working set. Reads never block; writes are serialised by one lock, and each
/// write checks the version it was based on, so concurrent writers never lose an update.
/// </summary>
public sealed class InMemoryCustomerStore : ICustomerStore
{
    private readonly ConcurrentDictionary<CustomerId, Versioned<Customer>> _customers = new();
    private readonly ConcurrentDictionary<CustomerId, CustomerId> _mergedInto = new();
    private readonly Lock _writeLock = new();

    /// <summary>Creates an empty store.</summary>
    public InMemoryCustomerStore()
    {
    }

    /// <summary>Creates a store holding <paramref name="customers"/> at version 1.</summary>
    /// <exception cref="DuplicateCustomerIdException">Two customers share an id.</exception>
    public InMemoryCustomerStore(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        foreach (var customer in customers)
        {
            Add(customer);
        }
    }

    /// <inheritdoc/>
    public ValueTask<Versioned<Customer>?> FindAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        // Lock-free: a merge records the alias before it removes the duplicate, so a lookup that misses because the
        // customer was merged away meanwhile finds the alias on the second resolve and follows it.
        var resolved = Resolve(id);
        while (true)
        {
            if (_customers.TryGetValue(resolved, out var found))
            {
                return ValueTask.FromResult<Versioned<Customer>?>(found);
            }

            var again = Resolve(id);
            if (again == resolved)
            {
                return ValueTask.FromResult<Versioned<Customer>?>(null);
            }

            resolved = again;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Versioned<Customer>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in _customers.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>A snapshot of every customer, sorted by id.</summary>
    public IReadOnlyList<Customer> Snapshot() => [.. _customers.Values.Select(v => v.Value).OrderBy(c => c.Id)];

    /// <inheritdoc/>
    public ValueTask<int> CountAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_customers.Count);

    /// <inheritdoc/>
    public ValueTask<Versioned<Customer>> AddAsync(Customer customer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Add(customer));

    /// <inheritdoc/>
    public ValueTask<Versioned<Customer>> ReplaceAsync(Customer customer, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        lock (_writeLock)
        {
            if (_mergedInto.TryGetValue(customer.Id, out var survivor))
            {
                // Merged away since it was read: the record the caller read no longer exists as such.
                throw new ConcurrencyConflictException($"Customer '{customer.Id}' (merged into '{survivor}')", expectedVersion, 0);
            }

            var current = Current(customer.Id);
            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException($"Customer '{customer.Id}'", expectedVersion, current.Version);
            }

            Privacy.PersonalDataEraser.CheckReplacement(current.Value, customer);

            var next = new Versioned<Customer>(customer, current.Version + 1);
            _customers[customer.Id] = next;
            return ValueTask.FromResult(next);
        }
    }

    /// <inheritdoc/>
    public ValueTask<MergeResult> MergeAsync(CustomerId survivorId, CustomerId duplicateId, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            var survivor = Current(Resolve(survivorId));
            var duplicate = Current(Resolve(duplicateId));
            var result = CustomerMerge.Merge(survivor.Value, duplicate.Value);
            _customers[survivor.Value.Id] = new Versioned<Customer>(result.Customer, survivor.Version + 1);

            // Aliases first, removal last: a lock-free FindAsync that misses the duplicate then sees where it went.
            foreach (var merged in result.Customer.MergedIds)
            {
                _mergedInto[merged] = survivor.Value.Id;
            }

            _customers.TryRemove(duplicate.Value.Id, out _);

            return ValueTask.FromResult(result);
        }
    }

    private Versioned<Customer> Add(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        lock (_writeLock)
        {
            if (_customers.ContainsKey(customer.Id) || _mergedInto.ContainsKey(customer.Id))
            {
                throw new DuplicateCustomerIdException(customer.Id);
            }

            var entry = new Versioned<Customer>(customer, 1);
            _customers[customer.Id] = entry;
            return entry;
        }
    }

    private Versioned<Customer> Current(CustomerId id)
        => _customers.TryGetValue(id, out var current) ? current : throw new CustomerNotFoundException(id);

    private CustomerId Resolve(CustomerId id) => _mergedInto.TryGetValue(id, out var survivor) ? survivor : id;
}
