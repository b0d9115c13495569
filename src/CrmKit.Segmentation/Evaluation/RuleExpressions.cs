using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// Turns a rule into a LINQ <see cref="Expression{TDelegate}"/> over <see cref="CustomerRecord"/> that a
/// database LINQ provider can translate: only member access, comparisons, <see cref="Enumerable"/> operators
/// on the child collections and constants. Every date-dependent bound (window starts, birth-date limits for
/// ages, the month-days of a birthday window) is computed here from the <see cref="EvaluationContext"/>, so the
/// query needs no function of the database's clock or zone.
/// </summary>
/// <remarks>
/// Text columns matched ignoring case and accents are read from their <c>…Key</c> companions; ties between
/// orders placed at the same instant are broken by the smaller amount (as in the other evaluators).
/// </remarks>
public static class RuleExpressions
{
    /// <summary>
    /// The earliest instant the translation uses as a constant: 0001-01-01T00:00Z, the start of the years databases
    /// store (and of <see cref="RuleLimits.MinEvaluationYear"/>). Orders, birth dates and creation instants before it
    /// are outside the range of what CrmKit evaluates.
    /// </summary>
    private static readonly Instant Earliest = Instant.FromUtc(1, 1, 1, 0, 0);

    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringSubstring = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo ListContains = typeof(List<string>).GetMethod(nameof(List<>.Contains))!;

    /// <summary>Builds the predicate of a rule at an evaluation instant.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="context">When: window starts and date limits are computed from it.</param>
    /// <param name="segments">The effective rule of a referenced segment (see <see cref="SegmentCatalog.MembershipRule(string)"/>); required when the rule refers to segments.</param>
    public static Expression<Func<CustomerRecord, bool>> ToExpression(Rule rule, EvaluationContext context, Func<string, Rule>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        var c = Expression.Parameter(typeof(CustomerRecord), "c");
        return Expression.Lambda<Func<CustomerRecord, bool>>(new Builder(c, context, segments).Build(rule), c);
    }

    private sealed class Builder(ParameterExpression c, EvaluationContext context, Func<string, Rule>? segments)
    {
        public Expression Build(Rule rule) => rule switch
        {
            ConstantRule k => Expression.Constant(k.Value),
            AllRule a => a.Rules.Length == 0 ? Expression.Constant(true) : RuleLimits.Balanced([.. a.Rules.Select(Build)], Expression.AndAlso),
            AnyRule a => a.Rules.Length == 0 ? Expression.Constant(false) : RuleLimits.Balanced([.. a.Rules.Select(Build)], Expression.OrElse),
            NotRule n => Expression.Not(Build(n.Rule)),
            SegmentRule s => segments is null
                ? throw new InvalidOperationException($"The rule refers to segment '{s.SegmentId}'; build it through a SegmentCatalog.")
                : Build(segments(s.SegmentId)),
            Condition k => Condition(k),
            _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
        };

        private Expression Prop(string name) => Expression.Property(c, name);

