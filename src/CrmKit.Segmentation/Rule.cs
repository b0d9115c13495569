using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The comparison a <see cref="Condition"/> makes.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c>: the value is set and equal.</summary>
    Equal,

    /// <summary><c>!=</c>: the value is set and different (an unset value is neither equal nor different).</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    LessThan,

    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>between</c>: within two bounds, both included.</summary>
    Between,

    /// <summary><c>in</c>: equal to one of the values (for tags: carries one of them).</summary>
    In,

    /// <summary><c>contains</c>: text contains the value; tags include it.</summary>
    Contains,

    /// <summary><c>startsWith</c>: text starts with the value.</summary>
    StartsWith,

    /// <summary><c>isSet</c>: the value is known (tags: at least one).</summary>
    IsSet,

    /// <summary><c>isNotSet</c>: the value is unknown (tags: none).</summary>
    IsNotSet,
}

/// <summary>
/// A segment rule: a tree of <see cref="AllRule"/> (and), <see cref="AnyRule"/> (or), <see cref="NotRule"/>,
/// <see cref="Condition"/>s, <see cref="SegmentRule"/> (membership of another segment) and constants. Rules are
/// immutable data with structural equality; they are never code. Parse them from JSON with
/// <see cref="RuleJson"/>.
/// </summary>
/// <remarks>
/// Null semantics: a condition on an unset value is false, whatever the operator, except <c>isNotSet</c>.
/// So <c>not(age &lt; 18)</c> holds for a customer without a birth date, while <c>age &gt;= 18</c> does not.
/// </remarks>
public abstract record Rule
{
    private protected Rule()
    {
    }

    /// <summary>A rule over operands: one level deeper than the deepest of them.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    private protected Rule(IEnumerable<Rule?> operands)
    {
        var deepest = 0;
        foreach (var operand in operands)
        {
            deepest = Math.Max(deepest, operand?.Depth ?? 0);
        }

        Depth = deepest + 1;
        if (Depth > RuleLimits.MaxDepth)
        {
            throw new InvalidRuleException([new RuleError("$", RuleLimits.DepthProblem(Depth))]);
        }
    }

    /// <summary>
    /// How deeply the rule is nested: 1 for a condition, a constant or a segment reference; one more than the deepest
    /// operand for <c>all</c>, <c>any</c> and <c>not</c>. At most <see cref="RuleLimits.MaxDepth"/>, however the rule is built.
    /// </summary>
    public int Depth { get; } = 1;

    /// <summary>The rule that always holds.</summary>
    public static Rule True { get; } = new ConstantRule(true);

    /// <summary>The rule that never holds.</summary>
    public static Rule False { get; } = new ConstantRule(false);

    /// <summary>All of the rules hold (true when empty).</summary>
    public static Rule All(params IEnumerable<Rule> rules) => new AllRule([.. rules]);

    /// <summary>At least one of the rules holds (false when empty).</summary>
    public static Rule Any(params IEnumerable<Rule> rules) => new AnyRule([.. rules]);

    /// <summary>The rule does not hold.</summary>
    public static Rule Not(Rule rule) => new NotRule(rule);

    /// <summary>Membership of another segment.</summary>
    public static Rule InSegment(string segmentId) => new SegmentRule(segmentId);

    /// <summary>A comparison of a field with one value.</summary>
    public static Rule Compare(Field field, ComparisonOperator op, AttributeValue value, bool ignoreCaseAndAccents = false)
        => new Condition(field, op, [value], ignoreCaseAndAccents);

    /// <summary>A comparison of a field with a number.</summary>
    public static Rule Compare(Field field, ComparisonOperator op, decimal value) => new Condition(field, op, [AttributeValue.Number(value)]);

    /// <summary>A field within two bounds (both included).</summary>
    public static Rule Between(Field field, AttributeValue low, AttributeValue high) => new Condition(field, ComparisonOperator.Between, [low, high]);

