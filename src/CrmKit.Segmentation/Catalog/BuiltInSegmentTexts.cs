using System.Collections.Frozen;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// The Vietnamese names and descriptions of the built-in segments, by segment id, written by the CrmKit team in the
/// words Vietnamese shops use ("khách hàng mới", "khách lâu không quay lại") — not word for word. A built-in segment
/// without an entry here fails <see cref="Localize"/>, so none can ship in English only.
/// </summary>
internal static class BuiltInSegmentTexts
{
    /// <summary>Segment id → Vietnamese name and description.</summary>
    public static FrozenDictionary<string, (string Name, string Description)> Vietnamese { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        // Relationship.
        ["new"] = ("Khách hàng mới", "Mua lần đầu trong 30 ngày qua."),
        ["potential"] = ("Khách hàng tiềm năng", "Có thông tin trong 180 ngày qua, chưa có đơn hàng nào và đã đồng ý nhận tin quảng cáo qua ít nhất một kênh."),
        ["loyal-customers"] = ("Khách hàng thân thiết", "Có từ ba đơn hàng hoàn tất trở lên, đơn gần nhất trong vòng 180 ngày."),
        ["lapsed"] = ("Khách lâu không quay lại", "Đã từng mua nhưng hơn 180 ngày nay không mua gì."),
        ["first-time-big-buyer"] = ("Khách mua lần đầu giá trị lớn", "Chỉ có một đơn hàng, trị giá từ 2.000.000 ₫ trở lên, đặt trong 90 ngày qua."),

        // Value tiers.
        ["vip"] = ("Khách VIP", "Nhóm khách giá trị nhất: chưa đến 5 % khách của cửa hàng có giá trị cao hơn (theo giá trị dự đoán, nếu không có thì theo chi tiêu 365 ngày qua)."),
        ["high-value"] = ("Khách giá trị cao", "Chưa đến 20 % khách của cửa hàng có giá trị cao hơn."),
        ["average-value"] = ("Khách giá trị trung bình", "Chưa đến 50 % khách của cửa hàng có giá trị cao hơn."),
        ["low-value"] = ("Khách giá trị thấp", "Các khách còn lại, kể cả khách chưa mua hàng."),

        // Demographics.
        ["age-child"] = ("Trẻ em", "Dưới 16 tuổi."),
        ["age-youth"] = ("Thanh niên", "Từ 16 đến 35 tuổi."),
        ["age-middle"] = ("Trung niên", "Từ 36 đến 59 tuổi."),
        ["age-elderly"] = ("Người cao tuổi", "Từ 60 tuổi trở lên."),
        ["female"] = ("Khách nữ", "Giới tính nữ."),
        ["male"] = ("Khách nam", "Giới tính nam."),
        ["income-high"] = ("Thu nhập cao", "Mức thu nhập cao."),
        ["income-middle"] = ("Thu nhập trung bình", "Mức thu nhập trung bình."),
        ["income-low"] = ("Thu nhập thấp", "Mức thu nhập thấp."),
        ["urban"] = ("Thành thị", "Sống ở thành thị."),
        ["suburban"] = ("Ven đô", "Sống ở vùng ven đô."),
        ["rural"] = ("Nông thôn", "Sống ở nông thôn."),
        ["individual"] = ("Khách cá nhân", "Khách hàng là cá nhân."),
        ["business"] = ("Khách doanh nghiệp", "Khách hàng là doanh nghiệp."),

        // Tags and occasions.
        ["interest-food"] = ("Mê ẩm thực", "Có nhãn ẩm thực hoặc food."),
        ["interest-travel"] = ("Thích du lịch", "Có nhãn du lịch hoặc travel."),
        ["interest-beauty"] = ("Quan tâm làm đẹp", "Có nhãn làm đẹp hoặc beauty."),
        ["birthday-this-week"] = ("Sinh nhật trong tuần", "Khách cá nhân có sinh nhật hôm nay hoặc trong 6 ngày tới."),

        // Model figures.
        ["likely-churned"] = ("Có thể đã rời bỏ", "Mô hình CLV ước tính khả năng khách còn mua dưới 0,3."),
        ["clv-top"] = ("Giá trị dự đoán cao nhất", "Mô hình CLV dự đoán khách mang lại từ 5.000.000 ₫ trở lên."),

        // Named RFM segments.
        ["champions"] = ("Khách xuất sắc", "Mua gần đây, mua thường xuyên và chi tiêu nhiều nhất (R ≥ 4, F ≥ 4, M ≥ 4)."),
        ["loyal"] = ("Khách trung thành", "Mua thường xuyên, lần mua gần nhất cũng khá gần (R ≥ 3, F ≥ 4, không thuộc nhóm xuất sắc)."),
        ["potential-loyalist"] = ("Sắp thành khách trung thành", "Mới mua gần đây và đã có vài đơn (R ≥ 4, F 2–3)."),
        ["new-customers"] = ("Khách mới (RFM)", "Vừa mua gần đây nhất, mới mua một lần (R = 5, F = 1)."),
        ["promising"] = ("Khách triển vọng", "Mua một lần, cũng khá gần đây (R = 4, F = 1)."),
        ["need-attention"] = ("Cần quan tâm", "Độ gần và tần suất mua đều ở mức trung bình (R = 3, F = 3)."),
        ["about-to-sleep"] = ("Sắp ngủ quên", "Lần mua gần nhất đã hơi lâu, ít đơn (R = 3, F ≤ 2)."),
        ["at-risk"] = ("Có nguy cơ rời bỏ", "Từng mua thường xuyên nhưng dạo này không mua (R = 2, F ≥ 3)."),
        ["cannot-lose-them"] = ("Không thể để mất", "Khách từng mua nhiều nhưng đã im lặng lâu nhất (R = 1, F ≥ 4)."),
        ["hibernating"] = ("Ngủ đông", "Lâu không mua, ít đơn (R = 2, F ≤ 2; hoặc R = 1, F = 3)."),
        ["lost"] = ("Đã mất", "Lâu không mua nhất và ít đơn nhất (R = 1, F ≤ 2)."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The segment's name and description in English and Vietnamese.</summary>
    /// <exception cref="InvalidOperationException">The segment has no Vietnamese texts.</exception>
    public static (LocalizedText Name, LocalizedText Description) Localize(string id, string name, string description)
        => Vietnamese.TryGetValue(id, out var vi)
            ? (Both(name, vi.Name), Both(description, vi.Description))
            : throw new InvalidOperationException($"The built-in segment '{id}' has no Vietnamese name and description.");

    private static LocalizedText Both(string english, string vietnamese)
        => LocalizedText.Create([KeyValuePair.Create("en", english), KeyValuePair.Create("vi", vietnamese)]);
}
