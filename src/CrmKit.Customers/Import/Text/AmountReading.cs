namespace CrmKit.Customers.Import;

/// <summary>An amount read from a cell, with the currency mark written next to it, if any.</summary>
/// <param name="Amount">The amount, with the sign and the decimals as written (<c>2.390.000,50</c> → 2390000.50).</param>
/// <param name="CurrencyMark">The mark as written (<c>₫</c>, <c>VNĐ</c>, <c>US$</c>, <c>usd</c>), or <see langword="null"/> when there is none.</param>
/// <param name="CurrencyCode">
/// The ISO 4217 code the mark stands for, upper case: <c>VND</c> for <c>₫</c>, <c>đ</c>, <c>VNĐ</c> and <c>đồng</c>,
/// <c>USD</c> for <c>$</c> and <c>US$</c>, <c>EUR</c> for <c>€</c>, <c>GBP</c> for <c>£</c>, and any three letters
/// upper-cased (<c>jpy</c> → <c>JPY</c>). Whether the code is a known currency, and what a missing mark means, is the
/// caller's decision (see <see cref="Currency.TryFromCode(string?, out Currency)"/>).
/// </param>
internal readonly record struct AmountReading(decimal Amount, string? CurrencyMark, string? CurrencyCode);
