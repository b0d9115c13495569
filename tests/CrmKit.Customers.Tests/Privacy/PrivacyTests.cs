using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Serialization;
using CrmKit.Customers.Store;

namespace CrmKit.Customers.Tests;

public class PrivacyTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static readonly ErasureRecord Request = new(T0.Plus(Duration.FromDays(400)), ErasureBasis.DataSubjectRequest, "DSR-2026-0042");

    private static Customer Hoa() => new Customer
    {
        Id = new CustomerId("KH1"),
        DisplayName = "Lê Thị Hoa",
        CreatedAt = T0,
        Phones = [PhoneNumber.Parse("0901 234 567")],
        Emails = [EmailAddress.Parse("hoa.le@gmail.com")],
        BirthDate = new LocalDate(1990, 2, 14),
        Gender = Gender.Female,
        IncomeTier = IncomeTier.Middle,
        Location = new Location("Hà Nội", "Cầu Giấy", AreaType.Urban),
        Tags = ["làm đẹp"],
        Attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("skin_type", AttributeValue.Text("dầu"))]),
        Source = AcquisitionSource.Website,
        TimeZone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"],
        Stage = LifecycleStage.Retention,
        Consents = ConsentLedger.Empty.Grant(ContactChannel.Zalo, ContactPurpose.Marketing, T0, "web form", "self-service"),
        History = new CustomerHistory
        {
            Orders = OrderHistory.From([new Order { Id = new OrderId("O1"), CustomerId = new CustomerId("KH1"), PlacedAt = T0.Plus(Duration.FromDays(3)), Total = Money.Vnd(350_000m) }]),
            Interactions = [new Interaction { Id = new InteractionId("I1"), CustomerId = new CustomerId("KH1"), At = T0.Plus(Duration.FromDays(4)), Channel = ContactChannel.PhoneCall, Direction = InteractionDirection.Inbound, Outcome = InteractionOutcome.Reached, Subject = "Chị Hoa hỏi giao hàng về 12 Trần Thái Tông", StaffId = "NV01" }],
            Feedback = [new Feedback(new FeedbackId("F1"), new CustomerId("KH1"), T0.Plus(Duration.FromDays(5)), FeedbackKind.Csat, 5) { Comment = "Shop gọi 0901234567 rất nhanh" }],
        },
    };

    [Fact]
    public void Erase_RemovesEveryPersonalField_AndKeepsTheAnonymousFacts()
    {
        var original = Hoa();
        var erased = PersonalDataEraser.Erase(original, Request);

        Assert.Equal(PersonalDataEraser.ErasedDisplayName, erased.DisplayName);
        Assert.Empty(erased.Phones);
        Assert.Empty(erased.Emails);
        Assert.Null(erased.BirthDate);
        Assert.Null(erased.Gender);
        Assert.Null(erased.IncomeTier);
        Assert.Null(erased.Location);
        Assert.Null(erased.TimeZone);
        Assert.Empty(erased.Tags);
        Assert.Empty(erased.Attributes);
        Assert.True(erased.Consents.IsEmpty);
        Assert.Null(Assert.Single(erased.History.Interactions).Subject);
        Assert.Null(Assert.Single(erased.History.Feedback).Comment);
        Assert.Equal(Request, erased.Erasure);
        Assert.True(erased.IsErased);

        // What the shop may keep for revenue, CLV and service figures.
        Assert.Equal(original.Id, erased.Id);
        Assert.Equal(original.CreatedAt, erased.CreatedAt);
        Assert.Equal(original.Source, erased.Source);
        Assert.Equal(original.History.Orders, erased.History.Orders);
        Assert.Equal(5, erased.History.Feedback[0].Score);
        Assert.Equal(original.History.Interactions[0] with { Subject = null }, erased.History.Interactions[0]);

        var json = CrmKitJson.Serialize(erased);
        foreach (var secret in new[] { "Hoa", "901", "234", "hoa.le", "1990", "Hà Nội", "Cầu Giấy", "làm đẹp", "dầu", "Trần Thái Tông", "web form", "Asia/Ho_Chi_Minh" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }

        Assert.Equal(erased, CrmKitJson.Deserialize<Customer>(json));
    }

    [Fact]
    public void Erase_Twice_KeepsTheFirstRecord()
    {
        var once = PersonalDataEraser.Erase(Hoa(), Request);
        var twice = PersonalDataEraser.Erase(once, Request with { At = Request.At.Plus(Duration.FromDays(1)) });
        Assert.Same(once, twice);
    }

    [Fact]
    public void ErasureRecord_ReferenceWithContactData_IsRejected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => new ErasureRecord(T0, ErasureBasis.DataSubjectRequest, "request from 0901 234 567"));
        Assert.Equal("erasure reference", ex.Field);
        Assert.DoesNotContain("234", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidValueException>(() => Request with { Reference = "hoa.le@gmail.com" });
    }

    [Theory]
    [InlineData("Trần Thị Hà")] // a name, as the doc says is refused
    [InlineData("Nguyen Van An")]
    [InlineData("Hoa")]
    [InlineData("901234567")] // the five phone spellings the issue found accepted: no trunk prefix,
    [InlineData("0084901234567")] // the international prefix 00,
    [InlineData("84-901-234-567")] // the country code with dashes,
    [InlineData("KH0901234567")] // a phone glued to a code,
    [InlineData("０９０１２３４５６７")] // full-width digits;
    [InlineData("DSR-2026-0901.234.567")] // and more: a phone after a code,
    [InlineData("0243 123 4567")] // a fixed line,
    [InlineData("hoa.le@gmail.com")] // an email,
    [InlineData("DSR-2026-0042-0000000000000000000000000000000000000000000000000000")] // 65 characters
    public void ErasureRecord_ReferenceWithANameOrAPhoneInAnySpelling_IsRefused_WithoutRepeatingIt(string reference)
    {
        var ex = Assert.Throws<InvalidValueException>(() => new ErasureRecord(T0, ErasureBasis.DataSubjectRequest, reference));
        Assert.Equal("erasure reference", ex.Field);
        Assert.DoesNotContain(reference, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("234", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidValueException>(() => Request with { Reference = reference });
    }

    [Theory]
    [InlineData("DSR-2026-0042")]
    [InlineData("REQ/2026/17")]
    [InlineData("ticket#42")]
    [InlineData("DSR-2026-000042")]
    [InlineData("2026.11.30-7")]
    public void ErasureRecord_TicketNumbers_AreAccepted(string reference)
        => Assert.Equal(reference, new ErasureRecord(T0, ErasureBasis.DataSubjectRequest, " " + reference + " ").Reference);

    [Fact]
    public async Task Store_PersonalDataWrittenBackToAnErasedCustomer_IsRefused_AnonymousFactsAreNot()
    {
        var store = new InMemoryCustomerStore([Hoa()]);
        var erased = (await store.EraseAsync(new CustomerId("KH1"), Request)).Customer!.Value;
        var id = erased.Value.Id;
        Func<Customer, Customer>[] writeBacks =
        [
            c => c with { Phones = [PhoneNumber.Parse("0901 234 567")] },
            c => c with { DisplayName = "Lê Thị Hoa" },
            c => c with { BirthDate = new LocalDate(1990, 2, 14) },
            c => c with { Tags = ["làm đẹp"] },
            c => c.WithConsent(new ConsentDecision(ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, T0, "web", null)),
            c => c with { History = c.History with { Feedback = [.. c.History.Feedback.Select(f => f with { Comment = "call me" })] } },
            c => c with { Erasure = null }, // undoing the erasure
        ];
        foreach (var change in writeBacks)
        {
            var ex = await Assert.ThrowsAsync<CustomerErasedException>(async () => await store.UpdateAsync(id, change));
            Assert.Equal(id, ex.CustomerId);
            Assert.StartsWith("Customer 'KH1' was erased (DataSubjectRequest, ", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<CustomerErasedException>(async () => await store.ReplaceAsync(change(erased.Value), erased.Version));
        }

        Assert.Equal(erased, await store.FindAsync(id));
        var order = new Order { Id = new OrderId("O2"), CustomerId = id, PlacedAt = T0.Plus(Duration.FromDays(500)), Total = Money.Vnd(120_000m) };
        var withOrder = await store.UpdateAsync(id, c => c.WithOrder(order) with { Stage = LifecycleStage.Loyalty });
        Assert.Equal(2, withOrder.Value.History.Orders.Count);
        Assert.True(withOrder.Value.IsErased);
    }

    [Fact]
    public async Task EraseAsync_ReportsWhatItDid_AndIsIdempotent()
    {
        var duplicate = new Customer { Id = new CustomerId("KH2"), DisplayName = "Le Thi Hoa", CreatedAt = T0, Phones = [PhoneNumber.Parse("+84901234567")] };
        var store = new InMemoryCustomerStore([Hoa(), duplicate]);
        await store.MergeAsync(new CustomerId("KH1"), new CustomerId("KH2"));

        var first = await store.EraseAsync(new CustomerId("KH2"), Request); // the merged-away id reaches the same person
        Assert.Equal(ErasureOutcome.Erased, first.Outcome);
        Assert.Equal(new CustomerId("KH1"), first.Customer!.Value.Value.Id);

        var second = await store.EraseAsync(new CustomerId("KH1"), Request with { At = Request.At.Plus(Duration.FromDays(2)) });
        Assert.Equal(ErasureOutcome.AlreadyErased, second.Outcome);
        Assert.Equal(first.Customer!.Value, second.Customer!.Value);
        Assert.Equal(Request.At, second.Customer!.Value.Value.Erasure!.At);

        var unknown = await store.EraseAsync(new CustomerId("KH9"), Request);
        Assert.Equal(new ErasureResult(ErasureOutcome.NotHeld, null), unknown);
    }

    [Fact]
    public void Merge_WithAnErasedCustomer_IsRefused()
    {
        var erased = PersonalDataEraser.Erase(Hoa(), Request);
        var other = new Customer { Id = new CustomerId("KH2"), DisplayName = "Trần Văn Nam", CreatedAt = T0 };
        var ex = Assert.Throws<MergeConflictException>(() => CustomerMerge.Merge(other, erased));
        Assert.Contains("was erased", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateFinder_NeverMatchesErasedCustomers()
    {
        var a = PersonalDataEraser.Erase(Hoa(), Request);
        var b = PersonalDataEraser.Erase(Generators.Rekey(Hoa(), new CustomerId("KH2")), Request);
        var c = Generators.Rekey(Hoa(), new CustomerId("KH3"));
        Assert.Empty(new DuplicateFinder().FindMatches([a, b, c]));
    }

    // The issue's property: after erasure nothing held, exported or matched reveals an erased value.
    [Property(MaxTest = 40)]
    public Property ErasedValues_AppearNowhereInTheStore()
        => Prop.ForAll(Generators.Customers(12).ToArbitrary(), Gen.Choose(0, 4095).ToArbitrary(), (customers, mask) =>
        {
            var store = new InMemoryCustomerStore(customers);
            var erasedIds = customers.Where((_, i) => (mask >> i & 1) == 1).Select(c => c.Id).ToHashSet();
            foreach (var id in erasedIds)
            {
                Assert.Equal(ErasureOutcome.Erased, store.EraseAsync(id, Request).AsTask().Result.Outcome);
            }

            var kept = customers.Where(c => !erasedIds.Contains(c.Id)).ToArray();
            var secrets = customers.Where(c => erasedIds.Contains(c.Id)).SelectMany(PersonalValues).ToHashSet();
            secrets.ExceptWith(kept.SelectMany(PersonalValues));

            var held = store.Snapshot();
            var texts = new List<string> { CrmKitJson.Serialize(held) };
            texts.AddRange(held.Select(c => new PersonalDataExport { Customer = c, ExportedAt = T0 }.ToJson()));
            texts.Add(Csv(held));
            texts.AddRange(new DuplicateFinder().FindMatches(held).Select(m => m.ToString()));
            texts.AddRange(held.Select(c => c.ToString()));
            var values = texts.SelectMany(StringValues).ToList();
            var leaks = secrets.Where(s => values.Any(v => s.Digits ? v.Contains(s.Value, StringComparison.Ordinal) : v == s.Value)).ToList();

            var revenueKept = customers.Sum(c => c.History.Orders.Sum(o => o.Total.Amount)) == held.Sum(c => c.History.Orders.Sum(o => o.Total.Amount));
            return (leaks.Count == 0).Label($"leaked: {string.Join(" | ", leaks)}")
                .And(revenueKept).Label("order amounts kept")
                .And(held.Count(c => c.IsErased) == erasedIds.Count);
        });

    [Fact]
    public void Export_HoldsEverythingAboutTheCustomer_InTheDocumentedLayout()
    {
        var customer = Hoa().WithConsent(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromDays(9)), "zalo message", "NV02"));
        var export = new PersonalDataExport { Customer = customer, ExportedAt = T0.Plus(Duration.FromDays(10)), Segments = [new("vip", "VIP")] };
        var doc = JsonNode.Parse(export.ToJson())!.AsObject();

        Assert.Equal(
            ["format", "formatVersion", "exportedAt", "customerId", "erased", "profile", "consentInForce", "consentHistory", "orders", "interactions", "tickets", "feedback", "referrals", "segments", "careProcesses"],
            doc.Select(p => p.Key));
        Assert.Equal("crmkit-personal-data", (string?)doc["format"]);
        Assert.Equal("2025-01-11T00:00:00Z", (string?)doc["exportedAt"]);
        Assert.Equal("Lê Thị Hoa", (string?)doc["profile"]!["displayName"]);
        Assert.Equal("+84901234567", (string?)doc["profile"]!["phones"]![0]);
        Assert.Equal("hoa.le@gmail.com", (string?)doc["profile"]!["emails"]![0]);
        Assert.Equal("1990-02-14", (string?)doc["profile"]!["birthDate"]);
        Assert.Null(doc["profile"]!["consents"]);
        Assert.Null(doc["profile"]!["history"]);
        Assert.Equal(2, doc["consentHistory"]!.AsArray().Count);
        Assert.Equal("withdrawn", (string?)doc["consentInForce"]![0]!["status"]);
        Assert.Equal("O1", (string?)doc["orders"]![0]!["id"]);
        Assert.Equal("I1", (string?)doc["interactions"]![0]!["id"]);
        Assert.Equal("F1", (string?)doc["feedback"]![0]!["id"]);
        Assert.Equal("VIP", (string?)doc["segments"]![0]!["name"]);

        // Nothing is lost: the customer comes back whole from the document's parts.
        var profile = doc["profile"]!.DeepClone().AsObject();
        profile["consents"] = doc["consentHistory"]!.DeepClone();
        profile["history"] = new JsonObject { ["orders"] = doc["orders"]!.DeepClone(), ["interactions"] = doc["interactions"]!.DeepClone(), ["feedback"] = doc["feedback"]!.DeepClone() };
        Assert.Equal(customer, profile.Deserialize<Customer>(CrmKitJson.Options));

        using var stream = new MemoryStream();
        export.WriteTo(stream);
        Assert.Equal(export.ToJson(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Retention_FlagsOrErasesCustomersInactivePastThePeriod()
    {
        var now = Instant.FromUtc(2029, 6, 1, 0, 0);
        var quiet = Hoa(); // last activity: feedback on 2025-01-06
        var recentConsent = Generators.Rekey(Hoa(), new CustomerId("KH2")).WithConsent(new ConsentDecision(ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Withdrawn, Instant.FromUtc(2027, 1, 1, 0, 0)));
        var buyer = Generators.Rekey(Hoa(), new CustomerId("KH3")).WithOrder(new Order { Id = new OrderId("O9"), CustomerId = new CustomerId("KH3"), PlacedAt = Instant.FromUtc(2029, 1, 1, 0, 0), Total = Money.Vnd(10_000m) });
        var policy = new RetentionPolicy { InactiveFor = Period.FromYears(3) };

        Assert.Equal(Instant.FromUtc(2026, 6, 1, 0, 0), policy.CutOff(now));
        Assert.Equal(T0.Plus(Duration.FromDays(5)), RetentionPolicy.LastActivity(quiet));
        var finding = Assert.Single(policy.Review([quiet, recentConsent, buyer], now));
        Assert.Equal(new RetentionFinding(new CustomerId("KH1"), T0.Plus(Duration.FromDays(5)), Instant.FromUtc(2026, 6, 1, 0, 0)), finding);

        var store = new InMemoryCustomerStore([quiet, recentConsent, buyer]);
        Assert.Single(await store.ApplyRetentionAsync(policy, now));
        Assert.False((await store.FindAsync(new CustomerId("KH1")))!.Value.Value.IsErased, "flagging changes nothing");

        var erasing = policy with { Action = RetentionAction.Erase };
        Assert.Single(await store.ApplyRetentionAsync(erasing, now));
        var erased = (await store.FindAsync(new CustomerId("KH1")))!.Value.Value;
        Assert.Equal(new ErasureRecord(now, ErasureBasis.RetentionPolicy), erased.Erasure);
        Assert.Empty(await store.ApplyRetentionAsync(erasing, now.Plus(Duration.FromDays(1))));
        Assert.DoesNotContain(store.Snapshot(), c => c.Id != new CustomerId("KH1") && c.IsErased);
    }

    [Fact]
    public void RetentionPolicy_NonPositivePeriod_IsRejected()
    {
        Assert.Throws<InvalidValueException>(() => new RetentionPolicy { InactiveFor = Period.Zero });
        Assert.Throws<InvalidValueException>(() => new RetentionPolicy { InactiveFor = Period.FromDays(-3) });
    }

    [Theory]
    [InlineData("gọi 0901234567 nhé", "gọi 0*******67 nhé")]
    [InlineData("số 0901 234 567.", "số 0*** *** *67.")]
    [InlineData("(+84) 901-234-567", "(+8*) ***-***-*67")]
    [InlineData("+84 901 234 567", "+8* *** *** *67")]
    [InlineData("84901234567", "8********67")]
    [InlineData("0084901234567", "0**********67")]
    [InlineData("84-901-234-567", "8*-***-***-*67")]
    [InlineData("'912345678' lost its 0", "'9******78' lost its 0")]
    [InlineData("912 345 678", "9** *** *78")]
    [InlineData("found 2147483647", "found 2147483647")]
    [InlineData("tel:(028) 3822 1234", "tel:(0**) **** **34")]
    [InlineData("mail hoa.le@gmail.com now", "mail h***@gmail.com now")]
    [InlineData("'31/02/2025' is not a date", "'31/02/2025' is not a date")]
    [InlineData("placed 2026-01-02T03:04:05Z for 1 200 000 VND, order 100234567", "placed 2026-01-02T03:04:05Z for 1 200 000 VND, order 100234567")]
    [InlineData("expected version 3, found 12", "expected version 3, found 12")]
    // The decimals of a figure are no phone number, even where they start with 84 (a CLV recency in weeks); a phone after a
    // point still is.
    [InlineData("recency 1958.8446735059892 and age 1958.8446735059889", "recency 1958.8446735059892 and age 1958.8446735059889")]
    [InlineData("SĐT: 1.0912345678 hoặc 0912345678.0987654321", "SĐT: 1.0*******78 hoặc 0*******78.0*******21")]
    [InlineData("gọi 0912.345.678 hoặc 84912345678.", "gọi 0***.***.*78 hoặc 8********78.")]
    public void Redact_MasksPhonesAndEmails_AndLeavesOtherNumbersAlone(string text, string expected)
        => Assert.Equal(expected, PersonalData.Redact(text));

    [Theory]
    [InlineData("KH00001", "No customer 'KH00001' in the store.")]
    [InlineData("Trần Thị Hà", "No customer 'T*** T** H*' in the store.")]
    [InlineData("0912345678", "No customer '0*******78' in the store.")]
    public void CustomerNotFound_AnIdTypedAsANameOrPhone_IsMaskedInTheMessage(string id, string message)
        => Assert.Equal(message, new CustomerNotFoundException(new CustomerId(id)).Message);

    [Property(MaxTest = 300)]
    public Property Redact_HidesEveryWrittenFormOfAMobileNumber()
        => Prop.ForAll(Generators.VietnameseMobileText.ToArbitrary(), Gen.Elements("Gọi ", "'", "phone=", "(").ToArbitrary(), (phone, before) =>
        {
            var national = PhoneNumber.Parse(phone).Format(PhoneNumberFormat.E164)[3..];
            var redacted = PersonalData.Redact($"{before}{phone} sau 5 phút");
            var digits = new string([.. redacted.Where(char.IsAsciiDigit)]);
            return (!digits.Contains(national[..^2], StringComparison.Ordinal) && redacted.EndsWith(" sau 5 phút", StringComparison.Ordinal)).Label(redacted);
        });

    // A customer's personal values: whole values (a stored string equal to one is a leak) and the digits of each
    // phone number (a stored string containing them is a leak, whatever the written form around them).
    private static IEnumerable<(string Value, bool Digits)> PersonalValues(Customer c)
    {
        yield return (c.DisplayName, false);
        yield return (TextFold.ForMatching(c.DisplayName), false);
        foreach (var p in c.Phones)
        {
            var e164 = p.Format(PhoneNumberFormat.E164);
            yield return (e164, false);
            yield return (e164[^8..], true);
        }

        foreach (var e in c.Emails)
        {
            yield return (e.Value, false);
        }

        foreach (var text in c.History.Interactions.Select(i => i.Subject).Concat(c.History.Feedback.Select(f => f.Comment)))
        {
            if (text is not null)
            {
                yield return (text, false);
            }
        }
    }

    // Every string value in a JSON or CSV text (CSV cells are split on commas and quotes).
    private static IEnumerable<string> StringValues(string text)
    {
        if (text.StartsWith('[') || text.StartsWith('{'))
        {
            return Walk(JsonNode.Parse(text));
        }

        return text.Split(['\n', ',', '"'], StringSplitOptions.RemoveEmptyEntries);

        static IEnumerable<string> Walk(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => Walk(p.Value)),
            JsonArray a => a.SelectMany(Walk),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            _ => [],
        };
    }

    private static string Csv(IReadOnlyList<Customer> customers)
    {
        var exporter = new CsvExporter();
        using var writer = new StringWriter();
        exporter.WriteCustomers(writer, customers);
        exporter.WriteConsents(writer, customers);
        exporter.WriteInteractions(writer, customers.SelectMany(c => c.History.Interactions));
        exporter.WriteFeedback(writer, customers.SelectMany(c => c.History.Feedback));
        return writer.ToString();
    }
}
