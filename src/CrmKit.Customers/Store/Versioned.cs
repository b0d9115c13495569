
namespace CrmKit.Customers.Store;

/// <summary>A value with the version it had when it was read, for optimistic concurrency.</summary>
/// <typeparam name="T">The stored value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Version">Its version: 1 when first stored, one more at each change.</param>
public readonly record struct Versioned<T>(T Value, long Version);
