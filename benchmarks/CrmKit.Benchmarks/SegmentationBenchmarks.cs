using BenchmarkDotNet.Attributes;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;
using RulesEngine.Models;

namespace CrmKit.Benchmarks;

/// <summary>Synthetic customer records for the segmentation benchmarks (seeded; shared empty lists keep memory low).</summary>
internal static class SegmentationData
{
    public static readonly EvaluationContext Context = new(Instant.FromUtc(2026, 10, 31, 10, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);

    private static readonly string[] Provinces = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Hải Phòng"];
    private static readonly List<string>[] TagSets = [[], ["ẩm thực"], ["du lịch"], ["làm đẹp", "mua sắm"]];
    private static readonly List<string>[] TagKeySets = [.. TagSets.Select(t => t.Select(TextFold.ForMatching).ToList())];
    private static readonly List<string>[] ProductTagSets = [[], ["food"], ["gift", "tet"]];

    public static CustomerRecord[] Records(int count, int seed)
    {
        var random = new Random(seed);
        var records = new CustomerRecord[count];
        var emptyAttributes = new List<AttributeRecord>();
        for (var i = 0; i < records.Length; i++)
        {
            var created = Context.AsOf - Duration.FromMinutes(random.Next(0, 3 * 365 * 24 * 60));
            var tags = random.Next(TagSets.Length);
            var province = random.Next(-1, Provinces.Length);
            var orders = new List<OrderRecord>(random.Next(0, 7));
            for (var k = 0; k < orders.Capacity; k++)
            {
                orders.Add(new OrderRecord
                {
                    Id = $"O{i}-{k}",
                    PlacedAt = Context.AsOf - Duration.FromMinutes(random.Next(0, 3 * 365 * 24 * 60)),
                    Amount = random.Next(50, 5000) * 1000m,
                    Status = random.Next(10) switch { 0 => OrderStatus.Returned, 1 => OrderStatus.Cancelled, _ => OrderStatus.Completed },
                    Channel = (SalesChannel)random.Next(0, 6),
                    ProductTags = ProductTagSets[random.Next(ProductTagSets.Length)],
                });
            }

            records[i] = new CustomerRecord
            {
                Id = $"KH{i:D7}",
                Kind = random.Next(20) == 0 ? CustomerKind.Business : CustomerKind.Individual,
                Gender = random.Next(4) switch { 0 => null, 1 => Gender.Male, _ => Gender.Female },
                BirthDate = random.Next(3) == 0 ? null : new LocalDate(1950, 1, 1).PlusDays(random.Next(0, 60 * 365)),
                IncomeTier = random.Next(4) is var t && t == 3 ? null : (IncomeTier)t,
                Province = province < 0 ? null : Provinces[province],
                ProvinceKey = province < 0 ? null : TextFold.ForMatching(Provinces[province]),
                Area = random.Next(4) is var a && a == 3 ? null : (AreaType)a,
                Stage = (LifecycleStage)random.Next(0, 5),
                CreatedAt = created,
                JoinedOn = created.InZone(Context.Zone).Date,
                Tags = TagSets[tags],
                TagKeys = TagKeySets[tags],
                Attributes = emptyAttributes,
                Consents = random.Next(2) == 0 ? [] : [new ConsentRecord { Channel = ContactChannel.Zalo, Purpose = ContactPurpose.Marketing, Granted = random.Next(3) > 0 }],
                Orders = orders,
            };
        }

        BuiltInSegments.Catalog.Rfm.Fit(records, Context).Apply(records, Context);
        return records;
    }
}

/// <summary>Classifying a population against the whole built-in catalogue (compiled path, one core).</summary>
[MemoryDiagnoser]
public class SegmentClassifyBenchmarks
{
    private CustomerRecord[] _records = [];
    private SegmentClassifier _classifier = null!;
    private bool[] _flags = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _records = SegmentationData.Records(Customers, 20261123);
        _classifier = new SegmentClassifier(BuiltInSegments.Catalog);
        _flags = new bool[_classifier.Count];
    }

