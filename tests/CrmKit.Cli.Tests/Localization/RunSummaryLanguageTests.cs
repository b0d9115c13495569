using System.Text.Json.Nodes;
using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Customers;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>The sample shop run once more in Vietnamese (text and JSON) and in English (JSON), next to the English text run of <see cref="SeedsReport"/>.</summary>
public sealed class VietnameseSeedsRun
{
    public VietnameseSeedsRun()
    {
        var store = RepositoryRoot.Path("seeds", "store");
        Store = store;
        (ExitCode, Output, Error) = CliRunner.Run("run", "--data", store, "--no-report", "--lang", "vi");
        (_, VietnameseJson, _) = CliRunner.Run("run", "--data", store, "--no-report", "--json", "--lang", "vi");
        (_, EnglishJson, _) = CliRunner.Run("run", "--data", store, "--no-report", "--json", "--lang", "en");
    }

    public string Store { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public string VietnameseJson { get; }

    public string EnglishJson { get; }
}

/// <summary>
/// Issue 21: <c>crmkit run</c>'s text summary in Vietnamese, its English unchanged, its JSON the same in both languages.
/// The Vietnamese lines were worked by hand from the English run's figures (the sample shop, seeds/store): the same
/// numbers with vi-VN's '.' thousands and ',' decimals, VND as ₫, dates dd/MM/yyyy, percentages with a space before the sign
/// ("82 %", as the report writes them); the English lines are the summary as it was before the strings moved to Strings.resx (commit 4e06bef).
/// </summary>
public sealed class RunSummaryLanguageTests(SeedsReport english, VietnameseSeedsRun vietnamese) : IClassFixture<SeedsReport>, IClassFixture<VietnameseSeedsRun>
{
    private static readonly (string English, string Vietnamese)[] Lines =
    [
        ("  imported      5,114 customers, 11,154 orders", "  đã nhập       5.114 khách hàng, 11.154 đơn hàng"),
        ("  orders     2024-11-01 .. 2026-10-31; completed 10,349, returned 440, cancelled 365, pending 0", "  đơn hàng   01/11/2024 .. 31/10/2026; hoàn tất 10.349, trả hàng 440, đã huỷ 365, đang xử lý 0"),
        ("  revenue    7,901,804,000 VND; average order 763,533 VND (10,349 completed orders)", "  doanh thu  7.901.804.000 ₫; giá trị đơn trung bình 763.533 ₫ (10.349 đơn hoàn tất)"),
        ("  buyers     4,108 (82 %), repeat buyers 1,943 (47 % of buyers; purchases on 2 or more days, orders on one day count once)",
            "  người mua  4.108 khách đã mua (82 %), khách mua lại 1.943 (47 % số khách đã mua; mua vào từ 2 ngày khác nhau trở lên, nhiều đơn trong một ngày tính một lần)"),
        ("  consent    marketing by Zalo 1,959, SMS 1,286, email 1,284", "  đồng ý     nhận tin tiếp thị qua Zalo 1.959, SMS 1.286, email 1.284"),
        ("  history    6,566 interactions, 642 tickets, 3,272 feedback, 381 referrals", "  lịch sử    6.566 lượt tương tác, 642 phiếu hỗ trợ, 3.272 phản hồi, 381 lượt giới thiệu"),
        // The RFM bounds and value tiers: English as RfmThresholds/ValueTierThresholds.ToString() write them; Vietnamese
        // the same figures with vi-VN's separators ('; ' between bounds since ',' is the decimal mark) and ₫.
        ("  rfm        R ≤ [486, 288, 185, 61] days, F ≥ [2, 2, 3, 4], M ≥ [454000, 865000, 1505000, 2665000]",
            "  RFM        R ≤ [486; 288; 185; 61] ngày, F ≥ [2; 2; 3; 4], M ≥ [454.000 ₫; 865.000 ₫; 1.505.000 ₫; 2.665.000 ₫]"),
        ("  value tiers VND, predicted value of 4,108 buyers: VIP ≥ 1,719,743, high ≥ 683,948, average ≥ 207,348",
            "  hạng       theo giá trị dự đoán của 4.108 người mua: VIP từ 1.719.743 ₫, cao từ 683.948 ₫, trung bình từ 207.348 ₫"),
        // The model choice: English is HoldoutValidation's invariant Reason as the JSON keeps it; Vietnamese is rendered
        // from the same scores (ClvText.Reason), MBG/NBD's gap to BG/NBD within two paired standard errors.
        ("  CLV model  BG/NBD by holdout (calibration to 2026-05-01): BG/NBD predicts the holdout best: lowest root mean squared error of holdout purchases per customer (0.9297, against MBG/NBD 0.9342, within noise, Pareto/NBD 1.0172; MAE 0.5291, aggregate error 30.5 %) over a holdout of 26.14 weeks",
            "  mô hình    BG/NBD, chọn bằng phép thử: ước lượng trên dữ liệu đến 01/05/2026 rồi so dự đoán với số lần mua thật sau ngày đó: BG/NBD dự đoán sát nhất giai đoạn kiểm tra: sai số căn quân phương (RMSE) của số lần mua mỗi khách trong giai đoạn kiểm tra thấp nhất (0,9297; so với MBG/NBD 0,9342 (chênh lệch nằm trong sai số ngẫu nhiên), Pareto/NBD 1,0172; MAE 0,5291, sai số tổng 30,5 %), giai đoạn kiểm tra dài 26,14 tuần"),
        ("             4,108 buyers, expected purchases in the next 52 weeks 2,663, predicted value 1,911,746,796 VND",
            "             4.108 khách đã mua, số lần mua dự kiến trong 52 tuần tới 2.663, giá trị dự đoán 1.911.746.796 ₫"),
        ("  agenda     today (2026-10-31): due 15, deferred 0, skipped 36, dropped 0; due by channel: Zalo 10, email 4, phone call 1",
            "  lịch       ngày 31/10/2026: đến hạn 15, hoãn lại 0, bỏ qua 36, bỏ lỡ 0; đến hạn theo kênh: Zalo 10, email 4, gọi điện 1"),
        ("  review     last 90 days: retention 37 %, churn 63 %, repeat purchase 31 %, returning revenue 51 %, average order 687,318 VND, frequency 1.52",
            "  đánh giá   90 ngày qua: giữ chân 37 %, rời bỏ 63 %, mua lại 31 %, doanh thu từ khách quay lại 51 %, giá trị đơn trung bình 687.318 ₫, tần suất mua 1,52"),
        ("             care actions due 1,049, done 84 (8 %) across 8 staff", "             việc chăm sóc đến hạn 1.049, đã làm 84 (8 %), do 8 nhân viên phụ trách"),
        ("             CSAT 55 %, NPS –, CES 3.84; 108 tickets, median first reply 0 min, median resolution 9.3 h (business hours), SLA breached 27 %",
            "             CSAT 55 %, NPS –, CES 3,84; 108 phiếu hỗ trợ, thời gian phản hồi đầu tiên (trung vị) 0 phút, thời gian giải quyết (trung vị) 9,3 giờ (giờ làm việc), trễ hạn SLA 27 %"),
    ];

