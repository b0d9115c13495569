using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// A whole catalogue compiled for a <see cref="SegmentClassifier"/>: writes every segment's membership, in
/// evaluation order, reading order aggregates from <paramref name="totals"/> (filled once per customer).
/// </summary>
internal delegate void CatalogRules(CustomerRecord record, EvaluationContext context, bool[] segments, OrderTotals[] totals);

/// <summary>
/// The fast evaluator: compiles a rule once into a delegate (an expression tree over allocation-free helpers)
/// and caches it by the rule's canonical JSON form, so compilation never happens per customer or per
/// evaluation. Date-dependent bounds are computed from the <see cref="EvaluationContext"/> at run time, so one
/// compiled rule serves every evaluation date. Thread-safe.
/// </summary>
public sealed class RuleCompiler
{
    private readonly ConcurrentDictionary<string, CompiledRule> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CatalogRules> _catalogCache = new(StringComparer.Ordinal);

    /// <summary>How many distinct rules are compiled and cached.</summary>
    public int CachedCount => _cache.Count + _catalogCache.Count;

    /// <summary>Compiles a rule that refers to no segment (or returns the cached delegate).</summary>
    /// <exception cref="InvalidRuleException">The rule refers to a segment: compile it through a <see cref="SegmentCatalog"/>.</exception>
    public CompiledRule Compile(Rule rule) => Compile(rule, id => throw new InvalidRuleException([new Problem("$", $"the rule refers to segment '{id}'; compile it through a SegmentCatalog.")]));

