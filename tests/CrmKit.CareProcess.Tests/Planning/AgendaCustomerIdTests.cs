namespace CrmKit.CareProcess.Tests;

/// <summary>The agenda names customers by <see cref="CustomerId"/> (api-review rule 5) without changing its keys.</summary>
public sealed class AgendaCustomerIdTests
{
    private static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    [Fact]
    public void IdempotencyKey_OfACustomerKeyedByPhoneNumber_HoldsTheIdItself_NotItsMaskedText()
    {
        // CustomerId.ToString() masks a phone number; the key must stay the id's value, or a retry after an upgrade
        // would not find the message already enqueued (the outbox's unique key is customer id + idempotency key).
        var subject = new CareSubject
        {
            CustomerId = new CustomerId("0901234567"),
            Zone = Hcm,
            Segments = BuiltInSegments.Catalog.Membership(["vip"]),
            Consents = ConsentLedger.From([new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, Instant.FromUtc(2025, 1, 1, 0, 0))]),
            BirthDate = new LocalDate(1990, 2, 10),
        };
        var asOf = new LocalDateTime(2026, 2, 10, 9, 30).InZoneStrictly(Hcm).ToInstant();

        var items = new CareAgenda(BuiltInCarePlans.All).For(subject, asOf);

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(new CustomerId("0901234567"), i.CustomerId));
        Assert.All(items, i => Assert.StartsWith("0901234567/", i.IdempotencyKey, StringComparison.Ordinal));
        Assert.DoesNotContain("0901234567", items[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCustomerId_IsRefused_ByTheSubjectAndTheItem()
    {
        var subject = Assert.Throws<ArgumentException>(() => new CareSubject { CustomerId = default, Zone = Hcm, Segments = SegmentMembership.None });
        Assert.StartsWith("The customer id is not set (a default CustomerId).", subject.Message, StringComparison.Ordinal);

        var action = BuiltInCarePlans.All[0].Cadences[0].Action;
        var item = Assert.Throws<ArgumentException>(() => new AgendaItem(default, "p", "c", action, Instant.FromUtc(2026, 1, 1, 0, 0), null, AgendaStatus.Due, null, "k"));
        Assert.Equal("CustomerId", item.ParamName);
    }
}
