using System.Globalization;
using CrmKit.CareProcess.Planning;

namespace CrmKit.CareProcess.Tests;

/// <summary>
/// Issue 21: contact reasons as a shop owner reads them. The policy's and the engine's invariant English texts are
/// read back as a kind and values (round trip on the texts the policy really writes) and shown in Vietnamese; in
/// English they are the text itself.
/// </summary>
public sealed class ContactReasonTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    private static Instant Local(int day, int hour) => new LocalDateTime(2026, 11, day, hour, 0).InZoneStrictly(Hcm).ToInstant();

    private static ConsentLedger Granted(ContactChannel channel)
        => ConsentLedger.From([new ConsentDecision(channel, ContactPurpose.Marketing, ConsentStatus.Granted, Instant.FromUtc(2025, 1, 1, 0, 0))]);

    [Fact]
    public void PolicyReasons_ReadBackAsTheirKind_AndReadInVietnamese()
    {
        var policy = ContactPolicy.Vietnam;
        var noConsent = policy.Decide(ContactChannel.Zalo, ContactPurpose.Marketing, Local(10, 10), Hcm, ConsentLedger.Empty, []).Reason!;
        var quiet = policy.Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 23), Hcm, ConsentLedger.Empty, []).Reason!;
        ContactRecord[] sent = [new(Local(10, 9), ContactChannel.Sms, ContactPurpose.Marketing), new(Local(10, 12), ContactChannel.Sms, ContactPurpose.Marketing), new(Local(10, 15), ContactChannel.Sms, ContactPurpose.Marketing)];
        var cap = policy.Decide(ContactChannel.Sms, ContactPurpose.Marketing, Local(10, 18), Hcm, Granted(ContactChannel.Sms), sent).Reason!;
        var dropped = (policy with { DeferDeadline = Duration.FromHours(2) }).Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 23), Hcm, ConsentLedger.Empty, []).Reason!;
        var withdrawn = ConsentLedger.From([new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Transactional, ConsentStatus.Withdrawn, Instant.FromUtc(2026, 1, 1, 0, 0))]);
        var service = policy.Decide(ContactChannel.Zalo, ContactPurpose.Transactional, Local(10, 10), Hcm, withdrawn, []).Reason!;

        Assert.Equal((ContactReasonKind.NoMarketingConsent, "khách chưa đồng ý nhận tin tiếp thị qua Zalo"), Read(noConsent));
        Assert.Equal((ContactReasonKind.OutsideHours, "ngoài giờ được gửi SMS (07:00–22:00)"), Read(quiet));
        Assert.Equal((ContactReasonKind.ChannelCap, "đã đủ 3 tin tiếp thị SMS trong 24 giờ"), Read(cap));
        Assert.Equal((ContactReasonKind.ServiceMessagesWithdrawn, "khách đã từ chối nhận tin chăm sóc qua Zalo"), Read(service));
        var (kind, text) = Read(dropped);
        Assert.Equal(ContactReasonKind.PastDeadline, kind);
        Assert.StartsWith("ngoài giờ được gửi SMS (07:00–22:00); thời điểm gửi được sớm nhất ", text, StringComparison.Ordinal);
        foreach (var reason in new[] { noConsent, quiet, cap, dropped, service })
        {
            // English names the channel as people read it (Sms → SMS); the text itself stays invariant.
            Assert.Equal(reason.Replace("Sms", "SMS", StringComparison.Ordinal), ContactReason.Parse(reason).Describe(CultureInfo.InvariantCulture));
            Assert.Equal(reason, ContactReason.Parse(reason).ToString());
        }
    }

    [Theory]
    [InlineData("no phone number", ContactReasonKind.NoPhoneNumber, "không có số điện thoại")]
    [InlineData("no email address", ContactReasonKind.NoEmailAddress, "không có địa chỉ email")]
    [InlineData("customer erased", ContactReasonKind.CustomerErased, "dữ liệu khách hàng đã bị xoá")]
    [InlineData("customer merged into 'KH00063'", ContactReasonKind.CustomerMerged, "khách hàng đã được gộp vào 'KH00063'")]
    [InlineData("marketing consent for Email withdrawn", ContactReasonKind.MarketingConsentWithdrawn, "khách đã rút lại đồng ý nhận tin tiếp thị qua email")]
    [InlineData("daily cap: 4 marketing contacts", ContactReasonKind.DailyCap, "đã đủ 4 lần liên hệ tiếp thị trong ngày")]
    [InlineData("outside the channel's hours", ContactReasonKind.OutsideChannelHours, "ngoài giờ được gửi của kênh")]
    [InlineData("no marketing consent for PhoneCall; no allowed instant found", ContactReasonKind.NoAllowedInstant, "khách chưa đồng ý nhận tin tiếp thị qua gọi điện; không tìm được thời điểm nào được phép gửi")]
    [InlineData("gateway said no", ContactReasonKind.Other, "gateway said no")]
    public void EngineAndOtherReasons_ReadInVietnamese(string reason, ContactReasonKind kind, string vietnamese)
        => Assert.Equal((kind, vietnamese), Read(reason));

    [Fact]
    public void EveryKind_IsRecognisedByOneOfTheShapesAbove()
    {
        string[] samples =
        [
            "no marketing consent for Zalo", "Zalo service messages withdrawn", "marketing consent for Zalo withdrawn", "outside Zalo hours 07:00–22:00",
            "outside the channel's hours", "Zalo cap: 3 marketing per 24 h", "daily cap: 4 marketing contacts", "no phone number; next allowed 2026-11-11T00:00:00Z is past the 2h deadline",
            "no phone number; no allowed instant found", "no phone number", "no email address", "customer erased", "customer merged into 'K1'", "journey exited: goal reached",
        ];
        var kinds = samples.Select(s => ContactReason.Parse(s).Kind).ToList();
        Assert.Equal(Enum.GetValues<ContactReasonKind>().Where(k => k != ContactReasonKind.Other).Order(), kinds.Order());
        Assert.All(samples, s => Assert.NotEqual(s, ContactReason.Parse(s).Describe(Vietnamese)));
    }

    private static (ContactReasonKind, string) Read(string reason) => (ContactReason.Parse(reason).Kind, ContactReason.Parse(reason).Describe(Vietnamese));
}
