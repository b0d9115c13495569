using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers;
using CrmKit.Localization;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// The reference evaluator: walks the rule tree and reads each field straight from the record, folding text
/// itself. Slow and simple on purpose; <see cref="RuleCompiler"/> and <see cref="RuleExpressions"/> must agree
/// with it. It also explains its answers (<see cref="Explain"/>). Internal: a host explains a rule with
/// <see cref="Rule.Explain"/> and a catalogue with <see cref="SegmentCatalog.Explain(CustomerRecord, EvaluationContext)"/>,
/// and evaluates through <see cref="RuleCompiler"/> or <see cref="SegmentCatalog.ClassifyInterpreted"/>.
/// </summary>
internal static class RuleInterpreter
{
    /// <summary>Evaluates a rule for one customer.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="record">The customer.</param>
    /// <param name="context">When.</param>
    /// <param name="segments">Answers membership of other segments; required when the rule refers to any.</param>
    /// <exception cref="InvalidOperationException">The rule refers to a segment and no <paramref name="segments"/> was given.</exception>
    public static bool Evaluate(Rule rule, CustomerRecord record, EvaluationContext context, Func<string, bool>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        return rule switch
        {
            ConstantRule c => c.Value,
            AllRule a => a.Rules.All(r => Evaluate(r, record, context, segments)),
            AnyRule a => a.Rules.Any(r => Evaluate(r, record, context, segments)),
            NotRule n => !Evaluate(n.Rule, record, context, segments),
            SegmentRule s => segments is null
                ? throw new InvalidOperationException($"The rule refers to segment '{s.SegmentId}'; evaluate it through a SegmentCatalog.")
                : segments(s.SegmentId),
            Condition c => Test(c, Read(c, record, context)),
            _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
        };
    }

    /// <summary>Evaluates a rule and says, for every node, whether it held and why (with the actual values).</summary>
    public static Explanation Explain(Rule rule, CustomerRecord record, EvaluationContext context, Func<string, bool>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        switch (rule)
        {
            case ConstantRule c:
                return new(rule, c.Value, c.Value ? "always" : "never", []);
            case AllRule a:
            {
                var children = a.Rules.Select(r => Explain(r, record, context, segments)).ToArray();
                var held = children.All(c => c.Holds);
                return new(rule, held, held ? $"all {children.Length} conditions held" : $"{children.Count(c => !c.Holds)} of {children.Length} conditions failed", children);
            }

            case AnyRule a:
            {
                var children = a.Rules.Select(r => Explain(r, record, context, segments)).ToArray();
                var held = children.Any(c => c.Holds);
                return new(rule, held, held ? $"{children.Count(c => c.Holds)} of {children.Length} alternatives held" : $"none of {children.Length} alternatives held", children);
            }

            case NotRule n:
            {
                var inner = Explain(n.Rule, record, context, segments);
                return new(rule, !inner.Holds, inner.Holds ? "negated condition held" : "negated condition failed", [inner]);
            }

            case SegmentRule s:
            {
                var held = Evaluate(s, record, context, segments);
                return new(rule, held, held ? $"in segment '{s.SegmentId}'" : $"not in segment '{s.SegmentId}'", []);
            }

            case Condition c:
            {
                var value = Read(c, record, context);
                var held = Test(c, value);
                return new(rule, held, $"{c.Field} = {value}, needed {Needed(c)}", []) { Value = value.Kind == ScalarKind.None ? null : value.ToString() };
            }

            default:
                throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes.");
        }
    }

    /// <summary>What a condition needs, in the words of <paramref name="culture"/>'s message table (operators and values as the rule writes them).</summary>
    internal static string NeededIn(Condition c, CultureInfo culture)
    {
        var table = Localization.Messages.ResourceManager;
        var needed = c.Operator switch
        {
            ComparisonOperator.IsSet => MessageTable.Text(table, "Explain_NeededSet", culture),
            ComparisonOperator.IsNotSet => MessageTable.Text(table, "Explain_NeededNotSet", culture),
            ComparisonOperator.Between => MessageTable.Format(table, "Explain_NeededBetween", culture, c.Values[0], c.Values[1]),
            ComparisonOperator.In => MessageTable.Format(table, "Explain_NeededOneOf", culture, string.Join(", ", c.Values)),
            ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
                or ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.Contains or ComparisonOperator.StartsWith
                => $"{Symbol(c.Operator)} {c.Values[0]}",
            _ => throw Unreachable(c),
        };
        return c.IgnoreCaseAndAccents ? MessageTable.Format(table, "Explain_IgnoringCase", culture, needed) : needed;
    }

