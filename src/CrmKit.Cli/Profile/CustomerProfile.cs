using System.Diagnostics;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Engine;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Profile;

/// <summary>Everything <c>crmkit customer</c> shows about one customer, computed once for the text and the JSON.</summary>
/// <param name="Shop">The classified shop.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Segments">The customer's segments (catalogue order) with the explanation of each membership.</param>
/// <param name="Prediction">The customer's CLV prediction, or <see langword="null"/> (no completed order, or no model could be fitted).</param>
/// <param name="Due">Today's care agenda for the customer (the built-in care plans, Vietnam's contact policy).</param>
/// <param name="Journeys">What the care engine did and is doing for the customer.</param>
internal sealed record CustomerProfile(
    ShopAnalysis Shop,
    Customer Customer,
    IReadOnlyList<(Segment Segment, Explanation Explanation)> Segments,
    CustomerPrediction? Prediction,
    IReadOnlyList<AgendaItem> Due,
    CustomerJourneys Journeys)
{
    /// <summary>Computes the profile of <paramref name="customer"/> in <paramref name="shop"/>.</summary>
    public static CustomerProfile Of(ShopAnalysis shop, Customer customer)
    {
        var record = shop.Record(customer.Id);
        var segments = shop.SegmentsOf(customer.Id).Select(s => (s, shop.Settings.Catalog.Explain(s.Id, record, shop.Context))).ToList();
        var prediction = shop.Clv.Predictions.FirstOrDefault(p => p.CustomerId == customer.Id);
        var subject = CareSubject.From(customer, shop.Segmentation.Memberships[customer.Id], shop.Settings.Zone);
        var due = new CareAgenda(BuiltInCarePlans.All).For(subject, shop.AsOf, Duration.FromDays(shop.Settings.AgendaDays));
        var journeys = CustomerJourneys.Replay(customer, shop.AsOf, MainJob.EngineOptions(shop.Settings, shop.Segmentation));
        return new CustomerProfile(shop, customer, segments, prediction, due, journeys);
    }

    private DateTimeZone Zone => Shop.Settings.Zone;

    /// <summary>A phone as shown: masked (<c>+84 9** *** *78</c>) unless <paramref name="reveal"/>, then <c>0912 345 678</c>.</summary>
    public static string Phone(PhoneNumber phone, bool reveal) => reveal ? ContactListFile.Phone(phone) : PersonalData.MaskPhone(phone);

    private static string Email(EmailAddress email, bool reveal) => reveal ? email.Value : PersonalData.MaskEmail(email.Value);

    /// <summary>
    /// An id or a name as shown: as written, but masked like a contact where it is one, unless <paramref name="reveal"/>
    /// (a customer known from orders alone is keyed by its phone or e-mail and, without a name, named by it too).
    /// </summary>
    public static string Shown(string text, bool reveal) => reveal ? text : PersonalData.Redact(text);

    /// <summary>The customer's orders at the as-of instant: those placed after it are set apart, as the run sets them apart.</summary>
    private OrderTotals Orders => field ??= OrderTotals.Of([Customer], [], Shop.AsOf);

    /// <summary>The orders placed up to the as-of instant, most recent first.</summary>
    private IEnumerable<Order> RecentOrders => Orders.Orders.OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Id.Value, StringComparer.Ordinal);

    /// <summary>
    /// The customer's instance of the lifecycle journey (the process <see cref="BuiltInProcesses.CustomerLifecycle"/>),
    /// the newest if several, or <see langword="null"/> (no completed order up to the as-of instant).
    /// </summary>
    private JourneyInstance? Lifecycle => Journeys.Instances.FirstOrDefault(i => i.Snapshot.ProcessId == BuiltInProcesses.CustomerLifecycle.Id);

    /// <summary>
    /// The customer's lifecycle stage at the as-of instant, the one the profile shows everywhere: the state of the
    /// lifecycle journey (authoritative — replayed from the orders up to the as-of instant, like every other figure);
    /// without a lifecycle journey, the stage the data file gives (<see cref="Customer.Stage"/>).
    /// </summary>
    public LifecycleStage Stage => StageFromJourney ?? Customer.Stage;

    /// <summary>The lifecycle journey's state as a stage, or <see langword="null"/> without a lifecycle journey.</summary>
    private LifecycleStage? StageFromJourney => Lifecycle is { } i && EnumNames.TryParse<LifecycleStage>(i.Snapshot.State, out var stage) ? stage : null;

    private IEnumerable<OutboxRecord> RecentMessages => Journeys.Outbox.Where(m => m.State != OutboxState.Pending).OrderByDescending(m => m.ClosedAt ?? m.QueuedAt).ThenBy(m => m.Message.IdempotencyKey, StringComparer.Ordinal);

    private IEnumerable<OutboxRecord> Queued => Journeys.Outbox.Where(m => m.State == OutboxState.Pending).OrderBy(m => m.Message.DueAt).ThenBy(m => m.Message.IdempotencyKey, StringComparer.Ordinal);

    private string ModelId => CountModels.All.First(m => m.Kind == Shop.Clv.Model).Id;

    /// <summary>
    /// The customer's open tasks — what a task is here: one the journeys created that has no due time or is due at or
    /// after the as-of instant (to do); newest first. The text and the JSON list the same ones.
    /// </summary>
    private IEnumerable<CareTask> OpenTasks => Journeys.Tasks.Where(t => t.DueAt is null || t.DueAt >= Shop.AsOf);

    /// <summary>The tasks due before the as-of instant (history): counted in the text, listed in the JSON; newest first.</summary>
    private IEnumerable<CareTask> EarlierTasks => Journeys.Tasks.Where(t => t.DueAt is { } due && due < Shop.AsOf);

    /// <summary>Why the customer has no prediction, in the current language (the text) — the JSON gives it in English.</summary>
    private string NoPredictionReason => Shop.Clv.Count is null ? Display.Format(ProfileStrings.NoModel, Display.Clauses(Shop.Clv.Problems.Select(ClvText.Problem))) : ProfileStrings.NoPrediction;

    // A closed message's outcome in the words the agenda and replay use for it (fourth trial: a message the consent rules
    // stopped read "đã huỷ" here and "bỏ qua" in the agenda): no consent or no contact → skipped, its deadline passed →
    // dropped; cancelled only when withdrawn (a journey's exit, an erasure or a merge).
    private static string Outcome(OutboxRecord m)
    {
        if (m.State != OutboxState.Cancelled || m.Reason is not { } reason)
        {
            return DisplayNames.Of(m.State);
        }

        return ContactReason.Parse(reason).Kind switch
        {
            ContactReasonKind.NoMarketingConsent or ContactReasonKind.ServiceMessagesWithdrawn or ContactReasonKind.MarketingConsentWithdrawn
                or ContactReasonKind.NoPhoneNumber or ContactReasonKind.NoEmailAddress => DisplayNames.Of(ContactVerdict.Skipped),
            ContactReasonKind.PastDeadline or ContactReasonKind.NoAllowedInstant => DisplayNames.Of(ContactVerdict.Dropped),
            ContactReasonKind.Other or ContactReasonKind.OutsideHours or ContactReasonKind.OutsideChannelHours or ContactReasonKind.ChannelCap
                or ContactReasonKind.DailyCap or ContactReasonKind.CustomerErased or ContactReasonKind.CustomerMerged
                or ContactReasonKind.JourneyExited => DisplayNames.Of(m.State),
            _ => throw new UnreachableException($"Unknown contact reason kind in '{reason}'."),
        };
    }

    // A journey by its display name (fourth trial: "tet@v1" is the definition's id, which the JSON keeps).
    private string JourneyName(string id)
        => Journeys.Definitions.FirstOrDefault(j => j.VersionedId == id || j.Id == id)?.DisplayName() ?? id;

    // Which run of the journey an instance is, in words: the customer's own (nothing to add), its n-th round
    // ("KH001#2" → ", lần 2"), or the order or ticket it follows (", HD000491").
    private string InstanceWords(string instanceId, bool reveal)
    {
        var customer = Customer.Id.Value;
        if (instanceId == customer)
        {
            return string.Empty;
        }

        return instanceId.StartsWith(customer + "#", StringComparison.Ordinal) && int.TryParse(instanceId[(customer.Length + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round)
            ? Display.Format(ProfileStrings.JourneyRound, round)
            : Display.Format(ProfileStrings.JourneyFor, Shown(instanceId, reveal));
    }

    /// <summary>Writes the profile as text in the invocation's language; orders and recent messages up to <paramref name="limit"/> each, with a count of the rest.</summary>
    public void Write(TextWriter output, bool reveal, int limit)
    {
        var c = Customer;
        output.WriteLine(Display.Format(ProfileStrings.Heading, Shown(c.Id.Value, reveal), Shown(c.DisplayName, reveal), DisplayNames.Of(c.Kind)));
        output.WriteLine(Display.Format(ProfileStrings.AsOfLine, Display.DateTime(Shop.AsOf, Zone), Zone.Id));
        if (!c.MergedIds.IsEmpty)
        {
            output.WriteLine(Display.Format(ProfileStrings.MergedIdsLine, string.Join(", ", c.MergedIds.Select(m => m.Value))));
        }

        output.WriteLine();
        output.WriteLine(ProfileStrings.SectionProfile);
        output.WriteLine(Display.Format(
            ProfileStrings.ProfileLine,
            Display.Date(c.CreatedAt.InZone(Zone).Date),
            StageShown(),
            c.Source is { } source ? DisplayNames.Of(source) : "–",
            c.BirthDate is { } birth ? Display.Date(birth) : "–",
            c.Gender is { } gender ? DisplayNames.Of(gender) : "–",
            c.IncomeTier is { } income ? DisplayNames.Of(income) : "–"));
        output.WriteLine(Display.Format(
            ProfileStrings.LocationLine,
            c.Location is { } l ? string.Join(", ", new[] { l.City, l.Province }.Where(x => x is not null)) + (l.Area is { } area ? $" ({DisplayNames.Of(area)})" : "") : "–",
            c.Tags.IsEmpty ? "–" : string.Join(", ", c.Tags)));

        output.WriteLine();
        output.WriteLine(reveal ? ProfileStrings.SectionContacts : ProfileStrings.SectionContactsMasked);
        output.WriteLine(Display.Format(ProfileStrings.PhonesLine, c.Phones.IsEmpty ? "–" : string.Join(", ", c.Phones.Select(p => Phone(p, reveal)))));
        output.WriteLine(Display.Format(ProfileStrings.EmailsLine, c.Emails.IsEmpty ? "–" : string.Join(", ", c.Emails.Select(e => Email(e, reveal)))));

        output.WriteLine();
        var orders = Orders.Orders;
        output.WriteLine(Display.Format(ProfileStrings.SectionOrders, Display.Number(orders.Count), Display.Number(Orders.ByStatus[OrderStatus.Completed]),
            Orders.Revenue.IsEmpty ? "–" : string.Join(", ", Orders.Revenue.Select(r => Display.Money(r.Revenue)))));
        foreach (var o in RecentOrders.Take(limit))
        {
            output.WriteLine($"  {Display.DateTime(o.PlacedAt, Zone)}  {o.Id.Value,-10} {Display.Money(o.Total),18}  {DisplayNames.Of(o.Status),-10} {(o.Channel is { } ch ? DisplayNames.Of(ch) : "")}");
        }

        More(output, orders.Count, limit);
        if (Orders.AfterCount > 0)
        {
            output.WriteLine("  " + Display.Format(ProfileStrings.OrdersAfterAsOf, Display.Number(Orders.AfterCount)));
        }

        output.WriteLine();
        output.WriteLine(Display.Format(ProfileStrings.SectionSegments, Display.Number(Segments.Count)));
        foreach (var (segment, explanation) in Segments.Take(limit))
        {
            output.WriteLine($"  {segment.Id} — {segment.DisplayName()}");

            // The rule in words, as the report describes the segment (fourth trial: "daysSinceLastOrder (completed)"
            // is not a shop owner's language); the conditions with the customer's figures where the segment has no
            // words, and for every segment with 'crmkit segment --explain'.
            if (segment.DisplayDescription() is { Length: > 0 } words)
            {
                output.WriteLine("    " + words);
                continue;
            }

            foreach (var line in explanation.Describe().Split(Environment.NewLine))
            {
                output.WriteLine("    " + line);
            }
        }

        More(output, Segments.Count, limit);
        if (Segments.Count > 0)
        {
            output.WriteLine("  " + Display.Format(ProfileStrings.SegmentsExplainHint, Shown(Customer.Id.Value, reveal)));
        }

        output.WriteLine();
        output.WriteLine(ProfileStrings.SectionValue);
        if (Prediction is { } p)
        {
            output.WriteLine(Display.Format(ProfileStrings.ValueLine, Display.Percent(p.ProbabilityAlive), Display.Number(p.ExpectedPurchases, "F2"),
                Display.Number(Shop.Clv.Options.Value.Horizon, "G"), PredictedValue(p) is { } value ? Display.Money(value) : "–"));
            output.WriteLine(Display.Format(ProfileStrings.ModelLine, ModelId, Display.Number(Shop.Clv.Predictions.Length)));
            if (Shop.Clv.ValueMissingReason is { } why)
            {
                output.WriteLine(Display.Format(ProfileStrings.ValueMissing, ClvText.Problem(why)));
            }
        }
        else
        {
            output.WriteLine(NoPredictionReason);
        }

        output.WriteLine();
        output.WriteLine(ProfileStrings.SectionJourneys);
        foreach (var i in Journeys.Instances.Take(limit))
        {
            var (process, state) = ProcessAndState(i.Snapshot.ProcessId, i.Snapshot.State);
            output.WriteLine(Display.Format(ProfileStrings.JourneyLine, JourneyName(i.JourneyId), InstanceWords(i.InstanceId, reveal), process, state, DisplayNames.Of(i.Status),
                Display.DateTime(i.EnrolledAt, Zone),
                // What is not there is left out (the trial read "ended –, exit reason –" on every active journey).
                (i.EndedAt is { } ended ? Display.Format(ProfileStrings.JourneyEnded, Display.DateTime(ended, Zone)) : string.Empty)
                + (i.ExitReason is { } reason ? Display.Format(ProfileStrings.JourneyExitReason, reason) : string.Empty)));
        }

        More(output, Journeys.Instances.Count, limit);
        None(output, Journeys.Instances.Count);

        output.WriteLine();
        output.WriteLine(ProfileStrings.SectionConsents);
        // The latest decisions count: with more than --limit, the earlier ones are the ones cut (and said so first).
        var consents = Latest(c.Consents.OrderBy(d => d.At).ToList(), limit, out var earlierConsents);
        if (earlierConsents > 0)
        {
            output.WriteLine("  " + Display.Format(ProfileStrings.EarlierNotShown, Display.Number(earlierConsents)));
        }

        foreach (var d in consents)
        {
            output.WriteLine($"  {Display.DateTime(d.At, Zone)}  {DisplayNames.Of(d.Channel),-10} {DisplayNames.Of(d.Purpose),-14} {DisplayNames.Of(d.Status),-10} {d.Source ?? ""}{(d.RecordedBy is { } by ? " / " + by : "")}");
        }

        None(output, c.Consents.Count);

        output.WriteLine();
        output.WriteLine(Display.Format(ProfileStrings.SectionDue, Display.Date(Shop.AsOf.InZone(Zone).Date)));
        foreach (var i in Due.Take(limit))
        {
            output.WriteLine($"  {(i.SendAt is { } at ? Display.DateTime(at, Zone) : "–"),-16}  {Name(i.Action.Channel),-10} {DisplayNames.TemplateLabel(i.Action.Template),-26} {DisplayNames.Of(i.Status),-9} {i.PlanId}{(i.Reason is { } r ? " — " + ContactReason.Parse(r).Describe() : "")}");
        }

        More(output, Due.Count, limit);
        foreach (var m in Queued.Take(limit))
        {
            output.WriteLine($"  {Display.DateTime(m.Message.DueAt, Zone),-16}  {DisplayNames.Of(m.Message.Channel),-10} {DisplayNames.TemplateLabel(m.Message.Template),-26} {ProfileStrings.Queued,-9} {JourneyName(m.Message.JourneyId)}");
        }

        More(output, Queued.Count(), limit);
        var open = OpenTasks.ToList();
        foreach (var t in open.Take(limit))
        {
            output.WriteLine($"  {(t.DueAt is { } at ? Display.DateTime(at, Zone) : "–"),-16}  {ProfileStrings.Task,-10} {DisplayNames.TaskTitle(t)} {(t.Role is { } role ? $"({DisplayNames.RoleName(role)})" : "")} {JourneyName(t.JourneyId)}");
        }

        More(output, open.Count, limit);
        None(output, Due.Count + Queued.Count() + open.Count);
        if (EarlierTasks.Count() is var earlier and > 0)
        {
            output.WriteLine("  " + Display.Plural(earlier, ProfileStrings.EarlierTasksOne, ProfileStrings.EarlierTasks, Display.Number(earlier), Display.Date(EarlierTasks.Max(t => t.DueAt!.Value).InZone(Zone).Date)));
        }

        output.WriteLine();
        output.WriteLine(ProfileStrings.SectionRecent);
        var recent = RecentMessages.ToList();
        foreach (var m in recent.Take(limit))
        {
            output.WriteLine($"  {Display.DateTime(m.ClosedAt ?? m.QueuedAt, Zone),-16}  {DisplayNames.Of(m.Message.Channel),-10} {DisplayNames.TemplateLabel(m.Message.Template),-26} {Outcome(m),-12} {JourneyName(m.Message.JourneyId)}{(m.Reason is { } r ? " — " + ContactReason.Parse(r).Describe() : "")}");
        }

        More(output, recent.Count, limit);
        None(output, recent.Count);
    }

    // The stage as the header shows it: where the data file gives another stage, it is named beside the journey's.
    private string StageShown()
        => StageFromJourney is { } stage && Customer.StageRecorded && stage != Customer.Stage ? Display.Format(ProfileStrings.StageFileDiffers, DisplayNames.Of(stage), DisplayNames.Of(Customer.Stage)) : DisplayNames.Of(Stage);

    private static void More(TextWriter output, int count, int limit)
    {
        if (count > limit)
        {
            output.WriteLine("  " + Display.Format(ProfileStrings.MoreNotShown, Display.Number(count - limit)));
        }
    }

    private static List<T> Latest<T>(List<T> oldestFirst, int limit, out int cut)
    {
        cut = Math.Max(0, oldestFirst.Count - limit);
        return oldestFirst[cut..];
    }

    private static void None(TextWriter output, int count)
    {
        if (count == 0)
        {
            output.WriteLine("  " + ProfileStrings.NoneLine);
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => RunSummary.Name(value);

    private Money? PredictedValue(CustomerPrediction p)
    {
        if (p.Value is not { } value || Orders.Orders.Count == 0)
        {
            return null;
        }

        var currency = Orders.Orders[0].Total.Currency;
        return new Money(Math.Round((decimal)value, currency.MinorUnits), currency);
    }

    /// <summary>
    /// The profile as JSON (invariant; instants ISO-8601 UTC, amounts as numbers with their currency code): see
    /// docs/customer-lists.md for the shape. Contacts are masked unless <paramref name="reveal"/>.
    /// </summary>
    public object Json(bool reveal, int limit)
    {
        var c = Customer;
        var orders = RecentOrders.ToList();
        var recent = RecentMessages.ToList();
        return new
        {
            asOf = Shop.AsOf.ToString(),
            zone = Zone.Id,
            customer = new
            {
                id = Shown(c.Id.Value, reveal),
                mergedIds = c.MergedIds.Select(m => Shown(m.Value, reveal)),
                name = Shown(c.DisplayName, reveal),
                kind = Name(c.Kind),
                createdAt = c.CreatedAt.ToString(),
                stage = Name(Stage),
                stageSource = StageFromJourney is not null ? BuiltInProcesses.CustomerLifecycle.Id : c.StageRecorded ? "file" : "default",
                fileStage = c.StageRecorded ? Name(c.Stage) : null,
                source = c.Source is { } s ? Name(s) : null,
                birthDate = c.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                gender = c.Gender is { } g ? Name(g) : null,
                incomeTier = c.IncomeTier is { } t ? Name(t) : null,
                province = c.Location?.Province,
                city = c.Location?.City,
                area = c.Location?.Area is { } a ? Name(a) : null,
                tags = c.Tags,
            },
            contacts = new
            {
                masked = !reveal,
                phones = c.Phones.Select(p => reveal ? p.E164 : PersonalData.MaskPhone(p)),
                emails = c.Emails.Select(e => Email(e, reveal)),
            },
            orders = new
            {
                count = orders.Count,
                completed = Orders.ByStatus[OrderStatus.Completed],
                revenue = Orders.Revenue.ToDictionary(r => r.Revenue.Currency.Code, r => r.Revenue.Amount),
                afterAsOf = Orders.AfterCount,
                recent = orders.Take(limit).Select(o => new
                {
                    id = o.Id.Value,
                    placedAt = o.PlacedAt.ToString(),
                    total = o.Total.Amount,
                    currency = o.Total.Currency.Code,
                    status = Name(o.Status),
                    channel = o.Channel is { } ch ? Name(ch) : null,
                }),
                notShown = NotShown(orders.Count, limit),
            },
            segments = Segments.Take(limit).Select(s => new { id = s.Segment.Id, name = s.Segment.Name.Invariant(), explanation = Node(s.Explanation) }),
            segmentsNotShown = NotShown(Segments.Count, limit),
            value = new
            {
                model = Shop.Clv.Count is null ? null : ModelId,
                probabilityAlive = Prediction?.ProbabilityAlive,
                expectedPurchases = Prediction?.ExpectedPurchases,
                horizonWeeks = Shop.Clv.Options.Value.Horizon,
                predictedValue = Prediction is { } p ? PredictedValue(p)?.Amount : null,
                currency = Prediction is { } q ? PredictedValue(q)?.Currency.Code : null,
                valueMissingReason = Prediction is null ? null : Shop.Clv.ValueMissingReason?.Message,
                noPredictionReason = Prediction is null ? UiLanguage.English.Apply(() => NoPredictionReason.Trim()) : null,
            },
            journeys = Journeys.Instances.Take(limit).Select(i => new
            {
                journey = i.JourneyId,
                instance = Shown(i.InstanceId, reveal),
                process = i.Snapshot.ProcessId,
                state = i.Snapshot.State,
                status = Name(i.Status),
                enrolledAt = i.EnrolledAt.ToString(),
                endedAt = i.EndedAt?.ToString(),
                exitReason = i.ExitReason,
            }),
            journeysNotShown = NotShown(Journeys.Instances.Count, limit),
            consents = Latest(c.Consents.OrderBy(d => d.At).ToList(), limit, out var earlierConsents).Select(d => new
            {
                at = d.At.ToString(),
                channel = Name(d.Channel),
                purpose = Name(d.Purpose),
                status = Name(d.Status),
                source = d.Source,
                recordedBy = d.RecordedBy,
            }),
            consentsNotShown = earlierConsents,
            care = new
            {
                due = Due.Take(limit).Select(CareCommand.ItemJson),
                dueNotShown = NotShown(Due.Count, limit),
                queued = Queued.Take(limit).Select(Message),
                queuedNotShown = NotShown(Queued.Count(), limit),
                tasks = OpenTasks.Take(limit).Select(Task),
                tasksNotShown = NotShown(OpenTasks.Count(), limit),
                earlierTasks = EarlierTasks.Take(limit).Select(Task),
                earlierTasksNotShown = NotShown(EarlierTasks.Count(), limit),
                recent = recent.Take(limit).Select(Message),
                recentNotShown = NotShown(recent.Count, limit),
            },
        };
    }

    private static int NotShown(int count, int limit) => Math.Max(0, count - limit);

    private static object Task(CareTask t) => new
    {
        title = t.Title,
        role = t.Role,
        createdAt = t.CreatedAt.ToString(),
        dueAt = t.DueAt?.ToString(),
        journey = t.JourneyId,
        assignment = t.IsAssignment,
    };

    private static object Message(OutboxRecord m) => new
    {
        channel = Name(m.Message.Channel),
        purpose = Name(m.Message.Purpose),
        template = m.Message.Template,
        dueAt = m.Message.DueAt.ToString(),
        state = Name(m.State),
        verdict = Name(m.Verdict),
        reason = m.Reason,
        closedAt = m.ClosedAt?.ToString(),
        journey = m.Message.JourneyId,
    };

    private static object Node(Explanation e) => new { holds = e.Holds, reason = e.Reason, children = e.Children.Select(Node) };

    // A built-in process and its state by name in Vietnamese ("Phiếu hỗ trợ", "Đã đóng"); in English, and for a process
    // of one's own, by id as the profile has always written them.
    private static (string Process, string State) ProcessAndState(string processId, string state)
    {
        if (UiLanguage.Current == UiLanguage.English || BuiltInJourneys.Processes.FirstOrDefault(p => p.Model.Id == processId) is not { } definition)
        {
            return (processId, state);
        }

        return (definition.DisplayName(), definition.Model.States.FirstOrDefault(s => s.Id == state)?.Description.Display() ?? state);
    }
}