        private Expression Condition(Condition k)
        {
            var f = k.Field;
            var d = f.Definition;
            return d.Reading switch
            {
                FieldReading.Choice => Scalar(Prop(d.Property!), k, v => Expression.Constant(Enum.ToObject(d.ChoiceType!, Choices.Value(d.ChoiceType!, v.AsText())))),
                FieldReading.Date => Scalar(Prop(d.Property!), k, v => Expression.Constant(v.AsDate())),
                FieldReading.Text => Text(Prop(k.IgnoreCaseAndAccents ? d.KeyProperty! : d.Property!), k),
                FieldReading.Tags => Tags(k),
                FieldReading.Attribute => Attribute(k),
                FieldReading.Consent => Consent(k),
                FieldReading.AgeFromDate => Age(Prop(d.Property!), k),
                FieldReading.DaysSinceInstant => DaysSince(Prop(d.Property!), k),
                FieldReading.DaysUntilAnniversary => DaysUntil(Prop(d.Property!), k),
                FieldReading.Integer => Scalar(Prop(d.Property!), k, Int),
                FieldReading.Real => Scalar(Prop(d.Property!), k, Real),
                FieldReading.OrderCount => Scalar(Call("Count", [typeof(OrderRecord)], Orders(), OrderPredicate(f.Orders!)), k, Int),
                FieldReading.OrderSum => Scalar(Call("Sum", [typeof(OrderRecord)], Filtered(f.Orders!), Amount()), k, Number),
                FieldReading.OrderAverage => Scalar(Aggregate("Average", f.Orders!), k, Number),
                FieldReading.OrderMax => Scalar(Aggregate("Max", f.Orders!), k, Number),
                FieldReading.DaysSinceFirstOrder => DaysSince(Call("Min", [typeof(OrderRecord), typeof(Instant?)], Filtered(f.Orders!), PlacedAt()), k),
                FieldReading.DaysSinceLastOrder => DaysSince(Call("Max", [typeof(OrderRecord), typeof(Instant?)], Filtered(f.Orders!), PlacedAt()), k),
                // "Has a first order" is written as Any(orders) rather than FirstOrDefault(…).HasValue: EF Core turns the
                // latter into a scalar subquery that is NULL, not false, when no order matches, and its negation then fails.
                FieldReading.FirstOrderAmount => Scalar(FirstAmount(f.Orders!), k, Number, Call("Any", [typeof(OrderRecord)], Filtered(f.Orders!))),
                _ => throw new UnreachableException($"The LINQ translation has no case for {d.Reading} ({f.Name})."),
            };
        }

        private static UnreachableException Unreachable(Condition k)
            => new($"Operator {k.Operator} passed Condition.Check for {k.Field.Name} ({k.Field.Type}) but the LINQ translation has no case for it.");

        private static Expression Int(AttributeValue v) => Expression.Constant(v.AsNumber());

        private static Expression Number(AttributeValue v) => Expression.Constant(v.AsNumber());

        private static Expression Real(AttributeValue v) => Expression.Constant((double)v.AsNumber());

        private static Expression Call(string name, Type[] typeArguments, params Expression[] arguments)
            => Expression.Call(typeof(Enumerable), name, typeArguments, arguments);

        private Expression Orders() => Prop(nameof(CustomerRecord.Orders));

        private Expression Filtered(OrderFilter filter) => Call("Where", [typeof(OrderRecord)], Orders(), OrderPredicate(filter));

        private static LambdaExpression Amount()
        {
            var o = Expression.Parameter(typeof(OrderRecord), "o");
            return Expression.Lambda(Expression.Property(o, nameof(OrderRecord.Amount)), o);
        }

        private static LambdaExpression PlacedAt()
        {
            var o = Expression.Parameter(typeof(OrderRecord), "o");
            return Expression.Lambda(Expression.Convert(Expression.Property(o, nameof(OrderRecord.PlacedAt)), typeof(Instant?)), o);
        }

        private Expression NullableAmounts(OrderFilter filter)
        {
            var o = Expression.Parameter(typeof(OrderRecord), "o");
            var selector = Expression.Lambda(Expression.Convert(Expression.Property(o, nameof(OrderRecord.Amount)), typeof(decimal?)), o);
            return Call("Select", [typeof(OrderRecord), typeof(decimal?)], Filtered(filter), selector);
        }

        private Expression Aggregate(string name, OrderFilter filter)
            => Expression.Call(typeof(Enumerable).GetMethod(name, [typeof(IEnumerable<decimal?>)])!, NullableAmounts(filter));