    // The operator as people read it in an explanation: the mathematical signs (≥, ≤, ≠) rather than the rule file's
    // ASCII spelling (>=, <=, !=), which stays in the JSON of rules; the other operators as the rule file writes them.
    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThanOrEqual => "≥",
        ComparisonOperator.LessThanOrEqual => "≤",
        ComparisonOperator.NotEqual => "≠",
        ComparisonOperator.Equal or ComparisonOperator.LessThan or ComparisonOperator.GreaterThan or ComparisonOperator.Between
            or ComparisonOperator.In or ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.IsSet
            or ComparisonOperator.IsNotSet => RuleJson.OperatorName(op),
        _ => throw new UnreachableException($"Comparison operator {op} has no symbol."),
    };

    private static string Needed(Condition c) => c.Operator switch
    {
        ComparisonOperator.IsSet => "set",
        ComparisonOperator.IsNotSet => "not set",
        ComparisonOperator.Between => $"between {c.Values[0]} and {c.Values[1]}",
        ComparisonOperator.In => $"one of {string.Join(", ", c.Values)}",
        ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
            or ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.Contains or ComparisonOperator.StartsWith
            => $"{Symbol(c.Operator)} {c.Values[0]}",
        _ => throw Unreachable(c),
    } + (c.IgnoreCaseAndAccents ? " (ignoring case and accents)" : "");

    /// <summary>Reads a condition's field.</summary>
    internal static Scalar Read(Condition condition, CustomerRecord record, EvaluationContext context)
    {
        var field = condition.Field;
        var definition = field.Definition;
        var loose = condition.IgnoreCaseAndAccents;
        switch (definition.Reading)
        {
            case FieldReading.Choice:
                return definition.Read(record) is Enum choice ? Scalar.Choice(choice) : Scalar.None;
            case FieldReading.Text:
                return definition.Read(record) is string text ? Scalar.Of(loose ? TextFold.ForMatching(text) : text) : Scalar.None;
            case FieldReading.Date:
                return definition.Read(record) is LocalDate date ? Scalar.Of(date) : Scalar.None;
            case FieldReading.Integer:
                return definition.Read(record) is { } integer ? Scalar.Of(Convert.ToInt64(integer, CultureInfo.InvariantCulture)) : Scalar.None;
            case FieldReading.Real:
                return definition.Read(record) is double real ? Scalar.Of(real) : Scalar.None;
            case FieldReading.AgeFromDate:
                return definition.Read(record) is LocalDate b && CalendarFacts.Age(b, context.Today) is { } age ? Scalar.Of(age) : Scalar.None;
            case FieldReading.DaysSinceInstant:
                return definition.Read(record) is Instant since ? Scalar.Of(FloorDays(context.AsOf - since)) : Scalar.None;
            case FieldReading.DaysUntilAnniversary:
                return definition.Read(record) is LocalDate until ? Scalar.Of(CalendarFacts.DaysUntilAnniversary(until, context.Today)) : Scalar.None;
            case FieldReading.Tags:
                return Scalar.Of(record.Tags.Select(TextFold.ForMatching).ToArray());
            case FieldReading.Attribute:
            {
                var attribute = record.Attributes.FirstOrDefault(x => x.Name == field.AttributeName && x.Kind == field.AttributeKind);
                return attribute is null ? Scalar.None : field.AttributeKind switch
                {
                    AttributeKind.Text => attribute.Text is { } t ? Scalar.Of(loose ? TextFold.ForMatching(t) : t) : Scalar.None,
                    AttributeKind.Number => attribute.Number is { } n ? Scalar.Of(n) : Scalar.None,
                    AttributeKind.Boolean => attribute.Number is { } n ? Scalar.Of(n != 0m) : Scalar.None,
                    AttributeKind.Date => attribute.Date is { } d ? Scalar.Of(d) : Scalar.None,
                    AttributeKind.Instant => attribute.Instant is { } t ? Scalar.Of(t) : Scalar.None,
                    _ => throw new UnreachableException($"Attribute kind {field.AttributeKind} passed Field.Attribute."),
                };
            }

            case FieldReading.Consent:
            {
                var consent = record.Consents.FirstOrDefault(x => x.Channel == field.Channel && x.Purpose == field.Purpose);
                return consent is null ? Scalar.None : Scalar.Of(consent.Granted);
            }

            case FieldReading.OrderCount:
            case FieldReading.OrderSum:
            case FieldReading.OrderAverage:
            case FieldReading.OrderMax:
            case FieldReading.DaysSinceFirstOrder:
            case FieldReading.DaysSinceLastOrder:
            case FieldReading.FirstOrderAmount:
                return ReadOrders(field, record, context);
            default:
                throw new UnreachableException($"The interpreter has no case for {definition.Reading} ({field.Name}).");
        }
    }

    private static Scalar ReadOrders(Field field, CustomerRecord record, EvaluationContext context)
    {
        var filter = field.Orders!;
        var tag = filter.ProductTag is { } t ? TextFold.ForMatching(t) : null;
        var orders = record.Orders
            .Where(o => o.PlacedAt <= context.AsOf
                        && (filter.Days is not { } d || o.PlacedAt > context.AsOf - Duration.FromDays(d))
                        && (filter.Status is not { } s || o.Status == s)
                        && (filter.Channel is not { } c || o.Channel == c)
                        && (tag is null || o.ProductTags.Any(p => TextFold.ForMatching(p) == tag)))
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Amount)
            .ToList();
        return field.Definition.Reading switch
        {
            FieldReading.OrderCount => Scalar.Of(orders.Count),
            FieldReading.OrderSum => Scalar.Of(orders.Sum(o => o.Amount)),
            FieldReading.OrderAverage => orders.Count == 0 ? Scalar.None : Scalar.Of(orders.Sum(o => o.Amount) / orders.Count),
            FieldReading.OrderMax => orders.Count == 0 ? Scalar.None : Scalar.Of(orders.Max(o => o.Amount)),
            FieldReading.DaysSinceFirstOrder => orders.Count == 0 ? Scalar.None : Scalar.Of(FloorDays(context.AsOf - orders[0].PlacedAt)),
            FieldReading.DaysSinceLastOrder => orders.Count == 0 ? Scalar.None : Scalar.Of(FloorDays(context.AsOf - orders[^1].PlacedAt)),
            FieldReading.FirstOrderAmount => orders.Count == 0 ? Scalar.None : Scalar.Of(orders[0].Amount),
            _ => throw new UnreachableException($"{field.Name} does not read orders."),
        };
    }

    internal static long FloorDays(Duration d) => (long)Math.Floor(d.TotalTicks / NodaConstants.TicksPerDay);

    /// <summary>Applies a condition's comparison to a value read from a record.</summary>
    internal static bool Test(Condition c, Scalar value)
    {
        var op = c.Operator;
        if (op == ComparisonOperator.IsSet)
        {
            return value.IsSet;
        }

        if (op == ComparisonOperator.IsNotSet)
        {
            return !value.IsSet;
        }

        if (!value.IsSet)
        {
            return false;
        }

        switch (value.Kind)
        {
            case ScalarKind.Tags:
                return op switch
                {
                    ComparisonOperator.Contains => value.Tags!.Contains(c.FoldedValues[0], StringComparer.Ordinal),
                    ComparisonOperator.In => value.Tags!.Any(t => c.FoldedValues.Contains(t, StringComparer.Ordinal)),
                    _ => throw Unreachable(c),
                };
            case ScalarKind.Text:
            {
                var text = value.Text!;
                var values = c.FoldedValues;
                return op switch
                {
                    ComparisonOperator.Equal => text == values[0],
                    ComparisonOperator.NotEqual => text != values[0],
                    ComparisonOperator.In => values.Contains(text, StringComparer.Ordinal),
                    ComparisonOperator.Contains => text.Contains(values[0], StringComparison.Ordinal),
                    ComparisonOperator.StartsWith => text.StartsWith(values[0], StringComparison.Ordinal),
                    _ => throw Unreachable(c),
                };
            }

            case ScalarKind.Choice:
                return op switch
                {
                    ComparisonOperator.Equal => value.Text == c.Values[0].AsText(),
                    ComparisonOperator.NotEqual => value.Text != c.Values[0].AsText(),
                    ComparisonOperator.In => c.Values.Any(v => v.AsText() == value.Text),
                    _ => throw Unreachable(c),
                };
            case ScalarKind.Boolean:
                return op switch
                {
                    ComparisonOperator.Equal => value.Boolean == c.Values[0].AsBoolean(),
                    ComparisonOperator.NotEqual => value.Boolean != c.Values[0].AsBoolean(),
                    _ => throw Unreachable(c),
                };
            case ScalarKind.Date:
                return Ordered(op, c, v => value.Date.CompareTo(v.AsDate()));
            case ScalarKind.Number:
                return Ordered(op, c, v => value.Number.CompareTo(v.AsNumber()));
            case ScalarKind.Real:
                return Ordered(op, c, v => value.Real.CompareTo((double)v.AsNumber()));
            case ScalarKind.Instant: // instants take only isSet/isNotSet, answered above
            case ScalarKind.None: // not set, answered above
            default:
                throw Unreachable(c);
        }
    }

    private static bool Ordered(ComparisonOperator op, Condition c, Func<AttributeValue, int> compare) => op switch
    {
        ComparisonOperator.Equal => compare(c.Values[0]) == 0,
        ComparisonOperator.NotEqual => compare(c.Values[0]) != 0,
        ComparisonOperator.LessThan => compare(c.Values[0]) < 0,
        ComparisonOperator.LessThanOrEqual => compare(c.Values[0]) <= 0,
        ComparisonOperator.GreaterThan => compare(c.Values[0]) > 0,
        ComparisonOperator.GreaterThanOrEqual => compare(c.Values[0]) >= 0,
        ComparisonOperator.Between => compare(c.Values[0]) >= 0 && compare(c.Values[1]) <= 0,
        ComparisonOperator.In => c.Values.Any(v => compare(v) == 0),
        _ => throw Unreachable(c),
    };

    /// <summary>An operator that <see cref="Condition.Check"/> let through for the field's type but the interpreter has no case for.</summary>
    private static UnreachableException Unreachable(Condition c)
        => new($"Operator {c.Operator} passed Condition.Check for {c.Field.Name} ({c.Field.Type}) but the interpreter has no case for it.");
}

