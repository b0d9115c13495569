using CrmKit.Customers.Serialization;

namespace CrmKit.Segmentation.Tests;

public sealed class IncrementalClassifierTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    private static Gen<(Customer Before, Func<Customer, Customer> Change, Func<CustomerRecord, CustomerEvent> Event, Duration Step)> Step(string id) => Gen.OneOf(
        from order in Generators.Order(new CustomerId(id))
        from n in Gen.Choose(0, 1_000_000)
        from step in Gen.Choose(0, 90 * 24)
        select ((Customer)null!, (Func<Customer, Customer>)(c => c.WithOrder(order with { Id = new OrderId($"N{n}") })),
            (Func<CustomerRecord, CustomerEvent>)(_ => new OrderPlaced(OrderRecord.From(order with { Id = new OrderId($"N{n}") }))), Duration.FromHours(step)),
        from status in Gen.Elements(OrderStatus.Returned, OrderStatus.Cancelled, OrderStatus.Completed)
        from pick in Gen.Choose(0, 100)
        select ((Customer)null!, (Func<Customer, Customer>)(c => c.History.Orders.Count == 0 ? c : c.WithOrder(c.History.Orders[pick % c.History.Orders.Count].WithStatus(status))),
            (Func<CustomerRecord, CustomerEvent>)(r => r.Orders.Count == 0 ? new TimePassed(Instant.MinValue) : new OrderStatusChanged(OrderIdAt(r, pick), status)), Duration.Zero),
        from gender in Gen.Elements<Gender?>(null, Gender.Female, Gender.Male)
        from tier in Gen.Elements<IncomeTier?>(null, IncomeTier.High)
        select ((Customer)null!, (Func<Customer, Customer>)(c => c with { Gender = gender, IncomeTier = tier }),
            (Func<CustomerRecord, CustomerEvent>)(r => { var p = r.Clone(); (p.Gender, p.IncomeTier) = (gender, tier); return new ProfileChanged(p); }), Duration.Zero),
        from days in Gen.Choose(1, 400)
        select ((Customer)null!, (Func<Customer, Customer>)(c => c), (Func<CustomerRecord, CustomerEvent>)(_ => new TimePassed(Instant.MinValue)), Duration.FromDays(days)));

    // The record keeps orders sorted as the customer's history does, so "the k-th order" is the same order in both.
    private static string OrderIdAt(CustomerRecord record, int pick)
        => record.Orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id, StringComparer.Ordinal).ElementAt(pick % record.Orders.Count).Id;

    private static readonly RfmThresholds Thresholds = new([240, 120, 60, 30], [2, 3, 5, 8], [500_000, 1_500_000, 4_000_000, 10_000_000]);

    // A customer, up to eight events with the time between them, and the instant the history starts.
    private static Arbitrary<(Customer Customer, (Customer Before, Func<Customer, Customer> Change, Func<CustomerRecord, CustomerEvent> Event, Duration Step)[] Steps, Instant Start)> Histories()
        => (from customer in Generators.Customer("KH1")
            from steps in Step("KH1").ListOf().Select(l => l.Take(8).ToArray())
            from start in Generators.Instant
            select (customer, steps, start)).ToArbitrary();

    [Property(MaxTest = 120)]
    public Property Incremental_EqualsFullRecompute_AfterEveryEvent()
        => Prop.ForAll(
            Histories(),
            t =>
            {
                var catalog = BuiltInSegments.Catalog;
                var classifier = new SegmentClassifier(catalog);
                var thresholds = Thresholds;
                var incremental = new IncrementalClassifier(classifier, thresholds);
                var customer = t.Customer;
                var now = t.Start;
                var context = new EvaluationContext(now, Zone);
                var record = CustomerRecord.From(customer, Zone);
                thresholds.Apply([record], context);
                var membership = classifier.Classify(record, context);
                foreach (var (_, change, makeEvent, step) in t.Steps)
                {
                    now += step;
                    context = new EvaluationContext(now, Zone);
                    var e = makeEvent(record);
                    customer = change(customer);
                    (record, var diff) = incremental.Apply(record, membership, e, context);
                    membership = catalog.Apply(membership, diff);

                    var fresh = CustomerRecord.From(customer, Zone);
                    thresholds.Apply([fresh], context);
                    var full = classifier.Classify(fresh, context);
                    if (!membership.Equals(full) || !diff.Current.Equals(full))
                    {
                        return false.Label($"after {e}: incremental [{membership}], full [{full}]");
                    }
                }

                return true.ToProperty();
            });

    [Property(MaxTest = 120)]
    public Property Rescored_EqualsApply_AndLeavesTheRecordAlone()
        => Prop.ForAll(
            Histories(),
            t =>
            {
                var classifier = new SegmentClassifier(BuiltInSegments.Catalog);
                var thresholds = Thresholds;
                var tiers = ValueTierThresholds.Fit(Currency.Vnd, ValueBasis.Historical, [.. Enumerable.Range(1, 20).Select(i => i * 1_000_000m)]);
                var incremental = new IncrementalClassifier(classifier, thresholds) { ValueTiers = tiers };
                var now = t.Start;
                var record = CustomerRecord.From(t.Customer, Zone);
                var membership = classifier.Classify(record, new EvaluationContext(now, Zone));
                foreach (var (_, _, makeEvent, step) in t.Steps)
                {
                    now += step;
                    var context = new EvaluationContext(now, Zone);
                    var e = makeEvent(record);
                    var before = CrmKitJson.Serialize(record);
                    var (applied, change) = incremental.Apply(record, membership, e, context);
                    var rescored = incremental.Rescored(record, e, context);
                    if (CrmKitJson.Serialize(record) != before)
                    {
                        return false.Label($"{e} changed the record it was given");
                    }

                    if (ReferenceEquals(rescored, record) || CrmKitJson.Serialize(rescored) != CrmKitJson.Serialize(applied))
                    {
                        return false.Label($"after {e}: Rescored {CrmKitJson.Serialize(rescored)}, Apply {CrmKitJson.Serialize(applied)}");
                    }

                    if (!classifier.Classify(rescored, context).Equals(change.Current))
                    {
                        return false.Label($"after {e}: the rescored record classifies differently");
                    }

                    (record, membership) = (rescored, change.Current);
                }

                return true.ToProperty();
            });

    [Fact]
    public void Apply_NewBigOrder_ReportsEnteredAndExited()
    {
        var catalog = BuiltInSegments.Catalog;
        // The shop's value tiers from its last run: buyers worth 1 to 20 million VND, so VIP ≥ 20,000,000.
        var tiers = ValueTierThresholds.Fit(Currency.Vnd, ValueBasis.Historical, [.. Enumerable.Range(1, 20).Select(i => i * 1_000_000m)]);
        var incremental = new IncrementalClassifier(new SegmentClassifier(catalog), null) { ValueTiers = tiers };
        var asOf = Instant.FromUtc(2026, 10, 31, 3, 0);
        var context = new EvaluationContext(asOf, Zone);
        var record = new CustomerRecord { Id = "KH1", Kind = CustomerKind.Business, CreatedAt = asOf - Duration.FromDays(400) };
        var before = incremental.Classifier.Classify(record, context);
        var order = new OrderRecord { Id = "O1", PlacedAt = asOf - Duration.FromHours(2), Amount = 25_000_000m, Status = OrderStatus.Completed };
        var (_, change) = incremental.Apply(record, before, new OrderPlaced(order), context);
        Assert.Equal<string>(["new", "first-time-big-buyer", "vip"], change.Entered);
        Assert.Equal<string>(["low-value"], change.Exited);
        Assert.Equal("KH1: +[new, first-time-big-buyer, vip] −[low-value]", change.ToString());
    }
}
