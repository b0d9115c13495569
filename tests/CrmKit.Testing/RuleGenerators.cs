using CrmKit.Customers;
using CrmKit.Segmentation;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmKit.Testing;

/// <summary>Generators of rules, records and evaluation contexts for the segmentation properties.</summary>
public static class RuleGenerators
{
    /// <summary>Evaluation instants at the ends of the supported years (RuleLimits.MinEvaluationYear..MaxEvaluationYear): a century window, ages of thousands of years.</summary>
    private static readonly Instant[] ExtremeInstants = [Instant.FromUtc(1, 1, 2, 0, 0), Instant.FromUtc(1900, 1, 1, 0, 0), Instant.FromUtc(9998, 12, 30, 0, 0)];

    /// <summary>
    /// Constants at the ends of what a rule accepts (any decimal: ±7.9e28, 28 decimals) and around the integer widths an
    /// evaluator might convert to (int, long), mixed into every number field's constants.
    /// </summary>
    private static readonly decimal[] ExtremeNumbers =
    [
        decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m, 1e28m, -1e28m,
        1e15m, -1e15m, 1e16m, int.MaxValue + 1m, int.MinValue - 1m, long.MaxValue + 1m, long.MinValue - 1m, 36_525m, 36_526m, 150m, 10_000m,
    ];

/// <summary>In memory: 9e27 (eight such orders still sum inside a decimal) and 1e-28, the smallest decimal step.</summary>
    private static readonly decimal[] InMemoryExtremeAmounts = [9e27m, 0.0000000000000000000000000001m];

    /// <summary>In the database: the ends of the amount column, numeric(19, 4) (CrmKitModel).</summary>
    private static readonly decimal[] DatabaseExtremeAmounts = [999_999_999_999_999.9999m, 0.0001m];

