using System.Collections.Frozen;

namespace CrmKit.Customers.Import;

/// <summary>
/// Values recognised without a mapping because they have one meaning wherever they appear: Vietnamese genders and
/// order statuses, and the order statuses of the common platforms. Everything else needs a mapping's value map.
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

    private static readonly FrozenSet<string> WalkIn = new[] { "khách lẻ", "khach le", "khách vãng lai", "walk-in customer", "walk-in", "(blank)" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a customer id or name is a walk-in placeholder (<c>Khách lẻ</c>, <c>(blank)</c>): the sale is a guest sale.</summary>
    public static bool IsWalkIn(string text) => WalkIn.Contains(text.ToLowerInvariant());

    /// <summary>The CrmKit value of a built-in word, or the text itself.</summary>
    public static string Map(ImportFileKind kind, string field, string text)
    {
        var table = (kind, field) switch
        {
            (ImportFileKind.Customers, "gender") => Gender,
            (ImportFileKind.Orders, "status") => OrderStatus,
            _ => null,
        };
        return table is not null && table.TryGetValue(text.ToLowerInvariant(), out var value) ? value : text;
    }

    private static FrozenDictionary<string, string> Build(params (string Word, string Value)[] pairs)
        => pairs.ToFrozenDictionary(p => p.Word, p => p.Value, StringComparer.Ordinal);
}
