
namespace CrmKit.Customers.Store;

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