    [Benchmark(Description = "Classify all customers, built-in catalogue")]
    public int ClassifyAll()
    {
        var members = 0;
        foreach (var record in _records)
        {
            _classifier.Classify(record, SegmentationData.Context, _flags);
            members += _flags[0] ? 1 : 0;
        }

        return members;
    }
}

/// <summary>Compiling and parsing the built-in catalogue.</summary>
[MemoryDiagnoser]
public class SegmentCatalogBenchmarks
{
    private readonly string _json = BuiltInSegments.Catalog.ToJson();

    [Benchmark(Description = "Parse catalogue JSON")]
    public SegmentCatalog Parse() => SegmentCatalog.Parse(_json);

    [Benchmark(Description = "Compile catalogue (cold cache)")]
    public SegmentClassifier Compile() => new(BuiltInSegments.Catalog, new RuleCompiler());
}

/// <summary>
/// Per-customer cost of evaluating the same 13 segment rules with Microsoft's RulesEngine (benchmark-only
/// reference) and with CrmKit's compiled classifier. RulesEngine is measured twice: with the rules written over the
/// customer's raw orders (the aggregates computed inside the rule expressions, the same work CrmKit does — the
/// baseline), and over a flat object whose aggregates were computed beforehand, outside the measurement (a lower
/// bound for RulesEngine). All three must agree on every customer before anything is timed.
/// </summary>
[MemoryDiagnoser]
public class SegmentRulesEngineBenchmarks
{
    private const int Count = 1000;
    private const string Completed = "o.Status == \"Completed\" && o.Ticks <= input2.AsOf";

    private static readonly string[] Ids =
    [
        "new", "loyal-customers", "lapsed", "first-time-big-buyer", "vip", "high-value", "age-youth", "age-middle",
        "female", "urban", "birthday-this-week", "champions", "at-risk",
    ];

    // "Days since" conditions become tick bounds: floor((asOf − t) / day) ≤ n ⇔ t > asOf − (n + 1) days.
    private static readonly (string Id, string Expression)[] RawExpressions =
    [
        ("new", $"input1.Orders.Count(o => {Completed}) >= 1 && input1.Orders.Where(o => {Completed}).Min(o => o.Ticks) > input2.AsOf - 31 * input2.Day"),
        ("loyal-customers", $"input1.Orders.Count(o => {Completed}) >= 3 && input1.Orders.Where(o => {Completed}).Max(o => o.Ticks) > input2.AsOf - 181 * input2.Day"),
        ("lapsed", $"input1.Orders.Count(o => {Completed}) >= 1 && input1.Orders.Where(o => {Completed}).Max(o => o.Ticks) <= input2.AsOf - 181 * input2.Day"),
        ("first-time-big-buyer", $"input1.Orders.Count(o => {Completed}) == 1 && input1.Orders.Where(o => {Completed}).OrderBy(o => o.Ticks).ThenBy(o => o.Amount).First().Amount >= 2000000 && input1.Orders.Where(o => {Completed}).Min(o => o.Ticks) > input2.AsOf - 91 * input2.Day"),
        ("vip", $"input1.Orders.Where(o => {Completed} && o.Ticks > input2.AsOf - 365 * input2.Day).Sum(o => o.Amount) >= 10000000"),
        ("high-value", $"input1.Orders.Where(o => {Completed} && o.Ticks > input2.AsOf - 365 * input2.Day).Sum(o => o.Amount) >= 3000000"),
        ("age-youth", "input1.BirthDate != null && input1.BirthDate.Value.AddYears(16) <= input2.Today && input1.BirthDate.Value.AddYears(36) > input2.Today"),
        ("age-middle", "input1.BirthDate != null && input1.BirthDate.Value.AddYears(36) <= input2.Today && input1.BirthDate.Value.AddYears(60) > input2.Today"),
        ("female", "input1.Gender == \"female\""),
        ("urban", "input1.Area == \"urban\""),
        ("birthday-this-week", "input1.Kind == \"individual\" && input1.BirthDate != null && Anniversaries.DaysUntil(input1.BirthDate.Value, input2.Today) <= 6"),
        ("champions", "input1.R >= 4 && input1.F >= 4 && input1.M >= 4"),
        ("at-risk", "input1.R == 2 && input1.F >= 3"),
    ];

