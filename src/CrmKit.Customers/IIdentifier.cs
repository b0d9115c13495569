namespace CrmKit.Customers;

/// <summary>
/// A string identifier owned by the host application (a customer code, an order number). CrmKit never
/// invents or reformats identifiers: it trims surrounding white space and rejects empty ones.
/// </summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface IIdentifier<TSelf> : IEquatable<TSelf>, IComparable<TSelf>
    where TSelf : struct, IIdentifier<TSelf>
{
    /// <summary>The identifier text; <see langword="null"/> only for <c>default</c>.</summary>
    string Value { get; }

    /// <summary>Creates an identifier from text, rejecting empty text.</summary>
    /// <exception cref="InvalidValueException">The text is empty or white space.</exception>
    static abstract TSelf Parse(string value);
}