        private Expression FirstAmount(OrderFilter filter)
        {
            var o = Expression.Parameter(typeof(OrderRecord), "o");
            var byTime = Call("OrderBy", [typeof(OrderRecord), typeof(Instant)], Filtered(filter), Expression.Lambda(Expression.Property(o, nameof(OrderRecord.PlacedAt)), o));
            var byAmount = Call("ThenBy", [typeof(OrderRecord), typeof(decimal)], byTime, Expression.Lambda(Expression.Property(o, nameof(OrderRecord.Amount)), o));
            var amounts = Call("Select", [typeof(OrderRecord), typeof(decimal?)], byAmount, Expression.Lambda(Expression.Convert(Expression.Property(o, nameof(OrderRecord.Amount)), typeof(decimal?)), o));
            return Call("FirstOrDefault", [typeof(decimal?)], amounts);
        }

        private LambdaExpression OrderPredicate(OrderFilter filter)
        {
            var o = Expression.Parameter(typeof(OrderRecord), "o");
            var placed = Expression.Property(o, nameof(OrderRecord.PlacedAt));
            Expression body = Expression.LessThanOrEqual(placed, Expression.Constant(context.AsOf));
            // A window reaching before the first storable instant bounds nothing (and SQL could not take the constant).
            if (filter.Days is { } d && context.WindowStart(d) >= Earliest)
            {
                body = Expression.AndAlso(body, Expression.GreaterThan(placed, Expression.Constant(context.WindowStart(d))));
            }

            if (filter.Status is { } s)
            {
                body = Expression.AndAlso(body, Expression.Equal(Expression.Property(o, nameof(OrderRecord.Status)), Expression.Constant(s)));
            }

            if (filter.Channel is { } ch)
            {
                body = Expression.AndAlso(body, Expression.Equal(Expression.Property(o, nameof(OrderRecord.Channel)), Expression.Constant(ch, typeof(SalesChannel?))));
            }

            if (filter.ProductTagKey is { } tag)
            {
                body = Expression.AndAlso(body, Expression.Call(Expression.Property(o, nameof(OrderRecord.ProductTags)), ListContains, Expression.Constant(tag)));
            }

            return Expression.Lambda(body, o);
        }

        /// <summary>A comparison of a scalar (nullable or not): set-ness first (<paramref name="isSet"/> when given), then the operator.</summary>
        private static Expression Scalar(Expression value, Condition k, Func<AttributeValue, Expression> constant, Expression? isSet = null)
        {
            var nullable = Nullable.GetUnderlyingType(value.Type) is not null || !value.Type.IsValueType;
            Expression hasValue = isSet ?? (!nullable ? Expression.Constant(true)
                : value.Type.IsValueType ? Expression.Property(value, "HasValue")
                : Expression.NotEqual(value, Expression.Constant(null, value.Type)));
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return hasValue;
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(hasValue);
            }

            var inner = nullable && value.Type.IsValueType ? Expression.Property(value, "Value") : value;
            if (inner.Type == typeof(int) || inner.Type == typeof(long))
            {
                inner = Expression.Convert(inner, typeof(decimal));
            }

            var test = Compare(inner, k, constant);
            return nullable ? Expression.AndAlso(hasValue, test) : test;
        }

        private static Expression Compare(Expression value, Condition k, Func<AttributeValue, Expression> constant)
        {
            var v = k.Values;
            return k.Operator switch
            {
                ComparisonOperator.Equal => Expression.Equal(value, constant(v[0])),
                ComparisonOperator.NotEqual => Expression.NotEqual(value, constant(v[0])),
                ComparisonOperator.LessThan => Expression.LessThan(value, constant(v[0])),
                ComparisonOperator.LessThanOrEqual => Expression.LessThanOrEqual(value, constant(v[0])),
                ComparisonOperator.GreaterThan => Expression.GreaterThan(value, constant(v[0])),
                ComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(value, constant(v[0])),
                ComparisonOperator.Between => Expression.AndAlso(Expression.GreaterThanOrEqual(value, constant(v[0])), Expression.LessThanOrEqual(value, constant(v[1]))),
                ComparisonOperator.In => RuleLimits.Balanced([.. v.Select(x => (Expression)Expression.Equal(value, constant(x)))], Expression.OrElse),
                _ => throw Unreachable(k),
            };
        }

