using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>
/// How the commands merge duplicate customers (they read a shop with <see cref="ShopDataOptions"/>) and find the customer a user typed an id for —
/// shared by <c>run</c>, <c>segment</c>, <c>care</c> and <c>replay</c>, so no command calls another command's helpers.
/// </summary>
internal static class CustomerLoading
{
    /// <summary>Merges duplicate customers under <paramref name="policy"/>; returns the merged customers and every merge and shared contact with its evidence.</summary>
    public static (IReadOnlyList<Customer> Customers, MergeOutcome Merges) Merge(CustomerDataSet dataSet, MergePolicy policy = MergePolicy.Strong)
    {
        // The command actions are synchronous; the in-memory merge completes synchronously, so this does not block a thread on I/O.
        var result = CustomerMerge.MergeAllAsync(dataSet.Customers, policy).AsTask().GetAwaiter().GetResult();
        return (result.Customers, MergeOutcome.Of(result.Resolution, dataSet.Customers));
    }

    /// <summary>
    /// The customer a user typed <paramref name="id"/> for: the customer with that id, or the survivor a record with
    /// that id was merged into (<see cref="Customer.MergedIds"/>).
    /// </summary>
    /// <exception cref="CustomerNotFoundException">No customer has or absorbed that id.</exception>
    public static Customer Find(IEnumerable<Customer> customers, string id)
    {
        var wanted = new CustomerId(id);
        Customer? survivor = null;
        foreach (var customer in customers)
        {
            if (customer.Id == wanted)
            {
                return customer;
            }

            if (customer.MergedIds.Contains(wanted))
            {
                survivor = customer;
            }
        }

        return survivor ?? throw new CustomerNotFoundException(wanted);
    }

    /// <summary>The note printed when <paramref name="typed"/> was merged into <paramref name="customer"/>, or <see langword="null"/>.</summary>
    public static string? MergedNote(Customer customer, string typed)
        // An id typed in another case (kh00341 for KH00341) is the customer's own id, not a merged one.
        => string.Equals(customer.Id.Value, typed.Trim(), StringComparison.OrdinalIgnoreCase) ? null : Display.Format(Strings.CustomerMergedNote, typed, customer.Id.Value);
}
