using System.Diagnostics;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

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
            throw new InvalidRuleException([new Problem("$", problem)]);
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
        FieldType.Instant => [ComparisonOperator.IsSet, ComparisonOperator.IsNotSet],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"{(int)type} is not a defined field type."),
    };

    /// <summary>The value kind a field type's constants have.</summary>
    internal static AttributeKind? ValueKindFor(FieldType type) => type switch
    {
        FieldType.Number => AttributeKind.Number,
        FieldType.Text or FieldType.Choice or FieldType.TagSet => AttributeKind.Text,
        FieldType.Boolean => AttributeKind.Boolean,
        FieldType.Date => AttributeKind.Date,
        FieldType.Instant => null,
        _ => throw new UnreachableException($"Field type {type}."),
    };

    /// <summary>How many values an operator takes: (min, max).</summary>
    internal static (int Min, int Max) Arity(ComparisonOperator op) => op switch
    {
        ComparisonOperator.IsSet or ComparisonOperator.IsNotSet => (0, 0),
        ComparisonOperator.Between => (2, 2),
        ComparisonOperator.In => (1, int.MaxValue),
        ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
            or ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.Contains or ComparisonOperator.StartsWith => (1, 1),
        _ => throw new UnreachableException($"Operator {op} (Check rejects undefined operators first)."),
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
        _ => throw new UnreachableException($"Only numbers and dates are ordered (between); found {a.Kind}."),
    };
}
