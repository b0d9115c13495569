using System.Collections.Immutable;
using CrmKit.Customers;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmKit.Testing;

/// <summary>
/// FsCheck generators of CrmKit values: customers with full histories, Vietnamese names with diacritics (in NFC
/// and NFD), Vietnamese and foreign phones, emails, consents in any order.
/// </summary>
public static class Generators
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quốc", "Thu", "Hoài"];
    private static readonly string[] GivenNames = ["An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hương", "Khánh", "Linh", "Lộc", "Mai", "Nam", "Nhung", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Uyên", "Vy", "Yến"];
    private static readonly string[] Provinces = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Khánh Hòa", "Thừa Thiên Huế", "Bình Dương", "Đồng Nai", "Quảng Ninh"];
    private static readonly string[] MobilePrefixes = ["32", "33", "34", "35", "36", "37", "38", "39", "56", "58", "70", "76", "77", "78", "79", "81", "82", "83", "84", "85", "86", "88", "89", "90", "91", "93", "94", "96", "97", "98"];
    private static readonly string[] Tags = ["food", "travel", "shopping", "mẹ bỉm sữa", "làm đẹp", "điện tử", "thời trang", "quà Tết"];

    /// <summary>An instant between 2020 and 2027, to the second.</summary>
    public static Gen<Instant> Instant { get; } =
        Gen.Choose(0, 7 * 365 * 24 * 3600).Select(s => NodaTime.Instant.FromUtc(2020, 1, 1, 0, 0).Plus(Duration.FromSeconds(s)));

    /// <summary>A Vietnamese full name, sometimes in NFD, sometimes without diacritics or in upper case.</summary>
    public static Gen<string> VietnameseName { get; } =
        from family in Gen.Elements(FamilyNames)
        from middle in Gen.Elements(MiddleNames)
        from given in Gen.Elements(GivenNames)
        from form in Gen.Choose(0, 5)
        let name = $"{family} {middle} {given}"
        select form switch
        {
            0 => name.Normalize(System.Text.NormalizationForm.FormD),
            1 => TextFold.ForMatching(name),
            2 => name.ToUpperInvariant(),
            _ => name,
        };

    /// <summary>A valid Vietnamese mobile number as written in one of the common forms.</summary>
    public static Gen<string> VietnameseMobileText { get; } =
        from prefix in Gen.Elements(MobilePrefixes)
        from rest in Gen.Choose(0, 9_999_999)
        from form in Gen.Choose(0, 4)
        let digits = prefix + rest.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)
        select form switch
        {
            0 => "0" + digits,
            1 => "+84" + digits,
            2 => $"0{digits[..3]} {digits[3..6]} {digits[6..]}",
            3 => $"(+84) {digits[..3]}-{digits[3..6]}-{digits[6..]}",
            _ => $"0{digits[..3]}.{digits[3..6]}.{digits[6..]}",
        };

    /// <summary>A phone number: mostly Vietnamese mobile, sometimes foreign.</summary>
    public static Gen<PhoneNumber> Phone { get; } = Gen.Frequency(
        (9, VietnameseMobileText.Select(PhoneNumber.Parse)),
        (1, Gen.Choose(200_000_000, 999_999_999).Select(n => PhoneNumber.Parse("+65" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>An email address.</summary>
    public static Gen<EmailAddress> Email { get; } =
        from user in Gen.Elements("an", "binh.tran", "mai_le", "quan+shop", "hoa.nguyen99")
        from n in Gen.Choose(0, 9999)
        from domain in Gen.Elements("gmail.com", "yahoo.com.vn", "fpt.vn", "outlook.com", "công-ty.vn")
        select EmailAddress.Parse($"{user}{n}@{domain}");

    /// <summary>A consent decision.</summary>
    public static Gen<ConsentDecision> Consent { get; } =
        from channel in Gen.Elements(ContactChannel.Sms, ContactChannel.Zalo, ContactChannel.Email, ContactChannel.PhoneCall, ContactChannel.Chat)
        from purpose in Gen.Elements(ContactPurpose.Transactional, ContactPurpose.Marketing)
        from status in Gen.Elements(ConsentStatus.Granted, ConsentStatus.Withdrawn)
        from at in Instant
        from source in Gen.Elements<string?>(null, "form", "call", "zalo message")
        from recordedBy in Gen.Elements<string?>(null, "self-service", "NV01")
        select new ConsentDecision(channel, purpose, status, at, source, recordedBy);

    /// <summary>An attribute value of any kind.</summary>
    public static Gen<AttributeValue> Attribute { get; } = Gen.OneOf(
        Gen.Elements("dầu", "khô", "hỗn hợp").Select(AttributeValue.Text),
        Gen.Choose(-1000, 100_000).Select(n => AttributeValue.Number(n / 100m)),
        Gen.Elements(true, false).Select(AttributeValue.Boolean),
        Instant.Select(i => AttributeValue.Date(i.InUtc().Date)),
        Instant.Select(AttributeValue.Instant));

    /// <summary>A customer with a full history (orders with lines, interactions, feedback, tickets, referrals).</summary>
    public static Gen<Customer> Customer(string? id = null) =>
        from n in Gen.Choose(1, 999_999)
        let customerId = new CustomerId(id ?? "KH" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
        from name in VietnameseName
        from kind in Gen.Elements(CustomerKind.Individual, CustomerKind.Individual, CustomerKind.Business)
        from created in Instant
        from phones in Phone.ListOf().Select(l => l.Take(3))
        from emails in Email.ListOf().Select(l => l.Take(2))
        from birth in Gen.OneOf(Gen.Constant<LocalDate?>(null), Gen.Choose(0, 80 * 365).Select(d => (LocalDate?)new LocalDate(1940, 1, 1).PlusDays(d)))
        from gender in Gen.Elements<Gender?>(null, Gender.Female, Gender.Male, Gender.Other)
        from income in Gen.Elements<IncomeTier?>(null, IncomeTier.Low, IncomeTier.Middle, IncomeTier.High)
        from province in Gen.Elements<string?>([null, .. Provinces])
        from area in Gen.Elements<AreaType?>(null, AreaType.Urban, AreaType.Suburban, AreaType.Rural)
        from tags in Gen.SubListOf(Tags)
        from attributes in Gen.Zip(Gen.Elements("skin_type", "children", "vip_card", "wedding_day"), Attribute).ListOf()
        from source in Gen.Elements<AcquisitionSource?>(null, AcquisitionSource.WalkIn, AcquisitionSource.Website, AcquisitionSource.Marketplace, AcquisitionSource.Referral)
        from zone in Gen.Elements<DateTimeZone?>(null, DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], DateTimeZoneProviders.Tzdb["Europe/Berlin"])
        from stage in Gen.Elements(Enum.GetValues<LifecycleStage>())
        from consents in Consent.ListOf()
        from history in History(customerId)
        select new Customer
        {
            Id = customerId,
            DisplayName = name,
            Kind = kind,
            CreatedAt = created,
            Phones = [.. phones],
            Emails = [.. emails],
            BirthDate = birth,
            Gender = gender,
            IncomeTier = income,
            Location = province is null ? null : new Location(province, null, area),
            Tags = [.. tags],
            Attributes = attributes.DistinctBy(a => a.Item1).ToImmutableSortedDictionary(a => a.Item1, a => a.Item2, StringComparer.Ordinal),
            Source = source,
            TimeZone = zone,
            Stage = stage,
            Consents = ConsentLedger.From(consents),
            History = history,
        };

    /// <summary>The history of one customer; ids are prefixed with the customer id so histories of different customers never clash.</summary>
    public static Gen<CustomerHistory> History(CustomerId customer) =>
        from orders in Order(customer).ListOf().Select(l => l.Take(8).Select((o, i) => o with { Id = new OrderId($"{customer}-O{i}") }))
        from interactions in Interaction(customer).ListOf().Select(l => l.Take(5).Select((x, i) => x with { Id = new InteractionId($"{customer}-I{i}") }))
        from feedback in Feedback(customer).ListOf().Select(l => l.Take(4).Select((x, i) => x with { Id = new FeedbackId($"{customer}-F{i}") }))
        from tickets in Ticket(customer).ListOf().Select(l => l.Take(3).Select((x, i) => x with { Id = new TicketId($"{customer}-T{i}") }))
        from referred in Gen.Choose(0, 2)
        from referralAt in Instant
        select new CustomerHistory
        {
            Orders = OrderHistory.From(orders),
            Interactions = [.. interactions],
            Feedback = [.. feedback],
            Tickets = [.. tickets],
            Referrals = [.. Enumerable.Range(0, referred).Select(i => new Referral(customer, new CustomerId($"{customer}-R{i}"), referralAt))],
        };

    /// <summary>An order in VND, with zero to three lines.</summary>
    public static Gen<Order> Order(CustomerId customer) =>
        from at in Instant
        from total in Gen.Choose(0, 50_000).Select(k => Money.Vnd(k * 1000m))
        from status in Gen.Frequency((8, Gen.Constant(OrderStatus.Completed)), (1, Gen.Constant(OrderStatus.Returned)), (1, Gen.Constant(OrderStatus.Cancelled)))
        from channel in Gen.Elements<SalesChannel?>(null, SalesChannel.InStore, SalesChannel.Website, SalesChannel.Marketplace)
        from lines in Line.ListOf().Select(l => l.Take(3))
        select new Order { Id = new OrderId("O"), CustomerId = customer, PlacedAt = at, Total = total, Status = status, Channel = channel, Lines = [.. lines] };

    private static Gen<OrderLine> Line { get; } =
        from sku in Gen.Elements("SKU-001", "SKU-002", "BANH-CHUNG", "TRA-SEN")
        from quantity in Gen.Choose(1, 5)
        from price in Gen.Choose(1, 2000).Select(k => Money.Vnd(k * 1000m))
        from name in Gen.Elements<string?>(null, "Bánh chưng", "Trà sen Tây Hồ", "Nước mắm Phú Quốc")
        from tags in Gen.SubListOf(["food", "gift", "tết"])
        select new OrderLine(sku, quantity, price, name, [.. tags]);

    private static Gen<Interaction> Interaction(CustomerId customer) =>
        from at in Instant
        from channel in Gen.Elements(Enum.GetValues<ContactChannel>())
        from direction in Gen.Elements(Enum.GetValues<InteractionDirection>())
        from outcome in Gen.Elements(Enum.GetValues<InteractionOutcome>())
        from subject in Gen.Elements<string?>(null, "Hỏi giá", "Giao hàng chậm", "Bảo hành")
        from staff in Gen.Elements<string?>(null, "NV01", "NV02")
        select new Interaction { Id = new InteractionId("I"), CustomerId = customer, At = at, Channel = channel, Direction = direction, Outcome = outcome, Subject = subject, StaffId = staff };

    private static Gen<Feedback> Feedback(CustomerId customer) =>
        from at in Instant
        from kind in Gen.Elements(Enum.GetValues<FeedbackKind>())
        from score in Gen.Choose(CrmKit.Customers.Feedback.ScaleOf(kind).Min, CrmKit.Customers.Feedback.ScaleOf(kind).Max)
        from comment in Gen.Elements<string?>(null, "Rất hài lòng", "Giao hàng nhanh, đóng gói cẩn thận")
        select new Feedback(new FeedbackId("F"), customer, at, kind, score) { Comment = comment };

    private static Gen<SupportTicket> Ticket(CustomerId customer) =>
        from opened in Instant
        from replyAfter in Gen.Choose(0, 72 * 3600)
        from solveAfter in Gen.Choose(0, 14 * 24 * 3600)
        from status in Gen.Elements(Enum.GetValues<TicketStatus>())
        from priority in Gen.Elements(Enum.GetValues<TicketPriority>())
        from channel in Gen.Elements(ContactChannel.PhoneCall, ContactChannel.Zalo, ContactChannel.Email, ContactChannel.Chat)
        let solved = status is TicketStatus.Solved or TicketStatus.Closed ? opened.Plus(Duration.FromSeconds(replyAfter + solveAfter)) : (Instant?)null
        select new SupportTicket
        {
            Id = new TicketId("T"),
            CustomerId = customer,
            OpenedAt = opened,
            Channel = channel,
            Priority = priority,
            Status = status,
            Category = "delivery",
            FirstReplyAt = status == TicketStatus.New ? null : opened.Plus(Duration.FromSeconds(replyAfter)),
            SolvedAt = solved,
            ClosedAt = status == TicketStatus.Closed ? solved!.Value.Plus(Duration.FromDays(3)) : null,
        };

    /// <summary>Customers with distinct ids whose referrals point at other customers of the same array.</summary>
    public static Gen<Customer[]> Customers(int max) =>
        Customer().ListOf().Select(l =>
        {
            var customers = l.Take(max).Select((c, i) => Rekey(c, new CustomerId($"KH{i:D5}"))).ToArray();
            for (var i = 0; i < customers.Length; i++)
            {
                var referrals = customers[i].History.Referrals;
                var referred = Enumerable.Range(1, Math.Min(referrals.Length, customers.Length - 1))
                    .Select(k => new Referral(customers[i].Id, customers[(i + k) % customers.Length].Id, referrals[k - 1].At));
                customers[i] = customers[i] with { History = customers[i].History with { Referrals = [.. referred] } };
            }

            return customers;
        });

    /// <summary>The same customer under another id (history moved along).</summary>
    public static Customer Rekey(Customer customer, CustomerId id)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var h = customer.History;
        return customer with
        {
            History = CustomerHistory.Empty,
            Id = id,
        } with
        {
            History = new CustomerHistory
            {
                Orders = OrderHistory.From(h.Orders.Select(o => o with { CustomerId = id, Id = new OrderId($"{id}-{o.Id}") })),
                Interactions = [.. h.Interactions.Select(x => x with { CustomerId = id, Id = new InteractionId($"{id}-{x.Id}") })],
                Feedback = [.. h.Feedback.Select(x => x with { CustomerId = id, Id = new FeedbackId($"{id}-{x.Id}") })],
                Tickets = [.. h.Tickets.Select(x => x with { CustomerId = id, Id = new TicketId($"{id}-{x.Id}") })],
                Referrals = [.. h.Referrals.Select(x => new Referral(id, new CustomerId($"{id}-{x.ReferredId}"), x.At))],
            },
        };
    }
}