    /// <summary>A field equal to one of the values.</summary>
    public static Rule In(Field field, params IEnumerable<AttributeValue> values) => new Condition(field, ComparisonOperator.In, [.. values]);

    /// <summary>A field whose value is known.</summary>
    public static Rule IsSet(Field field) => new Condition(field, ComparisonOperator.IsSet, []);

    /// <summary>A field whose value is unknown.</summary>
    public static Rule IsNotSet(Field field) => new Condition(field, ComparisonOperator.IsNotSet, []);

    /// <summary>Rules of this tree's direct children.</summary>
    public virtual IEnumerable<Rule> Children => [];

    /// <summary>The segment ids this rule refers to, anywhere in the tree.</summary>
    public IEnumerable<string> SegmentReferences()
        => this is SegmentRule s ? [s.SegmentId] : Children.SelectMany(c => c.SegmentReferences());

    /// <summary>The canonical JSON form (the cache key of compiled rules).</summary>
    public override string ToString() => RuleJson.Write(this);
}

/// <summary>A constant: <see langword="true"/> always holds, <see langword="false"/> never.</summary>
/// <param name="Value">The constant.</param>
public sealed record ConstantRule(bool Value) : Rule
{
    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}

/// <summary>All of the rules hold.</summary>
public sealed record AllRule : Rule
{
    /// <summary>Creates the conjunction.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public AllRule(ImmutableArray<Rule> rules)
        : base(rules.IsDefault ? [] : rules) => Rules = Checked(rules);

    /// <summary>The operands.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => Rules;

    /// <inheritdoc/>
    public bool Equals(AllRule? other) => other is not null && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc/>
    public override int GetHashCode() => Rules.Aggregate(17, (h, r) => HashCode.Combine(h, r));

    /// <inheritdoc/>
    public override string ToString() => base.ToString();

    internal static ImmutableArray<Rule> Checked(ImmutableArray<Rule> rules)
    {
        if (rules.IsDefault)
        {
            return [];
        }

        foreach (var r in rules)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rules));
        }

        return rules;
    }
}

/// <summary>At least one of the rules holds.</summary>
public sealed record AnyRule : Rule
{
    /// <summary>Creates the disjunction.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public AnyRule(ImmutableArray<Rule> rules)
        : base(rules.IsDefault ? [] : rules) => Rules = AllRule.Checked(rules);

    /// <summary>The operands.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => Rules;

    /// <inheritdoc/>
    public bool Equals(AnyRule? other) => other is not null && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc/>
    public override int GetHashCode() => Rules.Aggregate(19, (h, r) => HashCode.Combine(h, r));

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}

/// <summary>The rule does not hold.</summary>
public sealed record NotRule : Rule
{
    /// <summary>Creates the negation.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public NotRule(Rule rule)
        : base([rule]) => Rule = rule ?? throw new ArgumentNullException(nameof(rule));

    /// <summary>The negated rule.</summary>
    public Rule Rule { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => [Rule];

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}

/// <summary>Membership of another segment (after that segment's exclusivity group is resolved).</summary>
public sealed record SegmentRule : Rule
{
    /// <summary>Refers to a segment.</summary>
    public SegmentRule(string segmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        SegmentId = segmentId;
    }

    /// <summary>The referenced segment's id.</summary>
    public string SegmentId { get; }

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}

/// <summary>A comparison of one field with constant values.</summary>
public sealed record Condition : Rule
{
    /// <summary>Creates a condition, checking that the operator and values suit the field.</summary>
    /// <exception cref="InvalidRuleException">The operator or the values do not suit the field.</exception>
    public Condition(Field field, ComparisonOperator op, ImmutableArray<AttributeValue> values, bool ignoreCaseAndAccents = false)
    {
        ArgumentNullException.ThrowIfNull(field);
        values = values.IsDefault ? [] : values;
        if (Check(field, op, values, ignoreCaseAndAccents) is { } problem)
        {
            throw new InvalidRuleException([new RuleError("$", problem)]);
        }

        Field = field;
        Operator = op;
        Values = field.Type == FieldType.Choice ? [.. values.Select(v => AttributeValue.Text(Choices.Canonical(field.ChoiceType!, v.AsText())!))] : values;
        IgnoreCaseAndAccents = ignoreCaseAndAccents;
        if (ignoreCaseAndAccents || field.Type == FieldType.TagSet)
        {
            FoldedValues = [.. Values.Select(v => TextFold.ForMatching(v.AsText()))];
        }
        else if (field.Type == FieldType.Text)
        {
            FoldedValues = [.. Values.Select(v => v.AsText())];
        }
        else
        {
            FoldedValues = [];
        }
    }