    [Fact]
    public void Vietnamese_Summary_HasTheEnglishFiguresWrittenTheVietnameseWay()
    {
        Assert.Equal(0, vietnamese.ExitCode);
        var lines = vietnamese.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"CrmKit xử lý dữ liệu trong {vietnamese.Store}, số liệu tính đến 31/10/2026 20:49 (Asia/Ho_Chi_Minh)", lines[0]);
        foreach (var (_, expected) in Lines)
        {
            Assert.Contains(expected, lines);
        }

        // Segment names in Vietnamese (the built-in catalogue's own texts), the largest first.
        Assert.Contains("  nhóm khách 39/40 nhóm có khách; đông nhất: Khách cá nhân 4.807, Khách giá trị thấp 2.944, Thành thị 2.617, Khách lâu không quay lại 2.484, Khách nữ 2.290", lines);
    }

    [Fact]
    public void English_Summary_IsTheSummaryAsBefore()
    {
        Assert.Equal(0, english.ExitCode);
        var lines = english.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"CrmKit run over {vietnamese.Store}, as of 2026-10-31 20:49 (Asia/Ho_Chi_Minh)", lines[0]);
        foreach (var (expected, _) in Lines)
        {
            Assert.Contains(expected, lines);
        }

        Assert.Contains("  segments   39 of 40 non-empty; largest: Individuals 4,807, Low value 2,944, Urban 2,617, Lapsed (not returned) 2,484, Women 2,290", lines);
        Assert.DoesNotContain(lines, l => l.Contains('₫', StringComparison.Ordinal));
    }

    [Fact]
    public void Json_IsTheSameInBothLanguages_ButForTheElapsedSeconds()
    {
        var vi = JsonNode.Parse(vietnamese.VietnameseJson)!.AsObject();
        var en = JsonNode.Parse(vietnamese.EnglishJson)!.AsObject();
        Assert.True(vi.Remove("seconds") && en.Remove("seconds"));
        Assert.True(JsonNode.DeepEquals(en, vi), "the JSON summary differs between --lang en and --lang vi");
        Assert.Equal("2026-10-31T13:49:00Z", (string?)en["asOf"]);
        Assert.DoesNotContain("₫", vietnamese.VietnameseJson, StringComparison.Ordinal);
    }

    // Checks that every value of T but `except` has a non-empty text in the current language; returns how many it checked.
    private static int Each<T>(T? except = null)
        where T : struct, Enum
    {
        var checkedValues = 0;
        foreach (var value in Enum.GetValues<T>().Where(v => !v.Equals(except)))
        {
            Assert.False(string.IsNullOrWhiteSpace(DisplayNames.Of(value)));
            checkedValues++;
        }

        return checkedValues;
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public void EveryEnumShown_HasATextInBothLanguages(string language)
    {
        var shown = UiLanguage.Find(language)!.Apply(() =>
            Each<OrderStatus>() + Each<AgendaStatus>() + Each<ContactChannel>() + Each<ContactVerdict>() + Each<CrmKit.Engine.OutboxState>()

            // The profile's words (crmkit customer).
            + Each<CustomerKind>() + Each<LifecycleStage>() + Each<AcquisitionSource>() + Each<Gender>() + Each<IncomeTier>() + Each<AreaType>() + Each<SalesChannel>()
            + Each<ConsentStatus>() + Each<ContactPurpose>() + Each<CrmKit.Engine.InstanceStatus>()

            // The merge evidence and conflicts (summary and report), every flag but None.
            + Each<CrmKit.Customers.Identity.MatchEvidence>(CrmKit.Customers.Identity.MatchEvidence.None) + Each<CrmKit.Customers.Identity.IdentityConflict>(CrmKit.Customers.Identity.IdentityConflict.None));
        Assert.Equal(
            Enum.GetValues<OrderStatus>().Length + Enum.GetValues<AgendaStatus>().Length + Enum.GetValues<ContactChannel>().Length + Enum.GetValues<ContactVerdict>().Length + Enum.GetValues<CrmKit.Engine.OutboxState>().Length
            + Enum.GetValues<CustomerKind>().Length + Enum.GetValues<LifecycleStage>().Length + Enum.GetValues<AcquisitionSource>().Length + Enum.GetValues<Gender>().Length + Enum.GetValues<IncomeTier>().Length + Enum.GetValues<AreaType>().Length + Enum.GetValues<SalesChannel>().Length
            + Enum.GetValues<ConsentStatus>().Length + Enum.GetValues<ContactPurpose>().Length + Enum.GetValues<CrmKit.Engine.InstanceStatus>().Length
            + Enum.GetValues<CrmKit.Customers.Identity.MatchEvidence>().Length - 1 + Enum.GetValues<CrmKit.Customers.Identity.IdentityConflict>().Length - 1,
            shown);
    }
    [Fact]
    public void Journeys_AndNextTemplates_AreNamedInVietnamese_WithTheirIds()
    {
        Assert.Equal(0, vietnamese.ExitCode);
        Assert.Contains("             Chăm sóc sau bán cho mỗi đơn hàng hoàn tất (after-sale@v1): tham gia 10.349, đang chạy 1.181, hoàn tất 9.168, dừng giữa chừng 0, đạt mục tiêu 4.479", vietnamese.Output.ReplaceLineEndings("\n").Split('\n'));
        Assert.Contains("tiếp theo: 20:59 Zalo Xin khách đánh giá (review-request), 21:00 Zalo Xin khách đánh giá (review-request), 21:22 SMS Phiếu ưu đãi mời khách quay lại (comeback-voucher)", vietnamese.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^ {13}after-sale@v1", vietnamese.Output);
        Assert.Matches(@"(?m)^ {13}after-sale@v1 +enrolled ", english.Output);
        Assert.Contains("next: 20:59 Zalo review-request, 21:00 Zalo review-request, 21:22 SMS comeback-voucher", english.Output, StringComparison.Ordinal);
    }
}
