namespace CrmKit.Customers.Import;

/// <summary>What one amount, as written, says about the number style of its column.</summary>
internal enum AmountEvidence
{
    /// <summary>Not an amount in either style: <c>1.25.000</c>, <c>12 kg</c>, <c>abc</c>.</summary>
    Invalid,

    /// <summary>The same amount in both styles: <c>125000</c>, <c>0</c>, <c>1 250 000</c>, <c>₫ 99</c>.</summary>
    Neutral,

    /// <summary>An amount only in the Vietnamese style: <c>1.250.000</c>, <c>1,25</c>, <c>2.390.000,50</c>.</summary>
    ProvesVietnamese,

    /// <summary>An amount only in the English style: <c>1,250,000</c>, <c>125.50</c>, <c>1,250.00</c>.</summary>
    ProvesEnglish,

    /// <summary>
    /// An amount in both styles, but not the same one: <c>125.000</c> is 125000 (Vietnamese) or 125 (English);
    /// <c>1,250</c> is 1.25 (Vietnamese) or 1250 (English).
    /// </summary>
    Ambiguous,
}
