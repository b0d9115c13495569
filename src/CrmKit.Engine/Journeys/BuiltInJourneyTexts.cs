using System.Collections.Frozen;
using CrmKit.CareProcess;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>
/// The Vietnamese texts of the engine's own built-in processes (win-back, VIP welcome, greetings), keyed by their
/// English text, and the helper that writes a journey's name and description in both languages. Written by the CrmKit
/// team as a Vietnamese shop would say them; <see cref="ProcessModel.WithTranslation"/> fails on a text missing here.
/// </summary>
internal static class BuiltInJourneyTexts
{
    /// <summary>English → Vietnamese for the processes of <see cref="BuiltInJourneys"/>.</summary>
    public static FrozenDictionary<string, string> VietnameseTexts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Win-back"] = "Mời khách quay lại",
        ["For a customer who lapsed: an offer, then a reminder with a voucher; the journey exits when the customer buys again."] =
            "Dành cho khách lâu không quay lại: gửi ưu đãi, sau đó nhắc kèm phiếu giảm giá; hành trình dừng khi khách mua lại.",
        ["Win-back offer sent"] = "Đã gửi ưu đãi mời quay lại",
        ["Voucher reminder sent"] = "Đã nhắc kèm phiếu giảm giá",
        ["Win-back finished"] = "Kết thúc mời quay lại",
        ["VIP welcome"] = "Chào mừng khách VIP",
        ["For a customer who became a VIP: a welcome with the VIP perks and a personal call within three days."] =
            "Dành cho khách vừa lên hạng VIP: gửi lời chào kèm quyền lợi VIP và gọi điện riêng cho khách trong vòng ba ngày.",
        ["Welcomed"] = "Đã gửi lời chào",
        ["Welcome finished"] = "Kết thúc chào mừng",
        ["Birthday greeting"] = "Chúc mừng sinh nhật",
        ["Birthday greeting: one message."] = "Chúc mừng sinh nhật: gửi một tin nhắn.",
        ["Tết greeting"] = "Chúc Tết",
        ["Tết greeting: one message."] = "Chúc Tết: gửi một tin nhắn.",
        ["Greeting sent"] = "Đã gửi lời chúc",
        ["Done"] = "Hoàn tất",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The definition with its Vietnamese texts added.</summary>
    public static ProcessDefinition WithVietnamese(ProcessDefinition definition)
        => ProcessDefinition.Create(definition.Model.WithTranslation("vi", VietnameseTexts));

    /// <summary>A text in English and Vietnamese.</summary>
    public static LocalizedText Text(string english, string vietnamese)
        => LocalizedText.Create([KeyValuePair.Create("en", english), KeyValuePair.Create("vi", vietnamese)]);
}
