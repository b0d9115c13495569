using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace CrmKit.Cli.Seeds;

/// <summary>Settings of the synthetic shop.</summary>
/// <param name="Customers">How many distinct people and businesses (duplicate records come on top).</param>
/// <param name="Seed">The random seed; the same seed gives byte-identical files.</param>
internal sealed record StoreSettings(int Customers = 5000, int Seed = 20241101)
{
    public LocalDate Start { get; init; } = new(2024, 11, 1);

    public LocalDate End { get; init; } = new(2026, 10, 31);

    /// <summary>Share of customers who get a second, duplicate record.</summary>
    public double DuplicateShare { get; init; } = 0.03;
}

/// <summary>
/// Generates a deterministic synthetic data set of a Vietnamese specialty food and gift shop: customers with
/// Vietnamese names, provinces and phones, two years of orders with heavy-tailed repeat buying and churn
/// (a Pareto/NBD-like process: purchase rates drawn from a gamma distribution, a beta-distributed chance of
/// dropping out after each purchase), a strong peak in the weeks before Tết and smaller ones on shopping
/// days, order lines from a catalogue, interactions, tickets, feedback, referrals, consents, and about 3 %
/// duplicate records (the same phone or email, the name typed without diacritics or in another case).
/// </summary>
internal sealed class StoreGenerator
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly LocalDate[] TetDays = [new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17), new(2027, 2, 6)];
    private static readonly LocalDate[] MidAutumn = [new(2025, 10, 6), new(2026, 9, 25)];
    private static readonly string[] TicketCategories = ["giao hàng", "chất lượng sản phẩm", "đổi trả", "bảo hành", "thanh toán"];
    private static readonly string[] GoodComments = ["Hàng đẹp, giao nhanh", "Đóng gói cẩn thận", "Sẽ ủng hộ shop dài dài", "Quà Tết rất sang", "Nhân viên tư vấn nhiệt tình"];
    private static readonly string[] BadComments = ["Giao hàng chậm", "Sản phẩm không giống hình", "Hộp bị móp", "Nhân viên trả lời chậm"];

    private readonly StoreSettings _settings;
    private readonly Random _random;
    private readonly int _days;
    private readonly double[] _season;
    private readonly double _seasonMax;
    private readonly HashSet<PhoneNumber> _phones = [];
    private readonly HashSet<EmailAddress> _emails = [];
    private int _orderNo;
    private int _interactionNo;

    public StoreGenerator(StoreSettings settings)
    {
        _settings = settings;
        _random = new Random(settings.Seed);
        _days = Period.Between(settings.Start, settings.End, PeriodUnits.Days).Days + 1;
        _season = [.. Enumerable.Range(0, _days).Select(d => Seasonality(settings.Start.PlusDays(d)))];
        _seasonMax = _season.Max();
    }

    /// <summary>Builds the customers with their histories, sorted by id.</summary>
    public IReadOnlyList<Customer> Generate()
    {
        var people = Enumerable.Range(0, _settings.Customers).Select(_ => NewPerson()).OrderBy(p => p.Created).ToList();
        for (var i = 0; i < people.Count; i++)
        {
            people[i].Id = new CustomerId($"KH{i + 1:D5}");
        }

        foreach (var person in people)
        {
            SimulateOrders(person);
        }

        AssignReferrers(people);
        var duplicates = MakeDuplicates(people);
        var all = people.Concat(duplicates).ToList();

        // Order, interaction, ticket and feedback numbers follow time, as a shop's systems would number them.
        var orders = all.SelectMany(p => p.Orders.Select(o => (Person: p, Order: o))).OrderBy(x => x.Order.At).ThenBy(x => x.Person.Id).ToList();
        foreach (var (_, order) in orders)
        {
            order.Id = new OrderId($"HD{++_orderNo:D6}");
        }

        var customers = new List<Customer>(all.Count);
        foreach (var person in all)
        {
            customers.Add(Build(person));
        }

        return RenumberEvents(customers);
    }

    private sealed class Person
    {
        public CustomerId Id { get; set; }

        public required string Name { get; set; }

        public CustomerKind Kind { get; init; }

        public Gender? Gender { get; init; }

        public Instant Created { get; set; }

        public List<PhoneNumber> Phones { get; } = [];

        public List<EmailAddress> Emails { get; } = [];

        public LocalDate? BirthDate { get; init; }

        public IncomeTier? Income { get; init; }

        public Location? Location { get; init; }

        public DateTimeZone? TimeZone { get; init; }

        public ImmutableArray<string> Tags { get; init; }

        public AcquisitionSource Source { get; init; }

        public SalesChannel PreferredChannel { get; init; }

        public bool Buys { get; init; }

        public double Rate { get; init; }

        public double DropOut { get; init; }

        public double MeanSpend { get; init; }

        public List<GeneratedOrder> Orders { get; } = [];

        public List<ConsentDecision> Consents { get; } = [];

        public CustomerId? Referrer { get; set; }

        public List<(CustomerId Referred, Instant At)> Referred { get; } = [];
    }

    private sealed class GeneratedOrder
    {
        public OrderId Id { get; set; }

        public Instant At { get; init; }

        public required Money Total { get; init; }

        public OrderStatus Status { get; init; }

        public SalesChannel Channel { get; init; }

        public ImmutableArray<OrderLine> Lines { get; init; }
    }

    private Person NewPerson()
    {
        var business = _random.NextDouble() < 0.04;
        var female = _random.NextDouble() < 0.56;
        var overseas = !business && _random.NextDouble() < 0.01;
        string name;
        if (business)
        {
            name = $"{Pick(VietnameseNames.BusinessForms)} {Pick(VietnameseNames.BusinessNames)}";
        }
        else
        {
            var family = PickWeighted(VietnameseNames.Family);
            name = female
                ? $"{family} {Pick(VietnameseNames.FemaleMiddle)} {Pick(VietnameseNames.FemaleGiven)}"
                : $"{family} {Pick(VietnameseNames.MaleMiddle)} {Pick(VietnameseNames.MaleGiven)}";
        }

        var createdDay = PickDay(d => (0.8 + (0.4 * d / _days)) * (1 + (0.8 * (_season[d] - 1))));
        var source = PickWeighted<AcquisitionSource>([
            (AcquisitionSource.WalkIn, 35), (AcquisitionSource.Website, 15), (AcquisitionSource.SocialNetwork, 20),
            (AcquisitionSource.Marketplace, 15), (AcquisitionSource.Referral, 8), (AcquisitionSource.Advertising, 7),
        ]);
        var channel = source switch
        {
            AcquisitionSource.WalkIn => SalesChannel.InStore,
            AcquisitionSource.Website => _random.NextDouble() < 0.6 ? SalesChannel.Website : SalesChannel.App,
            AcquisitionSource.SocialNetwork => SalesChannel.Social,
            AcquisitionSource.Marketplace => SalesChannel.Marketplace,
            AcquisitionSource.Referral or AcquisitionSource.Advertising => PickWeighted<SalesChannel>([(SalesChannel.InStore, 4), (SalesChannel.Website, 2), (SalesChannel.App, 1), (SalesChannel.Phone, 1)]),
            _ => throw new System.Diagnostics.UnreachableException($"Acquisition source {source} is not drawn."),
        };
        var province = PickWeighted(VietnameseNames.Provinces.Select(p => (p, p.Weight)).ToArray());
        var areaRoll = _random.NextDouble();
        var area = areaRoll < province.Urban ? AreaType.Urban : areaRoll < province.Urban + province.Suburban ? AreaType.Suburban : AreaType.Rural;

        var person = new Person
        {
            Name = name,
            Kind = business ? CustomerKind.Business : CustomerKind.Individual,
            Gender = business || _random.NextDouble() < 0.15 ? null : female ? Gender.Female : Gender.Male,
            Created = AtLocal(_settings.Start.PlusDays(createdDay), 8 * 60, 22 * 60),
            BirthDate = business || _random.NextDouble() < 0.25 ? null : BirthDate(),
            Income = business || _random.NextDouble() < 0.4 ? null : PickWeighted<IncomeTier>([(IncomeTier.Low, 30), (IncomeTier.Middle, 55), (IncomeTier.High, 15)]),
            Location = overseas || _random.NextDouble() < 0.08 ? null : new Location(province.Province, null, area),
            TimeZone = overseas ? DateTimeZoneProviders.Tzdb[Pick(["Australia/Sydney", "America/Los_Angeles", "Asia/Tokyo", "Europe/Berlin"])] : null,
            Tags = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(VietnameseNames.Tags))],
            Source = source,
            PreferredChannel = channel,
            Buys = _random.NextDouble() < 0.86,
            Rate = Math.Min(0.25, Gamma.Sample(_random, 0.7, 0.7 * 55)), // purchases per day; mean one per 55 days
            DropOut = Beta.Sample(_random, 1.6, 3.2),
            MeanSpend = Gamma.Sample(_random, 5, 5 / (business ? 1_200_000.0 : 380_000.0)),
        };

        // Distinct people never share a phone or an email here, so that every merge the duplicate finder makes
        // on contact points is one of the deliberate duplicates below.
        if (_random.NextDouble() < 0.95)
        {
            person.Phones.Add(Unique(_phones, () => overseas ? ForeignPhone() : VietnamesePhone()));
        }

        if (_random.NextDouble() < 0.55 || person.Phones.Count == 0)
        {
            person.Emails.Add(Unique(_emails, () => Email(name)));
        }

        AddConsents(person);
        return person;
    }

    private void SimulateOrders(Person person)
    {
        if (!person.Buys)
        {
            return;
        }

        var startDay = DayOf(person.Created);
        var atCreation = _random.NextDouble() < 0.8; // most customers are recorded when they first buy
        var t = atCreation ? startDay : startDay + 1 + Exponential.Sample(_random, 1 / 45.0);
        while (t < _days)
        {
            var order = NewOrder(person, t);
            if (atCreation && person.Orders.Count == 0)
            {
                order = new GeneratedOrder { At = person.Created.Plus(Duration.FromMinutes(_random.Next(5, 90))), Total = order.Total, Status = order.Status, Channel = order.Channel, Lines = order.Lines };
            }

            person.Orders.Add(order);
            if (_random.NextDouble() < person.DropOut)
            {
                return; // the customer will not come back
            }

            // Next purchase: a Poisson process with seasonal intensity, sampled by thinning.
            do
            {
                t += Exponential.Sample(_random, person.Rate * _seasonMax);
            }
            while (t < _days && _random.NextDouble() > _season[(int)t] / _seasonMax);
        }
    }

    private GeneratedOrder NewOrder(Person person, double day)
    {
        var date = _settings.Start.PlusDays((int)day);
        var tet = IsTetSeason(date);
        var channel = _random.NextDouble() < 0.75 ? person.PreferredChannel : PickWeighted<SalesChannel>([(SalesChannel.InStore, 45), (SalesChannel.Website, 15), (SalesChannel.App, 10), (SalesChannel.Marketplace, 20), (SalesChannel.Social, 10)]);
        var target = Gamma.Sample(_random, 4, 4 / person.MeanSpend) * (tet ? 1.7 : 1.0);
        var lines = new List<OrderLine>();
        var sum = 0m;
        while (lines.Count < 5 && (lines.Count == 0 || sum < (decimal)target * 0.8m))
        {
            var product = tet && _random.NextDouble() < 0.7
                ? Pick(Catalog.Products.Where(p => p.TetGift).ToArray())
                : Pick(Catalog.Products);
            if (lines.Any(l => l.Sku == product.Sku))
            {
                continue;
            }

            var quantity = product.Price < 200_000m && _random.NextDouble() < 0.4 ? _random.Next(2, 4) : 1;
            lines.Add(new OrderLine(product.Sku, quantity, Money.Vnd(product.Price), null, [.. product.Tags]));
            sum += product.Price * quantity;
        }

        var voucher = _random.NextDouble() < 0.12 ? Math.Min(sum, 10_000m * _random.Next(2, 6)) : 0m;
        var statusRoll = _random.NextDouble();
        var minutes = channel == SalesChannel.InStore ? (9 * 60, 21 * 60) : (7 * 60, 23 * 60);
        return new GeneratedOrder
        {
            At = AtLocal(date, minutes.Item1, minutes.Item2, after: day - Math.Floor(day)),
            Total = Money.Vnd(sum - voucher),
            Status = statusRoll < 0.93 ? OrderStatus.Completed : statusRoll < 0.97 ? OrderStatus.Returned : OrderStatus.Cancelled,
            Channel = channel,
            Lines = [.. lines],
        };
    }

    private void AssignReferrers(List<Person> people)
    {
        var buyers = new List<Person>();
        foreach (var person in people)
        {
            if (person.Source == AcquisitionSource.Referral && buyers.Count > 0)
            {
                var referrer = buyers[_random.Next(buyers.Count)];
                person.Referrer = referrer.Id;
                referrer.Referred.Add((person.Id, person.Created));
            }

            if (person.Orders.Count > 0)
            {
                buyers.Add(person);
            }
        }
    }

    private List<Person> MakeDuplicates(List<Person> people)
    {
        var duplicates = new List<Person>();
        var next = people.Count + 1;
        foreach (var original in people.Where(p => p.Kind == CustomerKind.Individual).ToList())
        {
            if (_random.NextDouble() >= _settings.DuplicateShare / 0.96)
            {
                continue;
            }

            var createdDay = DayOf(original.Created) + _random.Next(5, 200);
            if (createdDay >= _days)
            {
                continue;
            }

            var variant = _random.NextDouble();
            var name = variant < 0.45 ? TextFold.ForMatching(original.Name) is var folded && _random.NextDouble() < 0.5 ? folded : ToTitle(TextFold.ForMatching(original.Name))
                : variant < 0.65 ? original.Name.ToUpperInvariant()
                : variant < 0.75 ? original.Name.Normalize(System.Text.NormalizationForm.FormD)
                : original.Name;
            var duplicate = new Person
            {
                Name = name,
                Kind = original.Kind,
                Gender = _random.NextDouble() < 0.5 ? original.Gender : null,
                Created = AtLocal(_settings.Start.PlusDays(createdDay), 8 * 60, 22 * 60),
                BirthDate = _random.NextDouble() < 0.4 ? original.BirthDate : null,
                Location = original.Location,
                Tags = [],
                Source = _random.NextDouble() < 0.5 ? AcquisitionSource.Marketplace : AcquisitionSource.Website,
                PreferredChannel = SalesChannel.Marketplace,
                Buys = true,
            };
            duplicate.Id = new CustomerId($"KH{next++:D5}");
            if (original.Phones.Count > 0 && (original.Emails.Count == 0 || _random.NextDouble() < 0.7))
            {
                duplicate.Phones.Add(original.Phones[0]);
            }
            else
            {
                duplicate.Emails.Add(original.Emails[0]);
            }

            // Later orders placed under the new record.
            foreach (var order in original.Orders.Where(o => o.At > duplicate.Created && _random.NextDouble() < 0.6).ToList())
            {
                original.Orders.Remove(order);
                duplicate.Orders.Add(order);
            }

            if (_random.NextDouble() < 0.5)
            {
                duplicate.Consents.Add(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, _random.NextDouble() < 0.7 ? ConsentStatus.Granted : ConsentStatus.Withdrawn, duplicate.Created, "marketplace"));
            }

            duplicates.Add(duplicate);
        }

        return duplicates;
    }

    private Customer Build(Person person)
    {
        var id = person.Id;
        var orders = person.Orders.Select(o => new Order
        {
            Id = o.Id,
            CustomerId = id,
            PlacedAt = o.At,
            Total = o.Total,
            Status = o.Status,
            Channel = o.Channel,
            Lines = o.Lines,
        }).ToList();
        var completed = orders.Count(o => o.IsRevenue);
        var history = new CustomerHistory
        {
            Orders = OrderHistory.From(orders),
            Interactions = [.. Interactions(person, orders)],
            Referrals = [.. person.Referred.Select(r => new Referral(id, r.Referred, r.At))],
        };
        var tickets = Tickets(person, orders);
        history = history with { Tickets = [.. tickets], Feedback = [.. Feedback(person, orders, tickets)] };
        return new Customer
        {
            Id = id,
            DisplayName = person.Name,
            Kind = person.Kind,
            CreatedAt = person.Created,
            Phones = [.. person.Phones],
            Emails = [.. person.Emails],
            BirthDate = person.BirthDate,
            Gender = person.Gender,
            IncomeTier = person.Income,
            Location = person.Location,
            Tags = person.Tags,
            Source = person.Source,
            TimeZone = person.TimeZone,
            Stage = completed switch { 0 => LifecycleStage.Acquisition, 1 => LifecycleStage.Conversion, < 5 => LifecycleStage.Retention, _ => LifecycleStage.Loyalty },
            Consents = ConsentLedger.From(person.Consents),
            History = history,
        };
    }

    private IEnumerable<Interaction> Interactions(Person person, List<Order> orders)
    {
        var end = EndInstant;
        if (orders.Count == 0)
        {
            var contacts = _random.Next(1, 3);
            for (var i = 0; i < contacts; i++)
            {
                var at = person.Created.Plus(Duration.FromHours(_random.Next(0, 24 * 30)));
                if (at < end)
                {
                    yield return NewInteraction(person.Id, at, Pick([ContactChannel.Chat, ContactChannel.Zalo, ContactChannel.PhoneCall]), InteractionDirection.Inbound, Pick([InteractionOutcome.FollowUpNeeded, InteractionOutcome.Declined, InteractionOutcome.Reached]), "hỏi giá");
                }
            }

            yield break;
        }

        if (person.PreferredChannel != SalesChannel.InStore && _random.NextDouble() < 0.3)
        {
            var before = orders[0].PlacedAt - person.Created;
            yield return NewInteraction(person.Id, person.Created.Plus(before * _random.NextDouble()), ContactChannel.Chat, InteractionDirection.Inbound, InteractionOutcome.Purchased, "tư vấn sản phẩm");
        }

        foreach (var order in orders.Where(o => o.IsRevenue))
        {
            if (_random.NextDouble() >= 0.45)
            {
                continue;
            }

            var at = AtLocal(order.PlacedAt.InZone(Zone).Date.PlusDays(_random.Next(1, 4)), 8 * 60, 20 * 60); // within business hours
            var channel = person.Phones.Count == 0 ? ContactChannel.Email : PickWeighted<ContactChannel>([(ContactChannel.Zalo, 6), (ContactChannel.Sms, 3), (ContactChannel.PhoneCall, 1)]);
            if (at < end)
            {
                yield return NewInteraction(person.Id, at, channel, InteractionDirection.Outbound, _random.NextDouble() < 0.72 ? InteractionOutcome.Reached : InteractionOutcome.NoAnswer, "hỏi thăm sau mua");
            }
        }
    }

    private Interaction NewInteraction(CustomerId customer, Instant at, ContactChannel channel, InteractionDirection direction, InteractionOutcome outcome, string subject)
        => new()
        {
            Id = new InteractionId($"TT{++_interactionNo:D6}"),
            CustomerId = customer,
            At = at,
            Channel = channel,
            Direction = direction,
            Outcome = outcome,
            Subject = subject,
            StaffId = $"NV{_random.Next(1, 9):D2}",
        };

    private List<SupportTicket> Tickets(Person person, List<Order> orders)
    {
        var tickets = new List<SupportTicket>();
        var end = EndInstant;
        foreach (var order in orders.Where(o => o.Status != OrderStatus.Cancelled))
        {
            if (_random.NextDouble() >= (order.Status == OrderStatus.Returned ? 0.7 : 0.035))
            {
                continue;
            }

            var opened = order.PlacedAt.Plus(Duration.FromHours(_random.Next(12, 240)));
            if (opened >= end)
            {
                continue;
            }

            var category = order.Status == OrderStatus.Returned ? "đổi trả" : Pick(TicketCategories);
            var firstReply = opened.Plus(Duration.FromMinutes((long)Math.Min(60 * 48, LogNormal.Sample(_random, Math.Log(180), 1.0))));
            var solved = firstReply.Plus(Duration.FromMinutes((long)LogNormal.Sample(_random, Math.Log(60 * 30), 0.9)));
            var closed = solved.Plus(Duration.FromDays(4));
            var status = firstReply >= end ? TicketStatus.New
                : solved >= end ? (_random.NextDouble() < 0.5 ? TicketStatus.Open : TicketStatus.Pending)
                : closed >= end ? TicketStatus.Solved
                : TicketStatus.Closed;
            tickets.Add(new SupportTicket
            {
                Id = new TicketId($"{person.Id.Value}-T{tickets.Count}"), // renumbered shop-wide later
                CustomerId = person.Id,
                OpenedAt = opened,
                Channel = person.Phones.Count == 0 ? ContactChannel.Email : PickWeighted<ContactChannel>([(ContactChannel.PhoneCall, 4), (ContactChannel.Zalo, 4), (ContactChannel.Chat, 2), (ContactChannel.Email, 1)]),
                Priority = PickWeighted<TicketPriority>([(TicketPriority.Low, 7), (TicketPriority.Normal, 70), (TicketPriority.High, 20), (TicketPriority.Urgent, 3)]),
                Status = status,
                Category = category,
                FirstReplyAt = status == TicketStatus.New ? null : firstReply,
                SolvedAt = status is TicketStatus.Solved or TicketStatus.Closed ? solved : null,
                ClosedAt = status == TicketStatus.Closed ? closed : null,
                AssigneeId = $"NV{_random.Next(1, 9):D2}",
            });
        }

        return tickets;
    }

    private IEnumerable<Feedback> Feedback(Person person, List<Order> orders, List<SupportTicket> tickets)
    {
        var end = EndInstant;
        var feedbackCount = 0;
        foreach (var order in orders.Where(o => o.Status != OrderStatus.Cancelled && _random.NextDouble() < 0.2))
        {
            var at = order.PlacedAt.Plus(Duration.FromHours(_random.Next(48, 170)));
            var stars = order.Status == OrderStatus.Returned
                ? PickWeighted<int>([(1, 35), (2, 30), (3, 20), (4, 10), (5, 5)])
                : PickWeighted<int>([(1, 3), (2, 4), (3, 10), (4, 28), (5, 55)]);
            if (at < end)
            {
                yield return new Feedback(new FeedbackId($"{person.Id.Value}-F{++feedbackCount}"), person.Id, at, FeedbackKind.StarRating, stars)
                {
                    OrderId = order.Id,
                    Comment = _random.NextDouble() < 0.4 ? Pick(stars >= 4 ? GoodComments : BadComments) : null,
                };
            }
        }

        foreach (var ticket in tickets.Where(t => t.SolvedAt is not null))
        {
            var hours = (ticket.SolvedAt!.Value - ticket.OpenedAt).TotalHours;
            if (_random.NextDouble() < 0.55)
            {
                var csat = hours < 24 ? PickWeighted<int>([(3, 10), (4, 35), (5, 55)]) : PickWeighted<int>([(1, 15), (2, 20), (3, 30), (4, 25), (5, 10)]);
                var at = ticket.SolvedAt.Value.Plus(Duration.FromHours(2));
                if (at < end)
                {
                    yield return new Feedback(new FeedbackId($"{person.Id.Value}-F{++feedbackCount}"), person.Id, at, FeedbackKind.Csat, csat) { TicketId = ticket.Id };
                }
            }

            if (_random.NextDouble() < 0.2)
            {
                var at = ticket.SolvedAt.Value.Plus(Duration.FromHours(3));
                if (at < end)
                {
                    yield return new Feedback(new FeedbackId($"{person.Id.Value}-F{++feedbackCount}"), person.Id, at, FeedbackKind.Ces, hours < 24 ? _random.Next(1, 4) : _random.Next(3, 8)) { TicketId = ticket.Id };
                }
            }
        }

        foreach (var survey in new[] { new LocalDate(2025, 6, 15), new LocalDate(2026, 6, 15) })
        {
            var at = AtLocal(survey, 9 * 60, 21 * 60);
            var before = orders.Count(o => o.IsRevenue && o.PlacedAt < at);
            if (before > 0 && _random.NextDouble() < 0.15)
            {
                var nps = before >= 3 ? PickWeighted<int>([(6, 5), (7, 10), (8, 20), (9, 30), (10, 35)]) : PickWeighted<int>([(0, 3), (3, 5), (5, 10), (6, 12), (7, 20), (8, 25), (9, 15), (10, 10)]);
                yield return new Feedback(new FeedbackId($"{person.Id.Value}-F{++feedbackCount}"), person.Id, at, FeedbackKind.Nps, nps);
            }
        }
    }

    // Tickets and feedback get shop-wide numbers in time order once every customer is built.
    private static List<Customer> RenumberEvents(List<Customer> customers)
    {
        var ticketIds = customers.SelectMany(c => c.History.Tickets).OrderBy(t => t.OpenedAt).ThenBy(t => t.CustomerId)
            .Select((t, i) => (Old: t.Id, New: new TicketId($"YC{i + 1:D5}"))).ToDictionary(x => x.Old, x => x.New);
        var feedbackIds = customers.SelectMany(c => c.History.Feedback).OrderBy(f => f.At).ThenBy(f => f.CustomerId).ThenBy(f => f.Kind)
            .Select((f, i) => (Old: f.Id, New: new FeedbackId($"DG{i + 1:D5}"))).ToDictionary(x => x.Old, x => x.New);
        return [.. customers.Select(c => c with
        {
            History = c.History with
            {
                Tickets = [.. c.History.Tickets.Select(t => t with { Id = ticketIds[t.Id] })],
                Feedback = [.. c.History.Feedback.Select(f => f with { Id = feedbackIds[f.Id], TicketId = f.TicketId is { } t ? ticketIds[t] : null })],
            },
        }).OrderBy(c => c.Id)];
    }

    private void AddConsents(Person person)
    {
        var at = person.Created;
        if (person.Phones.Count > 0)
        {
            person.Consents.Add(new ConsentDecision(ContactChannel.Sms, ContactPurpose.Transactional, ConsentStatus.Granted, at, "pos"));
            MaybeMarketing(ContactChannel.Zalo, 0.45, 0.10, "zalo_oa");
            MaybeMarketing(ContactChannel.Sms, 0.30, 0.15, "form");
            MaybeMarketing(ContactChannel.PhoneCall, 0.10, 0.20, "call");
        }

        if (person.Emails.Count > 0)
        {
            person.Consents.Add(new ConsentDecision(ContactChannel.Email, ContactPurpose.Transactional, ConsentStatus.Granted, at, "form"));
            MaybeMarketing(ContactChannel.Email, 0.50, 0.12, "newsletter");
        }

        void MaybeMarketing(ContactChannel channel, double grant, double withdraw, string source)
        {
            if (_random.NextDouble() >= grant)
            {
                return;
            }

            person.Consents.Add(new ConsentDecision(channel, ContactPurpose.Marketing, ConsentStatus.Granted, at, source));
            if (_random.NextDouble() < withdraw)
            {
                var later = at.Plus(Duration.FromDays(_random.Next(10, 400)));
                if (later < EndInstant)
                {
                    person.Consents.Add(new ConsentDecision(channel, ContactPurpose.Marketing, ConsentStatus.Withdrawn, later, "unsubscribe"));
                }
            }
        }
    }

    private Instant EndInstant => Zone.AtStartOfDay(_settings.End.PlusDays(1)).ToInstant();

    private static double Seasonality(LocalDate date)
    {
        double Bump(LocalDate center, double amplitude, double sd)
        {
            var d = Period.Between(center, date, PeriodUnits.Days).Days;
            return amplitude * Math.Exp(-0.5 * (d / sd) * (d / sd));
        }

        var s = 1.0;
        foreach (var tet in TetDays)
        {
            s += Bump(tet.PlusDays(-12), 4.0, 8);
            var after = Period.Between(tet, date, PeriodUnits.Days).Days;
            if (after is >= 0 and < 6)
            {
                s *= 0.35; // the shop is closed or quiet during the first days of the new year
            }
        }

        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            s += Bump(new LocalDate(year, 3, 6), 0.8, 2) + Bump(new LocalDate(year, 10, 18), 0.8, 2)
                + Bump(new LocalDate(year, 11, 11), 1.0, 1.2) + Bump(new LocalDate(year, 12, 12), 0.8, 1.2);
        }

        foreach (var day in MidAutumn)
        {
            s += Bump(day.PlusDays(-5), 0.6, 4);
        }

        return s;
    }

    private static bool IsTetSeason(LocalDate date)
        => TetDays.Any(tet => Period.Between(date, tet, PeriodUnits.Days).Days is >= 2 and <= 28);

    private int DayOf(Instant instant) => Period.Between(_settings.Start, instant.InZone(Zone).Date, PeriodUnits.Days).Days;

    private Instant AtLocal(LocalDate date, int fromMinute, int toMinute, double after = 0)
    {
        var minute = fromMinute + (int)((toMinute - fromMinute) * Math.Max(after, _random.NextDouble() * 0.999));
        return Zone.AtStrictly(date.At(new LocalTime(minute / 60, minute % 60))).ToInstant();
    }

    private LocalDate BirthDate()
    {
        var age = Math.Min(80, 18 + Gamma.Sample(_random, 3, 1 / 6.0));
        return _settings.End.PlusDays(-(int)(age * 365.25));
    }

    private PhoneNumber VietnamesePhone()
    {
        var prefix = PickWeighted(VietnameseNames.MobilePrefixes.Select(p => (p.Prefix, p.Weight)).ToArray());
        return PhoneNumber.Parse("0" + prefix + _random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture));
    }

    private PhoneNumber ForeignPhone()
        => PhoneNumber.Parse(Pick(["+614", "+1415", "+8190", "+49151"]) + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture));

    private EmailAddress Email(string name)
    {
        var parts = TextFold.ForMatching(name).Split(' ');
        var local = _random.Next(3) switch
        {
            0 => string.Concat(parts[^1], parts[0]),
            1 => string.Join('.', parts[^1], parts[0]),
            _ => string.Concat(parts.Select(p => p[0]).SkipLast(1)) + parts[^1],
        };
        return EmailAddress.Parse($"{local}{_random.Next(1, 2000)}@{Pick(VietnameseNames.EmailDomains)}");
    }

    private static T Unique<T>(HashSet<T> taken, Func<T> next)
    {
        var value = next();
        while (!taken.Add(value))
        {
            value = next();
        }

        return value;
    }

    private static string ToTitle(string text) => string.Join(' ', text.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private int PickDay(Func<int, double> weight)
    {
        var weights = Enumerable.Range(0, _days).Select(weight).ToArray();
        var roll = _random.NextDouble() * weights.Sum();
        for (var d = 0; d < weights.Length; d++)
        {
            roll -= weights[d];
            if (roll < 0)
            {
                return d;
            }
        }

        return weights.Length - 1;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T PickWeighted<T>((T Item, double Weight)[] items)
    {
        var roll = _random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }
}