    /// <summary>Compiles a rule whose segment references read <c>segments[segmentIndex(id)]</c>.</summary>
    public CompiledRule Compile(Rule rule, Func<string, int> segmentIndex)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(segmentIndex);
        return _cache.GetOrAdd(Key(rule, segmentIndex), _ => Build(rule, segmentIndex));
    }

    /// <summary>
    /// Compiles a whole catalogue into one delegate (cached by the catalogue's JSON form): segments assigned in
    /// <paramref name="order"/>, each exclusivity group resolved as soon as its last member is known, order
    /// conditions reading <c>totals[filterSlot(filter)]</c>.
    /// </summary>
    internal CatalogRules Compile(SegmentCatalog catalog, int[] order, int[] groupOf, int[][] groups, Func<OrderFilter, int> filterSlot)
        => _catalogCache.GetOrAdd(catalog.ToJson(), _ =>
        {
            var (r, ctx, seg, totals) = Parameters();
            var emitter = new Emitter(r, ctx, seg, catalog.IndexOf, totals, filterSlot);
            var keepFirst = typeof(CompiledFields).GetMethod(nameof(CompiledFields.KeepFirst))!;
            var steps = new List<Expression>();
            for (var k = 0; k < order.Length; k++)
            {
                var i = order[k];
                steps.Add(Expression.Assign(Expression.ArrayAccess(seg, Expression.Constant(i)), emitter.Build(catalog.Segments[i].Rule)));
                var g = groupOf[i];
                if (g >= 0 && (k == order.Length - 1 || groupOf[order[k + 1]] != g))
                {
                    steps.Add(Expression.Call(keepFirst, seg, Expression.Constant(groups[g])));
                }
            }

            steps.Add(Expression.Empty());
            return Expression.Lambda<CatalogRules>(Expression.Block(steps), r, ctx, seg, totals).Compile();
        });

    /// <summary>The rule's conditions on orders, in the order they appear.</summary>
    internal static IEnumerable<Condition> OrderConditions(Rule rule)
        => rule is Condition { Field.Orders: not null } c ? [c] : rule.Children.SelectMany(OrderConditions);

    /// <summary>
    /// The cache key: the rule's canonical JSON, the slots of its segment references, and the declared kind of each
    /// attribute it reads — the JSON names an attribute without its kind, and <c>attributes.x isSet</c> reads another
    /// column for a date than for an instant.
    /// </summary>
    private static string Key(Rule rule, Func<string, int> segmentIndex)
    {
        var references = rule.SegmentReferences().Distinct().Order(StringComparer.Ordinal).Select(id => $"{id}={segmentIndex(id)}");
        var attributes = AttributeFields(rule).Select(f => $"{f.AttributeName}:{f.AttributeKind}").Distinct().Order(StringComparer.Ordinal);
        return RuleJson.Write(rule) + "|" + string.Join(",", references) + "|" + string.Join(",", attributes);
    }

    private static IEnumerable<Field> AttributeFields(Rule rule)
        => rule is Condition { Field.Kind: FieldKind.Attribute } c ? [c.Field] : rule.Children.SelectMany(AttributeFields);

    private static (ParameterExpression Record, ParameterExpression Context, ParameterExpression Segments, ParameterExpression Totals) Parameters()
        => (Expression.Parameter(typeof(CustomerRecord), "r"), Expression.Parameter(typeof(EvaluationContext), "ctx"),
            Expression.Parameter(typeof(bool[]), "seg"), Expression.Parameter(typeof(OrderTotals[]), "totals"));

    /// <summary>Evaluates a rule that refers to no segment, compiling it on first use.</summary>
    public bool Evaluate(Rule rule, CustomerRecord record, EvaluationContext context) => Compile(rule)(record, context, []);

    private static CompiledRule Build(Rule rule, Func<string, int> segmentIndex)
    {
        var (r, ctx, seg, _) = Parameters();
        var body = new Emitter(r, ctx, seg, segmentIndex, null, null).Build(rule);
        return Expression.Lambda<CompiledRule>(body, r, ctx, seg).Compile();
    }

    private sealed class Emitter(ParameterExpression r, ParameterExpression ctx, ParameterExpression seg, Func<string, int> segmentIndex,
        ParameterExpression? totals, Func<OrderFilter, int>? filterSlot)
    {
        public Expression Build(Rule rule) => rule switch
        {
            ConstantRule k => Expression.Constant(k.Value),
            AllRule a => a.Rules.Length == 0 ? Expression.Constant(true) : RuleLimits.Balanced([.. a.Rules.Select(Build)], Expression.AndAlso),
            AnyRule a => a.Rules.Length == 0 ? Expression.Constant(false) : RuleLimits.Balanced([.. a.Rules.Select(Build)], Expression.OrElse),
            NotRule n => Expression.Not(Build(n.Rule)),
            SegmentRule s => Expression.ArrayIndex(seg, Expression.Constant(segmentIndex(s.SegmentId))),
            Condition k => Condition(k),
            _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
        };

        private MemberExpression Prop(string name) => Expression.Property(r, name);

        private static MethodCallExpression Helper(string name, params Expression[] arguments)
            => Expression.Call(typeof(CompiledFields).GetMethod(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!, arguments);

        private Expression Condition(Condition k)
        {
            var f = k.Field;
            var d = f.Definition;
            switch (d.Reading)
            {
                case FieldReading.Choice:
                {
                    var value = Prop(d.Property!);
                    var asInt = value.Type.IsValueType && System.Nullable.GetUnderlyingType(value.Type) is { } u
                        ? (Expression)Expression.Condition(Expression.Property(value, "HasValue"), Expression.Convert(Expression.Property(value, "Value"), typeof(long)), Expression.Constant(-1L))
                        : Expression.Convert(value, typeof(long));
                    return Choice(asInt, k);
                }

                case FieldReading.Date:
                    return Nullable(AsNullable(Prop(d.Property!)), k, v => Ordered(v, k, x => Expression.Constant(x.AsDate())));
                case FieldReading.Text:
                    return Text(Prop(k.IgnoreCaseAndAccents ? d.KeyProperty! : d.Property!), k);
                case FieldReading.Tags:
                    return Tags(k);
                case FieldReading.Attribute:
                    return Attribute(k);
                case FieldReading.Consent:
                {
                    var state = Helper(nameof(CompiledFields.Consent), Prop(nameof(CustomerRecord.Consents)), Expression.Constant(f.Channel!.Value), Expression.Constant(f.Purpose!.Value));
                    return k.Operator switch
                    {
                        ComparisonOperator.IsSet => Expression.GreaterThanOrEqual(state, Expression.Constant(0)),
                        ComparisonOperator.IsNotSet => Expression.LessThan(state, Expression.Constant(0)),
                        ComparisonOperator.Equal => Expression.Equal(state, Expression.Constant(k.Values[0].AsBoolean() ? 1 : 0)),
                        ComparisonOperator.NotEqual => Expression.Equal(state, Expression.Constant(k.Values[0].AsBoolean() ? 0 : 1)),
                        _ => throw Unreachable(k),
                    };
                }

                case FieldReading.AgeFromDate:
                    return Integer(Helper(nameof(CompiledFields.Age), AsNullable(Prop(d.Property!)), ctx), k);
                case FieldReading.DaysSinceInstant:
                {
                    var instant = Prop(d.Property!);
                    return Integer(Helper(instant.Type == typeof(Instant) ? nameof(CompiledFields.DaysSince) : nameof(CompiledFields.DaysSinceOrNull), instant, ctx), k);
                }

                case FieldReading.DaysUntilAnniversary:
                {
                    var date = Prop(d.Property!);
                    return Integer(Helper(date.Type == typeof(LocalDate) ? nameof(CompiledFields.DaysUntilDate) : nameof(CompiledFields.DaysUntil), date, ctx), k);
                }
                case FieldReading.Integer:
                    return Integer(Prop(d.Property!), k);
                case FieldReading.Real:
                    return Nullable(AsNullable(Prop(d.Property!)), k, v => Ordered(v, k, x => Expression.Constant((double)x.AsNumber())));
                case FieldReading.OrderCount:
                case FieldReading.OrderSum:
                case FieldReading.OrderAverage:
                case FieldReading.OrderMax:
                case FieldReading.DaysSinceFirstOrder:
                case FieldReading.DaysSinceLastOrder:
                case FieldReading.FirstOrderAmount:
                    return Orders(k);
                default:
                    throw new UnreachableException($"The compiler has no case for {d.Reading} ({f.Name}).");
            }
        }

        /// <summary>A value-type expression as its nullable form (unchanged when already nullable or a reference).</summary>
        private static Expression AsNullable(Expression value)
            => value.Type.IsValueType && System.Nullable.GetUnderlyingType(value.Type) is null
                ? Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type))
                : value;

        private static UnreachableException Unreachable(Condition k)
            => new($"Operator {k.Operator} passed Condition.Check for {k.Field.Name} ({k.Field.Type}) but the compiler has no case for it.");

        private Expression Orders(Condition k)
        {
            var f = k.Field.Orders!;
            if (totals is not null)
            {
                return Totals(k, Expression.ArrayIndex(totals, Expression.Constant(filterSlot!(f))));
            }

            Expression[] arguments =
            [
                Prop(nameof(CustomerRecord.Orders)), ctx,
                Expression.Constant(f.Days is { } d ? d * NodaConstants.TicksPerDay : 0L),
                Expression.Constant(f.Status is { } s ? (int)s : -1),
                Expression.Constant(f.Channel is { } c ? (int)c : -1),
                Expression.Constant(f.ProductTagKey, typeof(string)),
            ];
            return k.Field.Definition.Reading switch
            {
                FieldReading.OrderCount => Integer(Helper(nameof(CompiledFields.Count), arguments), k),
                FieldReading.OrderSum => Ordered(Helper(nameof(CompiledFields.Sum), arguments), k, Number, k.Operator),
                FieldReading.OrderAverage => Nullable(Helper(nameof(CompiledFields.Average), arguments), k, v => Ordered(v, k, Number)),
                FieldReading.OrderMax => Nullable(Helper(nameof(CompiledFields.Max), arguments), k, v => Ordered(v, k, Number)),
                FieldReading.DaysSinceFirstOrder => Integer(Helper(nameof(CompiledFields.DaysSinceFirst), arguments), k),
                FieldReading.DaysSinceLastOrder => Integer(Helper(nameof(CompiledFields.DaysSinceLast), arguments), k),
                FieldReading.FirstOrderAmount => Nullable(Helper(nameof(CompiledFields.FirstAmount), arguments), k, v => Ordered(v, k, Number)),
                _ => throw new UnreachableException($"{k.Field.Name} does not read orders."),
            };
        }

        /// <summary>An order condition read from the aggregates the classifier filled for its filter.</summary>
        private Expression Totals(Condition k, Expression t)
        {
            Expression Member(string name) => Expression.PropertyOrField(t, name);
            Expression Days(string name) => Expression.Call(t, typeof(OrderTotals).GetMethod(name)!, Expression.Property(ctx, nameof(EvaluationContext.AsOfTicks)));
            return k.Field.Definition.Reading switch
            {
                FieldReading.OrderCount => Integer(Member(nameof(OrderTotals.Count)), k),
                FieldReading.OrderSum => Ordered(Member(nameof(OrderTotals.Sum)), k, Number, k.Operator),
                FieldReading.OrderAverage => Nullable(Member(nameof(OrderTotals.Average)), k, v => Ordered(v, k, Number)),
                FieldReading.OrderMax => Nullable(Member(nameof(OrderTotals.Maximum)), k, v => Ordered(v, k, Number)),
                FieldReading.DaysSinceFirstOrder => Integer(Days(nameof(OrderTotals.DaysSinceFirst)), k),
                FieldReading.DaysSinceLastOrder => Integer(Days(nameof(OrderTotals.DaysSinceLast)), k),
                FieldReading.FirstOrderAmount => Nullable(Member(nameof(OrderTotals.First)), k, v => Ordered(v, k, Number)),
                _ => throw new UnreachableException($"{k.Field.Name} does not read orders."),
            };
        }

        private static Expression Number(AttributeValue v) => Expression.Constant(v.AsNumber());

        /// <summary>Evaluates a nullable value once, then tests set-ness and the comparison.</summary>
        private static Expression Nullable(Expression value, Condition k, Func<Expression, Expression> compare)
        {
            var isClass = !value.Type.IsValueType;
            var variable = Expression.Variable(value.Type, "v");
            Expression hasValue = isClass ? Expression.NotEqual(variable, Expression.Constant(null, value.Type)) : Expression.Property(variable, "HasValue");
            var test = k.Operator switch
            {
                ComparisonOperator.IsSet => hasValue,
                ComparisonOperator.IsNotSet => Expression.Not(hasValue),
                _ => Expression.AndAlso(hasValue, compare(isClass ? variable : Expression.Property(variable, "Value"))),
            };
            return Expression.Block([variable], Expression.Assign(variable, value), test);
        }

        private static Expression Ordered(Expression value, Condition k, Func<AttributeValue, Expression> constant) => Ordered(value, k, constant, k.Operator);

        private static Expression Ordered(Expression value, Condition k, Func<AttributeValue, Expression> constant, ComparisonOperator op)
        {
            var v = k.Values;
            switch (op)
            {
                case ComparisonOperator.IsSet:
                    return Expression.Constant(true);
                case ComparisonOperator.IsNotSet:
                    return Expression.Constant(false);
                case ComparisonOperator.Between:
                case ComparisonOperator.In:
                    var variable = Expression.Variable(value.Type, "x");
                    Expression test = op == ComparisonOperator.Between
                        ? Expression.AndAlso(Expression.GreaterThanOrEqual(variable, constant(v[0])), Expression.LessThanOrEqual(variable, constant(v[1])))
                        : RuleLimits.Balanced([.. v.Select(x => (Expression)Expression.Equal(variable, constant(x)))], Expression.OrElse);
                    return Expression.Block([variable], Expression.Assign(variable, value), test);
                case ComparisonOperator.Equal:
                    return Expression.Equal(value, constant(v[0]));
                case ComparisonOperator.NotEqual:
                    return Expression.NotEqual(value, constant(v[0]));
                case ComparisonOperator.LessThan:
                    return Expression.LessThan(value, constant(v[0]));
                case ComparisonOperator.LessThanOrEqual:
                    return Expression.LessThanOrEqual(value, constant(v[0]));
                case ComparisonOperator.GreaterThan:
                    return Expression.GreaterThan(value, constant(v[0]));
                case ComparisonOperator.GreaterThanOrEqual:
                    return Expression.GreaterThanOrEqual(value, constant(v[0]));
                default:
                    throw Unreachable(k);
            }
        }

        /// <summary>Whole-number fields: the accepted values become ranges tested with long comparisons.</summary>
        private static Expression Integer(Expression value, Condition k)
        {
            var nullable = System.Nullable.GetUnderlyingType(value.Type) is not null;
            var variable = Expression.Variable(value.Type, "n");
            Expression hasValue = nullable ? Expression.Property(variable, "HasValue") : Expression.Constant(true);
            Expression test;
            if (k.Operator is ComparisonOperator.IsSet)
            {
                test = hasValue;
            }
            else if (k.Operator is ComparisonOperator.IsNotSet)
            {
                test = Expression.Not(hasValue);
            }
            else
            {
                var number = Expression.Convert(nullable ? Expression.Property(variable, "Value") : variable, typeof(long));
                var parts = new List<Expression>();
                foreach (var (low, high) in IntegerRanges.Of(k))
                {
                    Expression? part = null;
                    if (low != IntegerRanges.NegativeUnbounded)
                    {
                        part = Expression.GreaterThanOrEqual(number, Expression.Constant(low));
                    }

                    if (high != IntegerRanges.Unbounded)
                    {
                        Expression upper = Expression.LessThanOrEqual(number, Expression.Constant(high));
                        part = part is null ? upper : Expression.AndAlso(part, upper);
                    }

                    parts.Add(part ?? Expression.Constant(true));
                }

                var any = parts.Count == 0 ? Expression.Constant(false) : RuleLimits.Balanced(parts, Expression.OrElse);
                test = nullable ? Expression.AndAlso(hasValue, any) : any;
            }

            return Expression.Block([variable], Expression.Assign(variable, value), test);
        }

        private static Expression Choice(Expression value, Condition k)
        {
            var type = k.Field.ChoiceType!;
            var variable = Expression.Variable(typeof(long), "e");
            Expression Is(AttributeValue v) => Expression.Equal(variable, Expression.Constant((long)Choices.Value(type, v.AsText())));
            var set = Expression.GreaterThanOrEqual(variable, Expression.Constant(0L));
            Expression test = k.Operator switch
            {
                ComparisonOperator.IsSet => set,
                ComparisonOperator.IsNotSet => Expression.Not(set),
                ComparisonOperator.Equal => Is(k.Values[0]),
                ComparisonOperator.NotEqual => Expression.AndAlso(set, Expression.Not(Is(k.Values[0]))),
                ComparisonOperator.In => RuleLimits.Balanced([.. k.Values.Select(Is)], Expression.OrElse),
                _ => throw Unreachable(k),
            };
            return Expression.Block([variable], Expression.Assign(variable, value), test);
        }

        private static Expression Text(Expression value, Condition k)
        {
            var values = k.FoldedValues;
            var variable = Expression.Variable(typeof(string), "s");
            Expression set = Expression.NotEqual(variable, Expression.Constant(null, typeof(string)));
            Expression test = k.Operator switch
            {
                ComparisonOperator.IsSet => set,
                ComparisonOperator.IsNotSet => Expression.Not(set),
                ComparisonOperator.Equal => Expression.AndAlso(set, Helper(nameof(CompiledFields.TextEquals), variable, Expression.Constant(values[0]))),
                ComparisonOperator.NotEqual => Expression.AndAlso(set, Expression.Not(Helper(nameof(CompiledFields.TextEquals), variable, Expression.Constant(values[0])))),
                ComparisonOperator.In => Expression.AndAlso(set, Helper(nameof(CompiledFields.TextIn), variable, Expression.Constant(values.ToArray()))),
                ComparisonOperator.Contains => Expression.AndAlso(set, Helper(nameof(CompiledFields.TextContains), variable, Expression.Constant(values[0]))),
                ComparisonOperator.StartsWith => Expression.AndAlso(set, Helper(nameof(CompiledFields.TextStartsWith), variable, Expression.Constant(values[0]))),
                _ => throw Unreachable(k),
            };
            return Expression.Block([variable], Expression.Assign(variable, value), test);
        }

        private Expression Tags(Condition k)
        {
            var keys = Prop(nameof(CustomerRecord.TagKeys));
            var count = Expression.Property(keys, nameof(List<>.Count));
            return k.Operator switch
            {
                ComparisonOperator.IsSet => Expression.GreaterThan(count, Expression.Constant(0)),
                ComparisonOperator.IsNotSet => Expression.Equal(count, Expression.Constant(0)),
                ComparisonOperator.Contains => Helper(nameof(CompiledFields.HasTag), keys, Expression.Constant(k.FoldedValues[0])),
                ComparisonOperator.In => Helper(nameof(CompiledFields.HasAnyTag), keys, Expression.Constant(k.FoldedValues.ToArray())),
                _ => throw Unreachable(k),
            };
        }

        private Expression Attribute(Condition k)
        {
            var f = k.Field;
            var found = Helper(nameof(CompiledFields.Attribute), Prop(nameof(CustomerRecord.Attributes)), Expression.Constant(f.AttributeName), Expression.Constant(f.AttributeKind!.Value));
            var a = Expression.Variable(typeof(AttributeRecord), "a");
            Expression column = f.AttributeKind switch
            {
                AttributeKind.Text => Expression.Property(a, k.IgnoreCaseAndAccents ? nameof(AttributeRecord.TextKey) : nameof(AttributeRecord.Text)),
                AttributeKind.Number or AttributeKind.Boolean => Expression.Property(a, nameof(AttributeRecord.Number)),
                AttributeKind.Date => Expression.Property(a, nameof(AttributeRecord.Date)),
                AttributeKind.Instant => Expression.Property(a, nameof(AttributeRecord.Instant)),
                _ => throw new UnreachableException($"Attribute kind {f.AttributeKind} passed Field.Attribute."),
            };
            var exists = Expression.NotEqual(a, Expression.Constant(null, typeof(AttributeRecord)));
            Expression valueTest = f.AttributeKind switch
            {
                AttributeKind.Text => Text(column, k),
                AttributeKind.Number => Nullable(column, k, v => Ordered(v, k, Number)),
                AttributeKind.Date => Nullable(column, k, v => Ordered(v, k, x => Expression.Constant(x.AsDate()))),
                AttributeKind.Boolean => Nullable(column, k, v => k.Values[0].AsBoolean() == (k.Operator == ComparisonOperator.Equal)
                    ? Expression.NotEqual(v, Expression.Constant(0m))
                    : Expression.Equal(v, Expression.Constant(0m))),
                // Instants take only isSet/isNotSet (Condition.OperatorsFor), which Nullable answers before comparing.
                AttributeKind.Instant => Nullable(column, k, _ => throw Unreachable(k)),
                _ => throw new UnreachableException($"Attribute kind {f.AttributeKind} passed Field.Attribute."),
            };

            // A missing attribute reads as "not set".
            var whenMissing = Expression.Constant(k.Operator == ComparisonOperator.IsNotSet);
            return Expression.Block([a], Expression.Assign(a, found), Expression.Condition(exists, valueTest, whenMissing));
        }
    }
}

