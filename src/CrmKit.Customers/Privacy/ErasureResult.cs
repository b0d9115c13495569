using System.Collections.Immutable;
using CrmKit.Customers.Store;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>The result of erasing a customer in a store.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Customer">The erased customer as stored, or <see langword="null"/> when nothing is held under the id.</param>
public sealed record ErasureResult(ErasureOutcome Outcome, Versioned<Customer>? Customer);
