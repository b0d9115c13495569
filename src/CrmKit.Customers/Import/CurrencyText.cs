using System.Diagnostics.CodeAnalysis;

namespace CrmKit.Customers.Import;

/// <summary>Currency cells as shops write them: ISO 4217 codes, and the symbols and local spellings of the đồng.</summary>
internal static class CurrencyText
{
    /// <summary>Reads <c>VND</c>, <c>vnd</c>, <c>VNĐ</c>, <c>đ</c>, <c>₫</c>, <c>$</c>, <c>US$</c>, <c>€</c>, <c>£</c> or any known ISO code.</summary>
    public static bool TryResolve([NotNullWhen(true)] string? text, out Currency currency)
    {
        var key = text?.Trim();
        switch (key?.ToUpperInvariant())
        {
            case "VNĐ" or "Đ" or "₫" or "ĐỒNG" or "DONG":
                currency = Currency.Vnd;
                return true;
            case "$" or "US$":
                currency = Currency.Usd;
                return true;
            case "€":
                currency = Currency.Eur;
                return true;
            case "£":
                currency = Currency.FromCode("GBP");
                return true;
            default:
                return Currency.TryFromCode(key, out currency);
        }
    }
}
