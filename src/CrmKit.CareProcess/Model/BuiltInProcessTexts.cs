using System.Collections.Frozen;

namespace CrmKit.CareProcess;

/// <summary>
/// The Vietnamese texts of the built-in processes (names, descriptions, state and trigger labels), keyed by their
/// English text and written by the CrmKit team as a Vietnamese shop's staff would say them — not word for word.
/// <see cref="ProcessModel.WithTranslation"/> fails on a built-in text missing here, so none can ship untranslated.
/// </summary>
internal static class BuiltInProcessTexts
{
    /// <summary>The language tag of the translations.</summary>
    public const string Vietnamese = "vi";

    /// <summary>English → Vietnamese.</summary>
    public static FrozenDictionary<string, string> VietnameseTexts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Customer lifecycle.
        ["Customer lifecycle"] = "Vòng đời khách hàng",
        ["The five relationship stages. Automatic paths only move forward: an order never takes a loyal customer back to conversion."] =
            "Năm giai đoạn gắn bó với cửa hàng. Hệ thống chỉ tự chuyển khách lên giai đoạn sau: một đơn hàng mới không bao giờ đưa khách trung thành quay lại giai đoạn mua lần đầu.",
        ["Knows the shop"] = "Đã biết đến cửa hàng",
        ["Left contact details"] = "Đã để lại thông tin liên hệ",
        ["First purchase"] = "Mua lần đầu",
        ["Bought again"] = "Đã quay lại mua",
        ["Repeat buyer and advocate"] = "Khách mua thường xuyên và hay giới thiệu",
        ["The customer left contact details"] = "Khách để lại thông tin liên hệ",
        ["A completed order; orderCount is the customer's number of completed orders"] = "Có đơn hàng hoàn tất; orderCount là số đơn đã hoàn tất của khách",
        ["The customer referred a new customer"] = "Khách giới thiệu được khách mới",

        // Customer activity.
        ["Customer activity"] = "Mức độ mua sắm của khách",
        ["Activity beside the lifecycle: timers measure the time since the last order (each order re-enters a state and restarts its timer)."] =
            "Theo dõi song song với vòng đời: hẹn giờ tính từ đơn hàng gần nhất (mỗi đơn mới đưa khách vào lại trạng thái và tính giờ lại từ đầu).",
        ["Bought within 90 days"] = "Có mua trong 90 ngày qua",
        ["No order for 90 days"] = "90 ngày chưa mua",
        ["No order for 180 days"] = "180 ngày chưa mua",
        ["Win-back offer sent"] = "Đã gửi ưu đãi mời quay lại",
        ["Came back after lapsing"] = "Đã quay lại mua sau thời gian vắng",
        ["A completed order"] = "Có đơn hàng hoàn tất",
        ["A win-back offer went out"] = "Đã gửi ưu đãi mời khách quay lại",

        // Pre-sale care.
        ["Pre-sale care"] = "Chăm sóc trước bán hàng",
        ["From a first contact to a sale: answer promptly (a reminder after 4 business hours without an answer), introduce what fits, nurture those not ready."] =
            "Từ lần liên hệ đầu tiên đến khi chốt đơn: trả lời nhanh (nhắc việc nếu quá 4 giờ làm việc chưa trả lời), giới thiệu sản phẩm phù hợp, tiếp tục chăm sóc khách chưa sẵn sàng mua.",
        ["Collect contact details and the need"] = "Ghi nhận thông tin liên hệ và nhu cầu",
        ["Classify the lead"] = "Phân loại khách tiềm năng",
        ["Answer questions promptly"] = "Trả lời thắc mắc kịp thời",
        ["Introduce suitable products and close"] = "Giới thiệu sản phẩm phù hợp và chốt đơn",
        ["Keep in touch"] = "Giữ liên lạc",
        ["Became a customer"] = "Đã trở thành khách hàng",
        ["Name, phone and need recorded"] = "Đã ghi tên, số điện thoại và nhu cầu",
        ["The lead was classified (segment or need)"] = "Đã phân loại khách (theo nhóm khách hoặc nhu cầu)",
        ["A question was answered"] = "Đã trả lời câu hỏi của khách",
        ["The need is clear; products can be introduced"] = "Đã rõ nhu cầu, có thể giới thiệu sản phẩm",
        ["The lead bought"] = "Khách đã mua hàng",
        ["The lead is not ready"] = "Khách chưa sẵn sàng mua",
        ["The lead asked again"] = "Khách hỏi lại",