internal enum ScalarKind
{
    None,
    Number,
    Real,
    Text,
    Choice,
    Boolean,
    Date,
    Instant,
    Tags,
}

/// <summary>A value read from a record by the interpreter.</summary>
internal readonly record struct Scalar(ScalarKind Kind, decimal Number = 0m, double Real = 0d, string? Text = null, bool Boolean = false, LocalDate Date = default, Instant Instant = default, string[]? Tags = null)
{
    public static Scalar None => default;

    public bool IsSet => Kind != ScalarKind.None && (Kind != ScalarKind.Tags || Tags!.Length > 0);

    public static Scalar Of(decimal value) => new(ScalarKind.Number, Number: value);

    public static Scalar Of(long value) => new(ScalarKind.Number, Number: value);

    public static Scalar Of(int value) => new(ScalarKind.Number, Number: value);

    public static Scalar Of(double value) => new(ScalarKind.Real, Real: value);

    public static Scalar Of(string value) => new(ScalarKind.Text, Text: value);

    public static Scalar Of(bool value) => new(ScalarKind.Boolean, Boolean: value);

    public static Scalar Of(LocalDate value) => new(ScalarKind.Date, Date: value);

    public static Scalar Of(Instant value) => new(ScalarKind.Instant, Instant: value);

    public static Scalar Of(string[] tags) => new(ScalarKind.Tags, Tags: tags);

    public static Scalar Choice(Enum value) => new(ScalarKind.Choice, Text: Json.Camel(value.ToString()));

    public override string ToString() => Kind switch
    {
        ScalarKind.None => "not set",
        ScalarKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Real => Real.ToString("G6", CultureInfo.InvariantCulture),
        ScalarKind.Boolean => Boolean ? "true" : "false",
        ScalarKind.Date => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ScalarKind.Instant => Instant.ToString(),
        ScalarKind.Tags => Tags!.Length == 0 ? "no tags" : "[" + string.Join(", ", Tags) + "]",
        ScalarKind.Text or ScalarKind.Choice => Text!,
        _ => throw new UnreachableException($"Scalar kind {Kind}."),
    };
}