    /// <summary>The field compared.</summary>
    public Field Field { get; }

    /// <summary>The comparison.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>The constants: none for isSet/isNotSet, two for between, one or more for in, one otherwise.</summary>
    public ImmutableArray<AttributeValue> Values { get; }

    /// <summary>Whether text is compared ignoring case and diacritics (tags always are).</summary>
    public bool IgnoreCaseAndAccents { get; }

    /// <summary>The text values as compared: folded when matching loosely, as written otherwise.</summary>
    internal ImmutableArray<string> FoldedValues { get; }

    /// <inheritdoc/>
    public bool Equals(Condition? other)
        => other is not null && Field.Equals(other.Field) && Operator == other.Operator && Values.SequenceEqual(other.Values)
           && IgnoreCaseAndAccents == other.IgnoreCaseAndAccents;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Field, Operator, Values.Length, Values.IsEmpty ? 0 : Values[0].GetHashCode(), IgnoreCaseAndAccents);

    /// <inheritdoc/>
    public override string ToString() => base.ToString();

    /// <summary>The operators a field type accepts.</summary>
    public static IReadOnlyList<ComparisonOperator> OperatorsFor(FieldType type) => type switch
    {
        FieldType.Number or FieldType.Date =>
        [
            ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.LessThan, ComparisonOperator.LessThanOrEqual,
            ComparisonOperator.GreaterThan, ComparisonOperator.GreaterThanOrEqual, ComparisonOperator.Between, ComparisonOperator.In,
            ComparisonOperator.IsSet, ComparisonOperator.IsNotSet,
        ],
        FieldType.Text =>
        [
            ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.In, ComparisonOperator.Contains,
            ComparisonOperator.StartsWith, ComparisonOperator.IsSet, ComparisonOperator.IsNotSet,
        ],
        FieldType.Choice => [ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.In, ComparisonOperator.IsSet, ComparisonOperator.IsNotSet],
        FieldType.Boolean => [ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.IsSet, ComparisonOperator.IsNotSet],
        FieldType.TagSet => [ComparisonOperator.Contains, ComparisonOperator.In, ComparisonOperator.IsSet, ComparisonOperator.IsNotSet],
        _ => [ComparisonOperator.IsSet, ComparisonOperator.IsNotSet],
    };

    /// <summary>The value kind a field type's constants have.</summary>
    internal static AttributeKind? ValueKindFor(FieldType type) => type switch
    {
        FieldType.Number => AttributeKind.Number,
        FieldType.Text or FieldType.Choice or FieldType.TagSet => AttributeKind.Text,
        FieldType.Boolean => AttributeKind.Boolean,
        FieldType.Date => AttributeKind.Date,
        _ => null,
    };

    /// <summary>How many values an operator takes: (min, max).</summary>
    internal static (int Min, int Max) Arity(ComparisonOperator op) => op switch
    {
        ComparisonOperator.IsSet or ComparisonOperator.IsNotSet => (0, 0),
        ComparisonOperator.Between => (2, 2),
        ComparisonOperator.In => (1, int.MaxValue),
        _ => (1, 1),
    };