        // After-sale care.
        ["After-sale care"] = "Chăm sóc sau bán hàng",
        ["After each purchase: thank, ask for feedback, check in, reward; a complaint at any step is handled first (ideally in one contact)."] =
            "Sau mỗi lần mua: cảm ơn, xin đánh giá, hỏi thăm, tặng ưu đãi; khách khiếu nại ở bước nào cũng được xử lý trước tiên (tốt nhất là xong ngay trong một lần liên hệ).",
        ["Regular after-sale care"] = "Chăm sóc sau bán thường lệ",
        ["Thank and confirm delivery"] = "Cảm ơn và xác nhận đã giao hàng",
        ["Ask for feedback and a review"] = "Xin ý kiến và đánh giá",
        ["Proactive check-in"] = "Chủ động hỏi thăm",
        ["Loyalty perks and referral ask"] = "Tặng ưu đãi khách thân thiết và nhờ giới thiệu",
        ["Handle the complaint"] = "Xử lý khiếu nại",
        ["Care cycle done"] = "Xong một vòng chăm sóc",
        ["The customer rated the purchase (1–5)"] = "Khách chấm điểm đơn hàng (1–5 sao)",
        ["Staff checked in with the customer"] = "Nhân viên đã hỏi thăm khách",
        ["The customer complained"] = "Khách khiếu nại",
        ["The complaint was resolved"] = "Đã giải quyết xong khiếu nại",

        // Support ticket.
        ["Support ticket"] = "Phiếu hỗ trợ",
        ["A ticket from any channel. Pending waits for the customer (auto-solved after 7 days); solved closes after 4 days unless the customer replies; a reply to a closed ticket starts a follow-up ticket. SLA clocks: SlaPolicy."] =
            "Phiếu hỗ trợ từ mọi kênh. Khi chờ khách phản hồi, phiếu tự chuyển sang đã giải quyết sau 7 ngày; phiếu đã giải quyết tự đóng sau 4 ngày nếu khách không trả lời; khách trả lời phiếu đã đóng thì mở phiếu tiếp nối. Thời hạn xử lý (SLA): xem SlaPolicy.",
        ["Not yet handled"] = "Chưa xử lý",
        ["Being worked on"] = "Đang xử lý",
        ["Waiting for the customer"] = "Chờ khách phản hồi",
        ["Waiting for a third party"] = "Chờ bên thứ ba",
        ["Solved; closes automatically"] = "Đã giải quyết, sẽ tự đóng",
        ["Closed for good"] = "Đã đóng hẳn",
        ["Assigned to an agent"] = "Đã giao cho nhân viên",
        ["An agent replied"] = "Nhân viên đã trả lời",
        ["The customer replied"] = "Khách đã trả lời",
        ["The agent needs something from the customer"] = "Nhân viên cần khách cung cấp thêm",
        ["Work resumes"] = "Tiếp tục xử lý",
        ["The agent solved the ticket"] = "Nhân viên đã giải quyết xong",

        // Warranty / repair case.
        ["Warranty / repair case"] = "Bảo hành / sửa chữa",
        ["A product brought in for warranty or repair. The decision's reason is kept in the case data."] =
            "Sản phẩm khách mang đến bảo hành hoặc sửa chữa. Lý do của quyết định bảo hành được lưu trong hồ sơ.",
        ["Product received"] = "Đã nhận sản phẩm",
        ["Fault diagnosed"] = "Đã xác định lỗi",
        ["Covered by warranty"] = "Được bảo hành",
        ["Not covered"] = "Không được bảo hành",
        ["Repaired"] = "Đã sửa xong",
        ["Replaced"] = "Đã đổi mới",
        ["Returned to the customer"] = "Đã trả lại khách",
        ["A technician diagnosed the fault"] = "Kỹ thuật viên đã xác định lỗi",
        ["Warranty decision"] = "Quyết định bảo hành",
        ["The product was repaired"] = "Sản phẩm đã sửa xong",
        ["The product was replaced"] = "Sản phẩm đã được đổi mới",
        ["The customer accepted a paid repair"] = "Khách đồng ý sửa có tính phí",
        ["The product was returned to the customer"] = "Sản phẩm đã trả lại cho khách",

        // Guard descriptions and task titles (diagrams, the customer profile's open tasks); the last is the engine's
        // VIP welcome journey's task.
        ["second order or more"] = "từ đơn thứ hai trở đi",
        ["still one order"] = "mới có một đơn",
        ["five orders or more"] = "từ năm đơn trở lên",
        ["fewer than five orders"] = "chưa đến năm đơn",
        ["rating 4 or 5"] = "chấm 4 hoặc 5 sao",
        ["rating 3 or less"] = "chấm từ 3 sao trở xuống",
        ["under warranty"] = "còn bảo hành",
        ["not under warranty"] = "đã hết bảo hành",
        ["Check in with the customer"] = "Hỏi thăm khách",
        ["Resolve the complaint in one contact"] = "Giải quyết khiếu nại ngay trong một lần liên hệ",
        ["Prepare a win-back offer"] = "Chuẩn bị ưu đãi mời khách quay lại",
        ["Send a tailored offer"] = "Gửi ưu đãi hợp với nhu cầu của khách",
        ["Unanswered question: reply now"] = "Khách hỏi chưa được trả lời: trả lời ngay",
        ["Call to welcome the new VIP"] = "Gọi điện chào mừng khách vừa lên VIP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The definition with its Vietnamese texts added (<see cref="ProcessModel.WithTranslation"/>).</summary>
    public static ProcessDefinition WithVietnamese(ProcessDefinition definition)
        => ProcessDefinition.Create(definition.Model.WithTranslation(Vietnamese, VietnameseTexts));
}