    private static readonly (string Id, string Expression)[] FlatExpressions =
    [
        ("new", "input1.OrderCount >= 1 && input1.DaysSinceFirstOrder <= 30"),
        ("loyal-customers", "input1.OrderCount >= 3 && input1.DaysSinceLastOrder <= 180"),
        ("lapsed", "input1.OrderCount >= 1 && input1.DaysSinceLastOrder > 180"),
        ("first-time-big-buyer", "input1.OrderCount == 1 && input1.FirstOrderAmount >= 2000000 && input1.DaysSinceFirstOrder <= 90"),
        ("vip", "input1.Revenue365 >= 10000000"),
        ("high-value", "input1.Revenue365 >= 3000000"),
        ("age-youth", "input1.Age >= 16 && input1.Age <= 35"),
        ("age-middle", "input1.Age >= 36 && input1.Age <= 59"),
        ("female", "input1.Gender == \"female\""),
        ("urban", "input1.Area == \"urban\""),
        ("birthday-this-week", "input1.Kind == \"individual\" && input1.DaysUntilBirthday <= 6"),
        ("champions", "input1.R >= 4 && input1.F >= 4 && input1.M >= 4"),
        ("at-risk", "input1.R == 2 && input1.F >= 3"),
    ];

    private CustomerRecord[] _records = [];
    private Raw[] _raws = [];
    private Flat[] _flats = [];
    private Now _now = null!;
    private SegmentClassifier _classifier = null!;
    private bool[] _flags = [];
    private RulesEngine.RulesEngine _engine = null!;

    /// <summary>One order as RulesEngine reads it (the same facts as <see cref="OrderRecord"/>).</summary>
    public sealed record RawOrder(long Ticks, decimal Amount, string Status);

    /// <summary>A customer as RulesEngine reads it: profile fields and raw orders, nothing aggregated.</summary>
    public sealed record Raw(RawOrder[] Orders, DateTime? BirthDate, string? Gender, string? Area, string Kind, int? R, int? F, int? M);

    /// <summary>The evaluation instant as RulesEngine reads it.</summary>
    public sealed record Now(long AsOf, long Day, DateTime Today);

    /// <summary>The pre-computed input of the lower-bound variant.</summary>
    public sealed record Flat(int OrderCount, long? DaysSinceFirstOrder, long? DaysSinceLastOrder, decimal? FirstOrderAmount, decimal Revenue365,
        int? Age, string? Gender, string? Area, string Kind, int? DaysUntilBirthday, int? R, int? F, int? M);

    /// <summary>The calendar helper registered with RulesEngine (the same function CrmKit uses).</summary>
    public static class Anniversaries
    {
        /// <summary>Days from <paramref name="today"/> to the next anniversary of <paramref name="date"/>.</summary>
        public static int DaysUntil(DateTime date, DateTime today) => CalendarFacts.DaysUntilAnniversary(LocalDate.FromDateTime(date), LocalDate.FromDateTime(today));
    }

