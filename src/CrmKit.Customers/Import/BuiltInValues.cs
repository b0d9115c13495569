using System.Collections.Frozen;

namespace CrmKit.Customers.Import;

/// <summary>
/// Values recognised without a mapping because they have one meaning wherever they appear: Vietnamese genders and
/// order statuses, the order statuses of the common platforms, and the usual names of sales channels and acquisition
/// sources in Vietnamese and English (an online store, a point of sale, the big marketplaces and social networks).
/// Everything else needs a mapping's value map. Words are matched ignoring case; a word whose meaning differs between
/// platforms (TikTok: a social network for one, a marketplace for another) is deliberately not here.
/// </summary>
internal static class BuiltInValues
{
    private static readonly FrozenDictionary<string, string> Gender = Build(
        ("nam", "male"), ("nữ", "female"), ("nu", "female"), ("khác", "other"), ("m", "male"), ("f", "female"));

    private static readonly FrozenDictionary<string, string> OrderStatus = Build(
        ("hoàn thành", "completed"), ("đã hoàn thành", "completed"), ("thành công", "completed"), ("đã giao", "completed"),
        ("đã hủy", "cancelled"), ("hủy", "cancelled"), ("đã huỷ", "cancelled"), ("huỷ", "cancelled"),
        ("trả hàng", "returned"), ("đã trả hàng", "returned"), ("hoàn trả", "returned"),
        ("paid", "completed"), ("refunded", "returned"), ("voided", "cancelled"), ("canceled", "cancelled"));

    // Order channels: Shopify's "Online Store"/"Point of Sale" sales channels and its source names (web, pos), Haravan's
    // and Sapo's "web"/"pos"/"online", KiotViet's "Bán trực tiếp" and KiotViet's and Sapo's "Tại quầy" (sold at the counter), and the Vietnamese words.
    private static readonly FrozenDictionary<string, string> Channel = Build(
        ("web", "website"), ("online", "website"), ("online store", "website"), ("webshop", "website"),
        ("trực tuyến", "website"), ("bán online", "website"), ("cửa hàng trực tuyến", "website"),
        ("pos", "in_store"), ("point of sale", "in_store"), ("offline", "in_store"),
        ("tại cửa hàng", "in_store"), ("cửa hàng", "in_store"), ("bán trực tiếp", "in_store"), ("bán tại cửa hàng", "in_store"),
        ("tại quầy", "in_store"), ("bán tại quầy", "in_store"),
        ("mobile app", "app"), ("ứng dụng", "app"),
        ("shopee", "marketplace"), ("lazada", "marketplace"), ("tiki", "marketplace"), ("sendo", "marketplace"), ("sàn tmđt", "marketplace"),
        ("facebook", "social"), ("zalo", "social"), ("instagram", "social"), ("messenger", "social"),
        ("điện thoại", "phone"), ("hotline", "phone"));

    // Customer acquisition sources: the same words where they name where a customer came from.
    private static readonly FrozenDictionary<string, string> Source = Build(
        ("web", "website"), ("online", "website"), ("online store", "website"), ("trực tuyến", "website"),
        ("pos", "walk_in"), ("tại cửa hàng", "walk_in"), ("cửa hàng", "walk_in"), ("tại quầy", "walk_in"), ("vãng lai", "walk_in"),
        ("shopee", "marketplace"), ("lazada", "marketplace"), ("tiki", "marketplace"), ("sendo", "marketplace"),
        ("facebook", "social_network"), ("zalo", "social_network"), ("instagram", "social_network"), ("mạng xã hội", "social_network"),
        ("giới thiệu", "referral"), ("người quen giới thiệu", "referral"), ("quảng cáo", "advertising"), ("ads", "advertising"), ("khác", "other"));

    private static readonly FrozenSet<string> WalkIn = new[] { "khách lẻ", "khach le", "khách vãng lai", "walk-in customer", "walk-in", "(blank)" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a customer id or name is a walk-in placeholder (<c>Khách lẻ</c>, <c>(blank)</c>): the sale is a guest sale.</summary>
    public static bool IsWalkIn(string text)
    {
        // Lower-cased on the stack (the same invariant mapping as string.ToLowerInvariant, one character for one): every
        // order row asks this of its customer id, which is seldom a walk-in word.
        if (text.Length > MaxWalkInLength)
        {
            return false;
        }

        Span<char> lower = stackalloc char[MaxWalkInLength];
        var length = text.AsSpan().ToLowerInvariant(lower);
        return WalkInLookup.Contains(lower[..length]);
    }

    // The longest walk-in word; a longer text is none of them (lower-casing keeps the length).
    private const int MaxWalkInLength = 32;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WalkInLookup = WalkIn.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The CrmKit value of a built-in word, or the text itself.</summary>
    public static string Map(ImportFileKind kind, string field, string text)
    {
        var table = (kind, field) switch
        {
            (ImportFileKind.Customers, "gender") => Gender,
            (ImportFileKind.Orders, "status") => OrderStatus,
            (ImportFileKind.Orders, "channel") => Channel,
            (ImportFileKind.Customers, "source") => Source,
            _ => null,
        };
        return table is not null && table.TryGetValue(text.Trim().ToLowerInvariant(), out var value) ? value : text;
    }

    private static FrozenDictionary<string, string> Build(params (string Word, string Value)[] pairs)
        => pairs.ToFrozenDictionary(p => p.Word, p => p.Value, StringComparer.Ordinal);
}
