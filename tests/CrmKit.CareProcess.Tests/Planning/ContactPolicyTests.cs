using System.Collections.Immutable;

namespace CrmKit.CareProcess.Tests;

public sealed class ContactPolicyTests
{
    private static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly ContactPolicy Vn = ContactPolicy.Vietnam;

    private static Instant Local(int day, int hour, int minute = 0) => new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Hcm).ToInstant();

    private static ConsentLedger Granted(params ContactChannel[] channels)
        => ConsentLedger.From(channels.Select(c => new ConsentDecision(c, ContactPurpose.Marketing, ConsentStatus.Granted, Instant.FromUtc(2025, 1, 1, 0, 0))));

    [Fact]
    public void FourthMarketingSms_In24Hours_IsDeferred_UntilTheFirstLeavesTheWindow()
    {
        ContactRecord[] sent = [new(Local(10, 9), ContactChannel.Sms, ContactPurpose.Marketing), new(Local(10, 12), ContactChannel.Sms, ContactPurpose.Marketing), new(Local(10, 15), ContactChannel.Sms, ContactPurpose.Marketing)];
        var d = Vn.Decide(ContactChannel.Sms, ContactPurpose.Marketing, Local(10, 18), Hcm, Granted(ContactChannel.Sms), sent);
        Assert.Equal(ContactVerdict.Deferred, d.Verdict);
        Assert.Equal(Local(11, 9) + Duration.Epsilon, d.SendAt);
        Assert.Equal("Sms cap: 3 marketing per 24 h", d.Reason);

        // Service messages are exempt from caps.
        var service = Vn.Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 18), Hcm, ConsentLedger.Empty, sent);
        Assert.Equal(new ContactDecision(ContactVerdict.Allowed, Local(10, 18), null), service);
    }

    [Fact]
    public void QuietHours_ApplyToEveryPurpose_InTheCustomersZone()
    {
        var late = Vn.Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 22, 30), Hcm, ConsentLedger.Empty, []);
        Assert.Equal(new ContactDecision(ContactVerdict.Deferred, Local(11, 7), "outside Sms hours 07:00–22:00"), late);
        var call = Vn.Decide(ContactChannel.PhoneCall, ContactPurpose.Marketing, Local(10, 17), Hcm, Granted(ContactChannel.PhoneCall), []);
        Assert.Equal(Local(11, 8), call.SendAt);
        Assert.True(Vn.InAllowedHours(ContactChannel.Email, Local(10, 3), Hcm));
    }

    [Fact]
    public void Consent_MarketingNeedsAGrant_ServiceOnlyFailsOnWithdrawal()
    {
        Assert.Equal(new ContactDecision(ContactVerdict.Skipped, null, "no marketing consent for Zalo"), Vn.Decide(ContactChannel.Zalo, ContactPurpose.Marketing, Local(10, 10), Hcm, ConsentLedger.Empty, []));
        var withdrawn = ConsentLedger.From([new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Transactional, ConsentStatus.Withdrawn, Instant.FromUtc(2026, 1, 1, 0, 0))]);
        Assert.Equal(ContactVerdict.Skipped, Vn.Decide(ContactChannel.Zalo, ContactPurpose.Transactional, Local(10, 10), Hcm, withdrawn, []).Verdict);
        Assert.True(ContactPolicy.ConsentAllows(ConsentLedger.Empty, ContactChannel.InPerson, ContactPurpose.Marketing));
    }

    [Fact]
    public void BlockedAction_Skip_Or_DropAfterDeadline()
    {
        var skip = Vn with { OnBlocked = BlockedActionHandling.Skip };
        Assert.Equal(new ContactDecision(ContactVerdict.Skipped, null, "outside Sms hours 07:00–22:00"), skip.Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 23), Hcm, ConsentLedger.Empty, []));
        var tight = Vn with { DeferDeadline = Duration.FromHours(2) };
        var dropped = tight.Decide(ContactChannel.Sms, ContactPurpose.Transactional, Local(10, 23), Hcm, ConsentLedger.Empty, []);
        Assert.Equal(ContactVerdict.Dropped, dropped.Verdict);
        Assert.StartsWith("outside Sms hours 07:00–22:00; next allowed", dropped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Agenda_VipBirthdayAndTet_WithStableIdempotencyKeys_AndDeduplication()
    {
        var agenda = new CareAgenda(BuiltInCarePlans.All);
        var vip = new CareSubject
        {
            CustomerId = new CustomerId("KH7"),
            Zone = Hcm,
            Segments = BuiltInSegments.Catalog.Membership(["vip", "champions"]),
            Consents = Granted(ContactChannel.Zalo, ContactChannel.Email, ContactChannel.PhoneCall, ContactChannel.Sms),
            BirthDate = new LocalDate(1990, 2, 10),
            JoinedOn = new LocalDate(2024, 5, 1),
        };

        // 10 Feb 2026, 09:30 local: the birthday, and Tết (17 Feb) is 7 days away.
        var asOf = new LocalDateTime(2026, 2, 10, 9, 30).InZoneStrictly(Hcm).ToInstant();
        var items = agenda.For(vip, asOf);
        Assert.Equal(
            ["KH7/vip-care/birthday-gift/2026-02-10", "KH7/vip-care/tet-gift/2026-02-10", "KH7/occasions/birthday-greeting/2026-02-10"],
            items.Select(i => i.IdempotencyKey).ToArray());
        Assert.All(items, i => Assert.Equal(AgendaStatus.Due, i.Status));
        Assert.Equal(items, agenda.For(vip, asOf));

        // The same template on the same channel and day goes once.
        var twice = new CareAgenda([BuiltInCarePlans.All[0], BuiltInCarePlans.All[0] with { Id = "vip-copy", Priority = 1 }]);
        var copies = twice.For(vip, asOf);
        Assert.Equal(2, copies.Count(i => i.Status == AgendaStatus.Due));
        Assert.Equal(2, copies.Count(i => i.Status == AgendaStatus.Skipped && i.PlanId == "vip-copy" && i.Reason == "sent today by a higher-priority plan"));
    }

    [Fact]
    public void ForPopulation_ManySubjects_IsEachSubjectsAgendaJoinedAndSorted()
    {
        // 5,000 subjects (computed in parallel ranges): the population's agenda must be every subject's own agenda,
        // joined in order and sorted by send (else due) time, customer id, then plan order, as documented.
        var agenda = new CareAgenda(BuiltInCarePlans.All);
        var asOf = new LocalDateTime(2026, 2, 10, 9, 30).InZoneStrictly(Hcm).ToInstant();
        string[][] memberships = [["vip", "champions"], ["at-risk"], ["new-customers"], []];
        var subjects = Enumerable.Range(0, 5_000).Select(i => new CareSubject
        {
            CustomerId = new CustomerId($"KH{i:D5}"),
            Zone = Hcm,
            Segments = BuiltInSegments.Catalog.Membership(memberships[i % memberships.Length]),
            Consents = Granted(ContactChannel.Zalo, ContactChannel.Email, ContactChannel.PhoneCall, ContactChannel.Sms),
            BirthDate = new LocalDate(1990, 1, 1).PlusDays(i % 60),
            JoinedOn = new LocalDate(2024, 5, 1).PlusDays(i % 300),
        }).ToList();
        var rank = BuiltInCarePlans.All.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var items = agenda.ForPopulation(subjects, asOf, Duration.FromDays(7));

        var expected = subjects.SelectMany(s => agenda.For(s, asOf, Duration.FromDays(7)))
            .OrderBy(i => i.SendAt ?? i.DueAt).ThenBy(i => i.CustomerId.Value, StringComparer.Ordinal).ThenBy(i => rank[i.PlanId])
            .ToList();
        Assert.True(expected.Count > 1_000, $"{expected.Count} items");
        Assert.Equal(expected, items);
    }

    // ---- Properties: no agenda breaks consent, caps or quiet hours ----

    private static readonly string[] Zones = ["Asia/Ho_Chi_Minh", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kathmandu"];
    private static readonly ContactChannel[] Channels = [ContactChannel.Sms, ContactChannel.Zalo, ContactChannel.Email, ContactChannel.PhoneCall];
    private static readonly Instant Origin = Instant.FromUtc(2026, 3, 1, 0, 0);

    private static readonly Gen<CarePlan> Plan =
        from cadences in (from channel in Gen.Elements(Channels)
                          from marketing in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
                          from hour in Gen.Choose(0, 23)
                          from minute in Gen.Choose(0, 59)
                          from every in Gen.Choose(1, 3)
                          select (channel, marketing, hour, minute, every)).ArrayOf()
        select new CarePlan("p", "P", 1)
        {
            Segments = ["vip"],
            Cadences = [.. cadences.Take(12).Select((c, i) => new Cadence($"c{i}", new CareAction(c.channel, c.marketing ? ContactPurpose.Marketing : ContactPurpose.Transactional, $"t{i % 4}"), new EverySchedule(c.every, new LocalTime(c.hour, c.minute))))],
        };

    private static readonly Gen<CareSubject> Subject =
        from zone in Gen.Elements(Zones)
        from granted in Gen.SubListOf(Channels)
        from contacts in (from minutes in Gen.Choose(0, 3 * 24 * 60)
                          from channel in Gen.Elements(Channels)
                          from marketing in Gen.Elements(true, false)
                          select new ContactRecord(Origin + Duration.FromMinutes(minutes), channel, marketing ? ContactPurpose.Marketing : ContactPurpose.Transactional)).ArrayOf()
        select new CareSubject
        {
            CustomerId = new CustomerId("c"),
            Zone = DateTimeZoneProviders.Tzdb[zone],
            Segments = BuiltInSegments.Catalog.Membership(["vip"]),
            Consents = Granted([.. granted]),
            JoinedOn = new LocalDate(2026, 1, 1),
            RecentContacts = [.. contacts.Take(10)],
        };

    [Property(MaxTest = 300)]
    public Property Agenda_NeverBreaksConsentCapsOrQuietHours()
        => Prop.ForAll(
            (from plan in Plan
             from subject in Subject
             from hours in Gen.Choose(24, 5 * 24)
             from lookbackHours in Gen.Choose(1, 72)
             select (plan, subject, asOf: Origin + Duration.FromHours(hours), lookback: Duration.FromHours(lookbackHours))).ToArbitrary(),
            c =>
            {
                var agenda = new CareAgenda([c.plan], ContactPolicy.Vietnam);
                var items = agenda.For(c.subject, c.asOf, c.lookback);
                var sent = items.Where(i => i.SendAt is not null).ToList();
                var problems = new List<string>();
                foreach (var i in sent)
                {
                    if (!ContactPolicy.ConsentAllows(c.subject.Consents, i.Action.Channel, i.Action.Purpose))
                    {
                        problems.Add($"{i.IdempotencyKey}: no consent");
                    }

                    if (!ContactPolicy.Vietnam.InAllowedHours(i.Action.Channel, i.SendAt!.Value, c.subject.Zone))
                    {
                        problems.Add($"{i.IdempotencyKey}: quiet hours at {i.SendAt.Value.InZone(c.subject.Zone)}");
                    }

                    if (i.SendAt < i.DueAt)
                    {
                        problems.Add($"{i.IdempotencyKey}: sent before due");
                    }
                }

                var all = c.subject.RecentContacts.Concat(sent.Select(i => new ContactRecord(i.SendAt!.Value, i.Action.Channel, i.Action.Purpose))).Where(x => x.Purpose == ContactPurpose.Marketing).ToList();
                foreach (var i in sent.Where(i => i.Action.Purpose == ContactPurpose.Marketing))
                {
                    var t = i.SendAt!.Value;
                    var cap = ContactPolicy.Vietnam.Channels[i.Action.Channel].MaxPer24Hours!.Value;
                    foreach (var end in all.Where(x => x.Channel == i.Action.Channel && x.At >= t && x.At < t + Duration.FromHours(24)).Select(x => x.At))
                    {
                        var n = all.Count(x => x.Channel == i.Action.Channel && x.At > end - Duration.FromHours(24) && x.At <= end);
                        if (n > cap)
                        {
                            problems.Add($"{i.IdempotencyKey}: {n} {i.Action.Channel} marketing in the 24 h ending {end}");
                        }
                    }

                    var day = t.InZone(c.subject.Zone).Date;
                    var sameDay = all.Count(x => x.At.InZone(c.subject.Zone).Date == day);
                    if (sameDay > ContactPolicy.Vietnam.MaxMarketingPerDay)
                    {
                        problems.Add($"{i.IdempotencyKey}: {sameDay} marketing contacts on {day}");
                    }
                }

                return (problems.Count == 0).Label(string.Join("; ", problems.Distinct()))
                    .Classify(sent.Count > 0, "some sent")
                    .Classify(items.Any(i => i.Status == AgendaStatus.Deferred), "some deferred");
            });
}