    /// <summary>The extreme order amounts a store holds: any decimal in memory, numeric(19, 4) in the database.</summary>
    private static decimal[] ExtremeAmounts(RecordStore store) => store switch
    {
        RecordStore.InMemory => InMemoryExtremeAmounts,
        RecordStore.Database => DatabaseExtremeAmounts,
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, "not a record store."),
    };

    /// <summary>The attributes generated customers carry (the generator gives each name values of every kind, so kinds often mismatch).</summary>
    public static RuleSchema Schema { get; } = RuleSchema.Empty
        .WithAttribute("skin_type", AttributeKind.Text)
        .WithAttribute("children", AttributeKind.Number)
        .WithAttribute("vip_card", AttributeKind.Boolean)
        .WithAttribute("wedding_day", AttributeKind.Date);

    private static readonly DateTimeZone[] Zones =
        [.. new[] { "Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York", "UTC" }.Select(id => DateTimeZoneProviders.Tzdb[id])];

    /// <summary>An evaluation instant and zone.</summary>
    public static Gen<EvaluationContext> Context { get; } =
        from at in Gen.Frequency((12, Generators.Instant), (1, Gen.Elements(ExtremeInstants)))
        from zone in Gen.Elements(Zones)
        select new EvaluationContext(at, zone);

    /// <summary>A record built from a generated customer, with RFM scores and CLV figures sometimes set; extreme amounts are any decimal's (<see cref="RecordStore.InMemory"/>).</summary>
    public static Gen<CustomerRecord> Record { get; } = RecordFor(RecordStore.InMemory);

    /// <summary>A record as <see cref="Record"/>, with the extreme order amounts the given store holds (numeric(19, 4) in the database).</summary>
    public static Gen<CustomerRecord> RecordFor(RecordStore store) =>
        from customer in Generators.Customer()
        from zone in Gen.Elements(Zones)
        from r in Score
        from f in Score
        from m in Score
        from alive in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 1000).Select(x => (double?)(x / 1000d)))
        from value in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 20_000).Select(x => (double?)(x * 1000d)))
        from huge in Gen.Frequency((10, Gen.Constant(0m)), (1, Gen.Elements(ExtremeAmounts(store))))
        select WithHugeAmount(WithScores(CustomerRecord.From(customer, zone), r, f, m, alive, value), huge);


    /// <summary>Sometimes one order of an extreme amount (<see cref="ExtremeAmounts"/> of the store).</summary>
    private static CustomerRecord WithHugeAmount(CustomerRecord record, decimal amount)
    {
        if (amount != 0m && record.Orders.Count > 0)
        {
            record.Orders[0].Amount = amount;
        }

        return record;
    }

    private static Gen<int?> Score { get; } = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 5).Select(x => (int?)x));

    private static CustomerRecord WithScores(CustomerRecord record, int? r, int? f, int? m, double? alive, double? value)
    {
        (record.RecencyScore, record.FrequencyScore, record.MonetaryScore, record.ValueTier) = (r, f, m, m is { } tier ? Math.Min(tier, 4) : null);
        (record.ProbabilityAlive, record.PredictedValue, record.ExpectedPurchases) = (alive, value, alive * 3);
        return record;
    }

    /// <summary>Every field of the field table: a new row is generated without touching this file (its values may need <see cref="NumberFor"/>).</summary>
    private static Gen<Field> FieldGen { get; } = Gen.OneOf(
        Gen.Elements(FieldTable.All.Where(d => !d.NeedsParameters).Select(d => d.Kind).ToArray()).Select(Field.Of),
        Gen.Elements(Schema.Attributes.ToArray()).Select(a => Field.Attribute(a.Key, a.Value)),
        from channel in Gen.Elements(ContactChannel.Sms, ContactChannel.Zalo, ContactChannel.Email)
        from purpose in Gen.Elements(Enum.GetValues<ContactPurpose>())
        select Field.Consent(channel, purpose),
        from kind in Gen.Elements(FieldTable.All.Where(d => d.IsOrderField).Select(d => d.Kind).ToArray())
        from days in Gen.Elements<int?>(null, 7, 30, 90, 365, 1000, RuleLimits.MinWindowDays, RuleLimits.MaxWindowDays)
        from status in Gen.Elements<OrderStatus?>(OrderStatus.Completed, null, OrderStatus.Returned)
        from channel in Gen.Elements<SalesChannel?>(null, null, SalesChannel.Website, SalesChannel.InStore)
        from tag in Gen.Elements<string?>(null, null, "food", "Tết", "TET")
        select Field.Order(kind, new OrderFilter(FieldTable.Of(kind).TakesWindow ? days : null, status, channel, tag)));

    private static Gen<AttributeValue> ValueFor(Field field) => field.Type switch
    {
        FieldType.Number => Gen.Frequency((8, NumberFor(field)), (1, Gen.Elements(ExtremeNumbers))).Select(AttributeValue.Number),
        FieldType.Text => Gen.Elements("Hà Nội", "ha noi", "HÀ NỘI", "TP. Hồ Chí Minh", "TP.", "Hà", "Nội", "Đà Nẵng", "dầu", "DAU", "khô", "hỗn").Select(AttributeValue.Text),
        FieldType.Choice => Gen.Elements(Enum.GetNames(field.ChoiceType!)).Select(AttributeValue.Text),
        FieldType.Boolean => Gen.Elements(true, false).Select(AttributeValue.Boolean),
        FieldType.Date => Gen.Choose(0, 90 * 365).Select(d => AttributeValue.Date(new LocalDate(1940, 1, 1).PlusDays(d))),
        _ => Gen.Elements("food", "FOOD", "lam dep", "làm đẹp", "quà Tết", "travel").Select(AttributeValue.Text),
    };

    private static Gen<decimal> NumberFor(Field field) => field.Kind switch
    {
        FieldKind.Age => Gen.Choose(-1, 90).Select(x => (decimal)x),
        FieldKind.RfmRecency or FieldKind.RfmFrequency or FieldKind.RfmMonetary or FieldKind.ValueTier => Gen.Choose(0, 6).Select(x => (decimal)x),
        FieldKind.OrderCount => Gen.Choose(-1, 6).Select(x => (decimal)x),
        FieldKind.ProbabilityAlive or FieldKind.ExpectedPurchases => Gen.Choose(0, 20).Select(x => x / 10m),
        FieldKind.DaysUntilBirthday or FieldKind.DaysUntilAnniversary => Gen.Choose(-1, 367).Select(x => (decimal)x),
        FieldKind.DaysSinceCreated or FieldKind.DaysSinceFirstOrder or FieldKind.DaysSinceLastOrder => Gen.Choose(-400, 2600).Select(x => (decimal)x),
        FieldKind.Attribute => Gen.Choose(-10, 1000).Select(x => x / 1m),
        _ => Gen.Choose(0, 60_000).Select(x => x * 1000m),
    };

    /// <summary>A condition on any field with any operator it accepts.</summary>
    public static Gen<Rule> Condition { get; } =
        from field in FieldGen
        from op in Gen.Elements(Segmentation.Condition.OperatorsFor(field.Type).ToArray())
        from loose in field.Type is FieldType.Text or FieldType.TagSet ? Gen.Elements(true, false) : Gen.Constant(false)
        from values in ValuesFor(field, op)
        from fraction in Gen.Elements(0m, 0m, 0.5m)
        select (Rule)new Condition(field, op, [.. values.Select(v => Nudge(v, fraction))], loose);

    // Non-integer constants on whole-number fields exercise rounding of bounds.
    private static AttributeValue Nudge(AttributeValue v, decimal fraction) => v.Kind == AttributeKind.Number && Math.Abs(v.AsNumber()) < 1e20m ? AttributeValue.Number(v.AsNumber() + fraction) : v;

    /// <summary>Constants for a condition on <paramref name="field"/> with <paramref name="op"/>.</summary>
    public static Gen<AttributeValue[]> ValuesFor(Field field, ComparisonOperator op) => op switch
    {
        ComparisonOperator.IsSet or ComparisonOperator.IsNotSet => Gen.Constant(Array.Empty<AttributeValue>()),
        ComparisonOperator.Between => Gen.Two(ValueFor(field)).Select(t => Condition0.Compare(t.Item1, t.Item2) <= 0 ? new[] { t.Item1, t.Item2 } : [t.Item2, t.Item1]),
        ComparisonOperator.In => ValueFor(field).NonEmptyListOf().Select(l => l.Take(4).ToArray()),
        _ => ValueFor(field).Select(v => new[] { v }),
    };

    /// <summary>A rule tree up to a depth, without segment references.</summary>
    public static Gen<Rule> Rule { get; } = Gen.Sized(size => Tree(Math.Min(size / 25, 3)));

    private static Gen<Rule> Tree(int depth) => depth <= 0
        ? Gen.Frequency((8, Condition), (1, Gen.Elements(Segmentation.Rule.True, Segmentation.Rule.False)))
        : Gen.Frequency(
            (4, Condition),
            (2, Tree(depth - 1).ListOf().Select(l => Segmentation.Rule.All(l.Take(3)))),
            (2, Tree(depth - 1).ListOf().Select(l => Segmentation.Rule.Any(l.Take(3)))),
            (1, Tree(depth - 1).Select(Segmentation.Rule.Not)));

    private static class Condition0
    {
        public static int Compare(AttributeValue a, AttributeValue b) => a.Kind switch
        {
            AttributeKind.Number => a.AsNumber().CompareTo(b.AsNumber()),
            AttributeKind.Date => a.AsDate().CompareTo(b.AsDate()),
            _ => 0,
        };
    }

    /// <summary>A rule, records and a context to evaluate them in.</summary>
    public static Arbitrary<(Rule Rule, CustomerRecord[] Records, EvaluationContext Context)> Case { get; } =
        (from rule in Rule
         from records in Record.ListOf().Select(l => l.Take(6).ToArray())
         from context in Context
         select (rule, records, context)).ToArbitrary();

    /// <summary>Records and a context (<see cref="RecordStore.InMemory"/>).</summary>
    public static Arbitrary<(CustomerRecord[] Records, EvaluationContext Context)> Population { get; } = PopulationFor(RecordStore.InMemory);

    /// <summary>Records (<see cref="RecordFor"/> the given store) and a context.</summary>
    public static Arbitrary<(CustomerRecord[] Records, EvaluationContext Context)> PopulationFor(RecordStore store) =>
        (from records in RecordFor(store).ListOf().Select(l => l.Take(12).ToArray())
         from context in Context
         select (records, context)).ToArbitrary();

    /// <summary>Evaluates a rule with all three evaluators.</summary>
    public static (bool Interpreted, bool Compiled, bool Linq) EvaluateAll(Rule rule, CustomerRecord record, EvaluationContext context, RuleCompiler compiler)
    {
        var linq = RuleExpressions.ToExpression(rule, context).Compile();
        return (RuleInterpreter.Evaluate(rule, record, context), compiler.Compile(rule)(record, context, []), linq(record));
    }

    /// <summary>
    /// The reference answer (the internal interpreter, which this project sees): what every other evaluator, the SQL
    /// translation included, must agree with.
    /// </summary>
    public static bool Reference(Rule rule, CustomerRecord record, EvaluationContext context)
        => RuleInterpreter.Evaluate(rule, record, context);

    /// <summary>Whether two rules agree on every record (by the interpreter).</summary>
    public static bool SameMeaning(Rule a, Rule b, IEnumerable<CustomerRecord> records, EvaluationContext context)
        => records.All(r => RuleInterpreter.Evaluate(a, r, context) == RuleInterpreter.Evaluate(b, r, context));

}
