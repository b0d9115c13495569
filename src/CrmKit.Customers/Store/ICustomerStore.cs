
namespace CrmKit.Customers.Store;

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