        private static Expression Text(Expression value, Condition k)
        {
            var values = k.FoldedValues;
            Expression hasValue = Expression.NotEqual(value, Expression.Constant(null, typeof(string)));
            Expression test;
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return hasValue;
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(hasValue);
                case ComparisonOperator.Equal:
                    test = Expression.Equal(value, Expression.Constant(values[0]));
                    break;
                case ComparisonOperator.NotEqual:
                    test = Expression.NotEqual(value, Expression.Constant(values[0]));
                    break;
                case ComparisonOperator.In:
                    test = RuleLimits.Balanced([.. values.Select(x => (Expression)Expression.Equal(value, Expression.Constant(x)))], Expression.OrElse);
                    break;
                case ComparisonOperator.Contains:
                    test = Expression.Call(value, StringContains, Expression.Constant(values[0]));
                    break;
                case ComparisonOperator.StartsWith:
                    // An ordinal prefix test that providers translate (string.StartsWith(string) is culture-sensitive in .NET).
                    test = Expression.AndAlso(
                        Expression.GreaterThanOrEqual(Expression.Property(value, nameof(string.Length)), Expression.Constant(values[0].Length)),
                        Expression.Equal(Expression.Call(value, StringSubstring, Expression.Constant(0), Expression.Constant(values[0].Length)), Expression.Constant(values[0])));
                    break;
                default:
                    throw Unreachable(k);
            }

