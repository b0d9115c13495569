
namespace CrmKit.Customers.Store;

/// <summary>A value with the version it had when it was read, for optimistic concurrency.</summary>
/// <typeparam name="T">The stored value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Version">Its version: 1 when first stored, one more at each change.</param>
public readonly record struct Versioned<T>(T Value, long Version);

/// <summary>
/// Where the host keeps its customers. CrmKit's packages read and write customers only through this
/// interface; the host can back it with its own database. Writes use optimistic concurrency: a write based
/// on a stale version fails with <see cref="ConcurrencyConflictException"/> and never overwrites.
/// </summary>
/// <remarks>
/// A customer merged into another keeps answering to its old identifier: <see cref="FindAsync"/> resolves
/// it to the survivor, so an order posted under the old id lands on the right record.
/// </remarks>
public interface ICustomerStore
{
    /// <summary>Finds a customer by id (or by the id of a customer merged into it).</summary>
    /// <returns>The customer and its version, or <see langword="null"/> when unknown.</returns>
    ValueTask<Versioned<Customer>?> FindAsync(CustomerId id, CancellationToken cancellationToken = default);

    /// <summary>Lists every customer (not the merged-away ones), in no particular order.</summary>
    IAsyncEnumerable<Versioned<Customer>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>How many customers the store holds.</summary>
    ValueTask<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a new customer at version 1.</summary>
    /// <exception cref="DuplicateCustomerIdException">The id is taken (by a customer or a merged-away id).</exception>
    ValueTask<Versioned<Customer>> AddAsync(Customer customer, CancellationToken cancellationToken = default);

    /// <summary>Replaces a customer if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <returns>The stored customer with its new version.</returns>
    /// <exception cref="CustomerNotFoundException">No customer with that id.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CustomerErasedException">
    /// The stored customer is erased and the replacement would write personal data back
    /// (<see cref="Privacy.PersonalDataEraser.CheckReplacement"/>).
    /// </exception>
    ValueTask<Versioned<Customer>> ReplaceAsync(Customer customer, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges one customer into another atomically with <see cref="Identity.CustomerMerge"/>: the survivor is
    /// replaced by the merged record, the duplicate removed and its id made to resolve to the survivor.
    /// </summary>
    /// <exception cref="CustomerNotFoundException">Either customer is unknown.</exception>
    /// <exception cref="MergeConflictException">The two cannot be merged without losing data.</exception>
    ValueTask<Identity.MergeResult> MergeAsync(CustomerId survivorId, CustomerId duplicateId, CancellationToken cancellationToken = default);
}

/// <summary>Read-modify-write helpers over any <see cref="ICustomerStore"/>.</summary>
public static class CustomerStoreExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> to the current customer and stores the result, retrying from a
    /// fresh read whenever another writer got there first — no update is ever lost. Between attempts it waits a
    /// random time under a cap that doubles from 1 ms to 100 ms (full-jitter backoff). An id merged into another
    /// customer, before the read or between the read and the write, leads to the surviving customer.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="id">The customer to change.</param>
    /// <param name="change">A pure function from the current customer to the new one; it may run more than once.</param>
    /// <param name="maxAttempts">How many times to try before giving up. Default 100.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="CustomerNotFoundException">No customer with that id.</exception>
    /// <exception cref="ConcurrencyConflictException">Every attempt met a concurrent change.</exception>
    public static async ValueTask<Versioned<Customer>> UpdateAsync(
        this ICustomerStore store,
        CustomerId id,
        Func<Customer, Customer> change,
        int maxAttempts = 100,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CustomerNotFoundException(id);
            var changed = change(current.Value);
            if (changed.Id != current.Value.Id)
            {
                throw new InvalidOperationException($"The change turned customer '{current.Value.Id}' into '{changed.Id}'; an update cannot change the id.");
            }

            // Checked here too, so that a host's own store cannot be used to write personal data back.
            Privacy.PersonalDataEraser.CheckReplacement(current.Value, changed);

            try
            {
                return await store.ReplaceAsync(changed, current.Version, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < maxAttempts)
            {
                // Somebody else wrote first (or merged the customer away since it was read: reading the same id
                // again finds the survivor): wait a random, growing time, read again and re-apply the change.
                await ConflictBackoff.DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds (or replaces by id) an order of the customer named in the order.</summary>
    public static ValueTask<Versioned<Customer>> AddOrderAsync(this ICustomerStore store, Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return store.UpdateAsync(order.CustomerId, c => c.WithOrder(order with { CustomerId = c.Id }), cancellationToken: cancellationToken);
    }

    /// <summary>Records a consent decision for a customer.</summary>
    public static ValueTask<Versioned<Customer>> RecordConsentAsync(this ICustomerStore store, CustomerId id, ConsentDecision decision, CancellationToken cancellationToken = default)
        => store.UpdateAsync(id, c => c.WithConsent(decision), cancellationToken: cancellationToken);
}
