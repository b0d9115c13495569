using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A customer's state as loaded, with the version to commit against.</summary>
/// <param name="State">The state, or none for a customer the store has never seen.</param>
/// <param name="Version">0 for none; incremented by each commit.</param>
public readonly record struct StoredCustomer(CustomerState? State, long Version);