            return Expression.AndAlso(hasValue, test);
        }

        private Expression Tags(Condition k)
        {
            var keys = Prop(nameof(CustomerRecord.TagKeys));
            var any = Call("Any", [typeof(string)], keys);
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return any;
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(any);
                case ComparisonOperator.Contains:
                    return Expression.Call(keys, ListContains, Expression.Constant(k.FoldedValues[0]));
                case ComparisonOperator.In:
                    var t = Expression.Parameter(typeof(string), "t");
                    var wanted = Expression.Constant(k.FoldedValues.ToArray());
                    var predicate = Expression.Lambda(Call("Contains", [typeof(string)], wanted, t), t);
                    return Call("Any", [typeof(string)], keys, predicate);
                default:
                    throw Unreachable(k);
            }
        }

        private Expression Attribute(Condition k)
        {
            var f = k.Field;
            var a = Expression.Parameter(typeof(AttributeRecord), "a");
            Expression match = Expression.AndAlso(
                Expression.Equal(Expression.Property(a, nameof(AttributeRecord.Name)), Expression.Constant(f.AttributeName)),
                Expression.Equal(Expression.Property(a, nameof(AttributeRecord.Kind)), Expression.Constant(f.AttributeKind!.Value)));
            var column = f.AttributeKind switch
            {
                AttributeKind.Text => Expression.Property(a, k.IgnoreCaseAndAccents ? nameof(AttributeRecord.TextKey) : nameof(AttributeRecord.Text)),
                AttributeKind.Number or AttributeKind.Boolean => Expression.Property(a, nameof(AttributeRecord.Number)),
                AttributeKind.Date => Expression.Property(a, nameof(AttributeRecord.Date)),
                AttributeKind.Instant => Expression.Property(a, nameof(AttributeRecord.Instant)),
                _ => throw new UnreachableException($"Attribute kind {f.AttributeKind} passed Field.Attribute."),
            };
            var set = column.Type.IsValueType ? (Expression)Expression.Property(column, "HasValue") : Expression.NotEqual(column, Expression.Constant(null, column.Type));
            Expression Any(Expression body) => Call("Any", [typeof(AttributeRecord)], Prop(nameof(CustomerRecord.Attributes)), Expression.Lambda(body, a));
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return Any(Expression.AndAlso(match, set));
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(Any(Expression.AndAlso(match, set)));
            }

            var test = f.AttributeKind switch
            {
                AttributeKind.Text => Text(column, k),
                AttributeKind.Number => Scalar(column, k, Number),
                AttributeKind.Date => Scalar(column, k, v => Expression.Constant(v.AsDate())),
                AttributeKind.Boolean => BooleanNumber(column, k),
                // Instants take only isSet/isNotSet (Condition.OperatorsFor), answered above.
                _ => throw Unreachable(k),
            };
            return Any(Expression.AndAlso(match, test));
        }

        // Booleans are stored as 1/0 in the number column.
        private static Expression BooleanNumber(Expression column, Condition k)
        {
            var isTrue = k.Values[0].AsBoolean() == (k.Operator == ComparisonOperator.Equal);
            var value = Expression.Property(column, "Value");
            return Expression.AndAlso(Expression.Property(column, "HasValue"),
                isTrue ? Expression.NotEqual(value, Expression.Constant(0m)) : Expression.Equal(value, Expression.Constant(0m)));
        }

        private Expression Consent(Condition k)
        {
            var f = k.Field;
            var x = Expression.Parameter(typeof(ConsentRecord), "x");
            Expression match = Expression.AndAlso(
                Expression.Equal(Expression.Property(x, nameof(ConsentRecord.Channel)), Expression.Constant(f.Channel!.Value)),
                Expression.Equal(Expression.Property(x, nameof(ConsentRecord.Purpose)), Expression.Constant(f.Purpose!.Value)));
            Expression Any(Expression body) => Call("Any", [typeof(ConsentRecord)], Prop(nameof(CustomerRecord.Consents)), Expression.Lambda(body, x));
            var granted = Expression.Property(x, nameof(ConsentRecord.Granted));
            return k.Operator switch
            {
                ComparisonOperator.IsSet => Any(match),
                ComparisonOperator.IsNotSet => Expression.Not(Any(match)),
                ComparisonOperator.Equal => Any(Expression.AndAlso(match, Expression.Equal(granted, Expression.Constant(k.Values[0].AsBoolean())))),
                ComparisonOperator.NotEqual => Any(Expression.AndAlso(match, Expression.NotEqual(granted, Expression.Constant(k.Values[0].AsBoolean())))),
                _ => throw Unreachable(k),
            };
        }

        /// <summary>Age in [lo, hi] ⇔ birth date in (L(hi + 1), L(lo)], L(n) being the latest birth date of someone aged n.</summary>
        private Expression Age(Expression date, Condition k)
        {
            var birth = date.Type == typeof(LocalDate) ? Expression.Convert(date, typeof(LocalDate?)) : date;
            var hasValue = Expression.Property(birth, "HasValue");
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return Expression.AndAlso(hasValue, Expression.LessThanOrEqual(Expression.Property(birth, "Value"), Expression.Constant(context.Today)));
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(Expression.AndAlso(hasValue, Expression.LessThanOrEqual(Expression.Property(birth, "Value"), Expression.Constant(context.Today))));
            }

            var value = Expression.Property(birth, "Value");
            var parts = new List<Expression>();
            // The oldest anyone can be: born in year 1 (the earliest date a database takes). Ages beyond it bound nothing,
            // and every birth-date constant below stays in year 1 or later.
            var maxAge = (long)context.Today.Year - 2;
            foreach (var (low, high) in IntegerRanges.Of(k))
            {
                var lo = Math.Max(low, 0);
                if (lo > high || lo > maxAge)
                {
                    continue;
                }

                Expression part = Expression.LessThanOrEqual(value, Expression.Constant(CalendarFacts.LatestBirthForAge((int)lo, context.Today)));
                if (high < maxAge)
                {
                    part = Expression.AndAlso(part, Expression.GreaterThan(value, Expression.Constant(CalendarFacts.LatestBirthForAge((int)high + 1, context.Today))));
                }

                parts.Add(part);
            }

            return parts.Count == 0 ? Expression.Constant(false) : Expression.AndAlso(hasValue, RuleLimits.Balanced(parts, Expression.OrElse));
        }

        /// <summary>Whole days since t in [lo, hi] ⇔ t in (asOf − (hi + 1) days, asOf − lo days].</summary>
        private Expression DaysSince(Expression instant, Condition k)
        {
            var nullable = instant.Type == typeof(Instant?);
            Expression hasValue = nullable ? Expression.Property(instant, "HasValue") : Expression.Constant(true);
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return hasValue;
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(hasValue);
            }

            var value = nullable ? Expression.Property(instant, "Value") : instant;
            var parts = new List<Expression>();
            foreach (var (low, high) in IntegerRanges.Of(k))
            {
                Expression part = Expression.Constant(true);
                if (low != IntegerRanges.NegativeUnbounded)
                {
                    part = DaysBefore(low) is { } upper ? Expression.LessThanOrEqual(value, Expression.Constant(upper)) : Expression.Constant(low < 0);
                }

                if (high != IntegerRanges.Unbounded)
                {
                    var lowerBound = DaysBefore(high + 1) is { } lower ? Expression.GreaterThan(value, Expression.Constant(lower)) : (Expression)Expression.Constant(high + 1 > 0);
                    part = Expression.AndAlso(part, lowerBound);
                }

                parts.Add(part);
            }

            var any = parts.Count == 0 ? Expression.Constant(false) : RuleLimits.Balanced(parts, Expression.OrElse);
            return nullable ? Expression.AndAlso(hasValue, any) : any;
        }

        /// <summary>The instant <paramref name="days"/> days before the evaluation instant, or null outside the instant range.</summary>
        private Instant? DaysBefore(long days)
        {
            var ticks = (System.Numerics.BigInteger)context.AsOfTicks - (System.Numerics.BigInteger)days * NodaConstants.TicksPerDay;
            return ticks < Earliest.ToUnixTimeTicks() || ticks > Instant.MaxValue.ToUnixTimeTicks() ? null : Instant.FromUnixTimeTicks((long)ticks);
        }

        /// <summary>Days until an anniversary depend only on the month and day: the condition becomes a set of month-days.</summary>
        private Expression DaysUntil(Expression date, Condition k)
        {
            var nullable = date.Type == typeof(LocalDate?);
            Expression hasValue = nullable ? Expression.Property(date, "HasValue") : Expression.Constant(true);
            switch (k.Operator)
            {
                case ComparisonOperator.IsSet:
                    return hasValue;
                case ComparisonOperator.IsNotSet:
                    return Expression.Not(hasValue);
            }

            var ranges = IntegerRanges.Of(k);
            var included = new List<int>();
            var excluded = new List<int>();
            for (var day = new LocalDate(2000, 1, 1); day.Year == 2000; day = day.PlusDays(1))
            {
                var days = CalendarFacts.DaysUntilAnniversary(day, context.Today);
                (IntegerRanges.Contains(ranges, days) ? included : excluded).Add((day.Month * 100) + day.Day);
            }

            var value = nullable ? Expression.Property(date, "Value") : date;
            var monthDay = Expression.Add(
                Expression.Multiply(Expression.Property(value, nameof(LocalDate.Month)), Expression.Constant(100)),
                Expression.Property(value, nameof(LocalDate.Day)));
            Expression test = included.Count == 0 ? Expression.Constant(false)
                : excluded.Count == 0 ? Expression.Constant(true)
                : included.Count <= excluded.Count ? Call("Contains", [typeof(int)], Expression.Constant(included.ToArray()), monthDay)
                : Expression.Not(Call("Contains", [typeof(int)], Expression.Constant(excluded.ToArray()), monthDay));
            return nullable ? Expression.AndAlso(hasValue, test) : test;
        }
    }
}