    [GlobalSetup]
    public void Setup()
    {
        _records = SegmentationData.Records(Count, 7);
        var ctx = SegmentationData.Context;
        var catalog = BuiltInSegments.Catalog;
        _classifier = new SegmentClassifier(new SegmentCatalog(Ids.Select(id => catalog[id] with { ExclusiveGroup = null })));
        _flags = new bool[_classifier.Count];
        _now = new Now(ctx.AsOf.ToUnixTimeTicks(), NodaConstants.TicksPerDay, ctx.Today.ToDateTimeUnspecified());
        static string? Lower<T>(T? value) where T : struct, Enum => value?.ToString().ToLowerInvariant();
        _raws = [.. _records.Select(r => new Raw(
            [.. r.Orders.Select(o => new RawOrder(o.PlacedAt.ToUnixTimeTicks(), o.Amount, o.Status.ToString()))],
            r.BirthDate?.ToDateTimeUnspecified(), Lower(r.Gender), Lower(r.Area), r.Kind.ToString().ToLowerInvariant(),
            r.RecencyScore, r.FrequencyScore, r.MonetaryScore))];
        _flats = [.. _records.Select(r =>
        {
            var n = r.Orders.Count(o => o.Status == OrderStatus.Completed && o.PlacedAt <= ctx.AsOf);
            var first = r.Orders.Where(o => o.Status == OrderStatus.Completed).OrderBy(o => o.PlacedAt).ThenBy(o => o.Amount).FirstOrDefault();
            var last = r.Orders.Where(o => o.Status == OrderStatus.Completed).Select(o => (Instant?)o.PlacedAt).Max();
            return new Flat(n,
                first is null ? null : (long)Math.Floor((ctx.AsOf - first.PlacedAt).TotalDays),
                last is null ? null : (long)Math.Floor((ctx.AsOf - last.Value).TotalDays),
                first?.Amount,
                r.Orders.Where(o => o.Status == OrderStatus.Completed && o.PlacedAt > ctx.AsOf - Duration.FromDays(365)).Sum(o => o.Amount),
                r.BirthDate is { } b ? CalendarFacts.Age(b, ctx.Today) : null,
                Lower(r.Gender), Lower(r.Area), r.Kind.ToString().ToLowerInvariant(),
                r.BirthDate is { } d ? CalendarFacts.DaysUntilAnniversary(d, ctx.Today) : null,
                r.RecencyScore, r.FrequencyScore, r.MonetaryScore);
        })];
        static Workflow Workflow(string name, (string Id, string Expression)[] rules) => new()
        {
            WorkflowName = name,
            Rules = [.. rules.Select(x => new RulesEngine.Models.Rule { RuleName = x.Id, Expression = x.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
        };
        _engine = new RulesEngine.RulesEngine([Workflow("raw", RawExpressions), Workflow("flat", FlatExpressions)], new ReSettings { CustomTypes = [typeof(Anniversaries)] });

        // The three must agree on every customer before they are timed.
        for (var i = 0; i < Count; i++)
        {
            _classifier.Classify(_records[i], ctx, _flags);
            var raw = _engine.ExecuteAllRulesAsync("raw", _raws[i], _now).AsTask().GetAwaiter().GetResult();
            var flat = _engine.ExecuteAllRulesAsync("flat", _flats[i]).AsTask().GetAwaiter().GetResult();
            for (var k = 0; k < Ids.Length; k++)
            {
                var (r, f) = (raw.Single(x => x.Rule.RuleName == Ids[k]), flat.Single(x => x.Rule.RuleName == Ids[k]));
                if (r.IsSuccess != _flags[k] || f.IsSuccess != _flags[k] || !string.IsNullOrEmpty(r.ExceptionMessage))
                {
                    throw new InvalidOperationException($"RulesEngine (raw {r.IsSuccess} {r.ExceptionMessage}, flat {f.IsSuccess}) and CrmKit ({_flags[k]}) disagree on {Ids[k]} for {_records[i].Id}.");
                }
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "RulesEngine, 13 rules over raw orders, per customer")]
    public int RulesEngineRaw()
    {
        var held = 0;
        foreach (var raw in _raws)
        {
            var results = _engine.ExecuteAllRulesAsync("raw", raw, _now).AsTask().GetAwaiter().GetResult();
            held += results[0].IsSuccess ? 1 : 0;
        }

        return held;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "RulesEngine, 13 rules over pre-computed aggregates, per customer")]
    public int RulesEngineFlat()
    {
        var held = 0;
        foreach (var flat in _flats)
        {
            var results = _engine.ExecuteAllRulesAsync("flat", flat).AsTask().GetAwaiter().GetResult();
            held += results[0].IsSuccess ? 1 : 0;
        }

        return held;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "CrmKit compiled, 13 rules, per customer")]
    public int CrmKitCompiled()
    {
        var held = 0;
        foreach (var record in _records)
        {
            _classifier.Classify(record, SegmentationData.Context, _flags);
            held += _flags[0] ? 1 : 0;
        }

        return held;
    }
}