/// <summary>Allocation-free helpers the compiled rules call.</summary>
internal static class CompiledFields
{
    public static int? Age(LocalDate? birth, EvaluationContext context) => birth is { } b ? CalendarFacts.Age(b, context.Today) : null;

    public static long DaysSince(Instant then, EvaluationContext context) => FloorDays(context.AsOfTicks - then.ToUnixTimeTicks());

    public static long? DaysSinceOrNull(Instant? then, EvaluationContext context) => then is { } t ? DaysSince(t, context) : null;

    public static int DaysUntilDate(LocalDate date, EvaluationContext context) => CalendarFacts.DaysUntilAnniversary(date, context.Today);

    public static int? DaysUntil(LocalDate? date, EvaluationContext context) => date is { } d ? CalendarFacts.DaysUntilAnniversary(d, context.Today) : null;

    public static bool TextEquals(string text, string value) => string.Equals(text, value, StringComparison.Ordinal);

    public static bool TextContains(string text, string value) => text.Contains(value, StringComparison.Ordinal);

    public static bool TextStartsWith(string text, string value) => text.StartsWith(value, StringComparison.Ordinal);

    public static bool TextIn(string text, string[] values)
    {
        foreach (var v in values)
        {
            if (string.Equals(text, v, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasTag(List<string> keys, string key)
    {
        foreach (var k in CollectionsMarshal.AsSpan(keys))
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasAnyTag(List<string> keys, string[] wanted)
    {
        foreach (var k in CollectionsMarshal.AsSpan(keys))
        {
            if (TextIn(k, wanted))
            {
                return true;
            }
        }

        return false;
    }

    public static AttributeRecord? Attribute(List<AttributeRecord> attributes, string name, AttributeKind kind)
    {
        foreach (var a in CollectionsMarshal.AsSpan(attributes))
        {
            if (a.Kind == kind && string.Equals(a.Name, name, StringComparison.Ordinal))
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>1 granted, 0 withdrawn, −1 never recorded.</summary>
    public static int Consent(List<ConsentRecord> consents, ContactChannel channel, ContactPurpose purpose)
    {
        foreach (var c in CollectionsMarshal.AsSpan(consents))
        {
            if (c.Channel == channel && c.Purpose == purpose)
            {
                return c.Granted ? 1 : 0;
            }
        }

        return -1;
    }

    private static bool Matches(OrderRecord o, long asOf, long start, int status, int channel, string? tag)
    {
        var t = o.PlacedAt.ToUnixTimeTicks();
        return t <= asOf && t > start
               && (status < 0 || (int)o.Status == status)
               && (channel < 0 || (o.Channel is { } c && (int)c == channel))
               && (tag is null || HasTag(o.ProductTags, tag));
    }

    private static long Start(EvaluationContext context, long window) => window == 0 ? long.MinValue : context.AsOfTicks - window;

    public static int Count(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start, n) = (context.AsOfTicks, Start(context, window), 0);
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag))
            {
                n++;
            }
        }

        return n;
    }

    public static decimal Sum(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start, sum) = (context.AsOfTicks, Start(context, window), 0m);
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag))
            {
                sum += o.Amount;
            }
        }