    /// <summary>What is wrong with a condition, or null.</summary>
    internal static string? Check(Field field, ComparisonOperator op, ImmutableArray<AttributeValue> values, bool ignoreCaseAndAccents)
    {
        if (!Enum.IsDefined(op))
        {
            return $"operator {(int)op} is not defined.";
        }

        var allowed = OperatorsFor(field.Type);
        if (!allowed.Contains(op))
        {
            return $"field '{field.Name}' ({field.Type.ToString().ToLowerInvariant()}) does not take operator '{RuleJson.OperatorName(op)}'; expected one of: {string.Join(", ", allowed.Select(RuleJson.OperatorName))}.";
        }

        if (ignoreCaseAndAccents && field.Type is not (FieldType.Text or FieldType.TagSet))
        {
            return $"ignoreCaseAndAccents applies to text fields, not '{field.Name}' ({field.Type.ToString().ToLowerInvariant()}).";
        }

        var (min, max) = Arity(op);
        if (values.Length < min || values.Length > max)
        {
            return min == max
                ? $"operator '{RuleJson.OperatorName(op)}' takes {(min == 0 ? "no values" : min == 1 ? "one value" : $"{min} values")}, not {values.Length}."
                : $"operator '{RuleJson.OperatorName(op)}' takes at least {min} value, not {values.Length}.";
        }

        var kind = ValueKindFor(field.Type);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v.Kind != kind)
            {
                return $"field '{field.Name}' compares with a {kind?.ToString().ToLowerInvariant()}, not a {v.Kind.ToString().ToLowerInvariant()} ({v}).";
            }

            if (field.Type == FieldType.Choice && Choices.Canonical(field.ChoiceType!, v.AsText()) is null)
            {
                return $"'{v.AsText()}' is not a {field.Name}; expected one of: {string.Join(", ", Choices.Names(field.ChoiceType!))}.";
            }

            if (field.Type is FieldType.Text or FieldType.TagSet && op is ComparisonOperator.Contains or ComparisonOperator.StartsWith && v.AsText().Length == 0)
            {
                return $"operator '{RuleJson.OperatorName(op)}' needs a non-empty text.";
            }

            if ((ignoreCaseAndAccents || field.Type == FieldType.TagSet) && TextFold.ForMatching(v.AsText()).Length == 0)
            {
                return $"{FoldsToNothing(v.AsText())}; it would match {(op is ComparisonOperator.Contains or ComparisonOperator.StartsWith ? "every customer with the field" : "nothing")}.";
            }
        }

        if (op == ComparisonOperator.Between && Compare(values[0], values[1]) > 0)
        {
            return $"between's lower bound {values[0]} is above its upper bound {values[1]}.";
        }

        return null;
    }

    /// <summary>The start of the message for a text that folds to nothing (only spaces, accents or invisible characters).</summary>
    internal static string FoldsToNothing(string text)
        => $"'{string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == ' ' ? c.ToString() : $"\\u{(int)c:X4}"))}' is empty once case, accents and invisible characters are ignored";

    internal static int Compare(AttributeValue a, AttributeValue b) => a.Kind switch
    {
        AttributeKind.Number => a.AsNumber().CompareTo(b.AsNumber()),
        AttributeKind.Date => a.AsDate().CompareTo(b.AsDate()),
        _ => 0,
    };
}

/// <summary>The names of choice fields' values, in JSON's camelCase, read by <see cref="EnumNames"/>.</summary>
internal static class Choices
{
    public static IEnumerable<string> Names(Type enumType) => Enum.GetNames(enumType).Select(Json.Camel);

    public static string? Canonical(Type enumType, string name)
        => EnumNames.TryParse(enumType, name, out var value) ? Json.Camel(value!.ToString()) : null;

    public static int Value(Type enumType, string name)
        => EnumNames.TryParse(enumType, name, out var value) ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : throw new ArgumentException($"'{name}' is not one of {EnumNames.Expected(enumType)}.", nameof(name));
}

internal static class Json
{
    public static string Camel(string name) => EnumNames.Camel(name);
}
