namespace CrmKit.Customers;

/// <summary>Two amounts in different currencies were combined.</summary>
public sealed class CurrencyMismatchException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public CurrencyMismatchException(Currency left, Currency right, string operation)
        : base($"Cannot {operation} amounts in {left.Code} and {right.Code}.", "Convert both amounts to one currency first.")
    {
        Left = left;
        Right = right;
    }

    /// <summary>The currency of the left operand.</summary>
    public Currency Left { get; }

    /// <summary>The currency of the right operand.</summary>
    public Currency Right { get; }
}