        return sum;
    }

    public static decimal? Average(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start, sum, n) = (context.AsOfTicks, Start(context, window), 0m, 0);
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag))
            {
                sum += o.Amount;
                n++;
            }
        }

        return n == 0 ? null : sum / n;
    }

    public static decimal? Max(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start) = (context.AsOfTicks, Start(context, window));
        decimal? max = null;
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag) && (max is null || o.Amount > max.Value))
            {
                max = o.Amount;
            }
        }

        return max;
    }

    public static long? DaysSinceFirst(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start, first) = (context.AsOfTicks, Start(context, window), long.MaxValue);
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag))
            {
                first = Math.Min(first, o.PlacedAt.ToUnixTimeTicks());
            }
        }

        return first == long.MaxValue ? null : FloorDays(asOf - first);
    }

    public static long? DaysSinceLast(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start, last, any) = (context.AsOfTicks, Start(context, window), long.MinValue, false);
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag))
            {
                last = Math.Max(last, o.PlacedAt.ToUnixTimeTicks());
                any = true;
            }
        }

        return any ? FloorDays(asOf - last) : null;
    }

    public static decimal? FirstAmount(List<OrderRecord> orders, EvaluationContext context, long window, int status, int channel, string? tag)
    {
        var (asOf, start) = (context.AsOfTicks, Start(context, window));
        OrderRecord? first = null;
        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            if (Matches(o, asOf, start, status, channel, tag)
                && (first is null || o.PlacedAt < first.PlacedAt || (o.PlacedAt == first.PlacedAt && o.Amount < first.Amount)))
            {
                first = o;
            }
        }

        return first?.Amount;
    }

    /// <summary>Keeps only the first member (in priority order) of an exclusivity group that matched.</summary>
    public static void KeepFirst(bool[] segments, int[] members)
    {
        var found = false;
        foreach (var member in members)
        {
            if (found)
            {
                segments[member] = false;
            }
            else if (segments[member])
            {
                found = true;
            }
        }
    }

    public static long FloorDays(long ticks) => FloorDiv(ticks, NodaConstants.TicksPerDay);

    private static long FloorDiv(long a, long b) => Math.DivRem(a, b) is var (q, rem) && rem != 0 && (rem < 0) != (b < 0) ? q - 1 : q;
}
