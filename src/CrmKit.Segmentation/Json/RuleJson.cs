using System.Diagnostics;
using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using NodaTime.Text;

namespace CrmKit.Segmentation;

/// <summary>
/// Reads and writes rules as JSON (the format is described in <c>docs/segmentation.md</c>). Reading checks every
/// field, operator and value against the known fields and the <see cref="RuleSchema"/>, and reports every
/// problem at once with its JSON path.
/// </summary>
public static class RuleJson
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    private static readonly string[] ConditionProperties = ["field", "op", "value", "values", "ignoreCaseAndAccents", "days", "status", "channel", "productTag"];

    /// <summary>The JSON name of an operator (<c>&gt;=</c>, <c>between</c>, <c>isSet</c>…).</summary>
    public static string OperatorName(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.Between => "between",
        ComparisonOperator.In => "in",
        ComparisonOperator.Contains => "contains",
        ComparisonOperator.StartsWith => "startsWith",
        ComparisonOperator.IsSet => "isSet",
        ComparisonOperator.IsNotSet => "isNotSet",
        _ => ((int)op).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a rule.</summary>
    /// <exception cref="InvalidRuleException">The JSON is malformed or the rule is invalid; every problem is listed.</exception>
    public static Rule Parse(string json, RuleSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (CrmKit.Customers.Serialization.JsonText.FindLoneSurrogate(json) is { } problem)
        {
            throw new InvalidRuleException([new Problem("$", $"not valid JSON: {problem}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = RuleLimits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new InvalidRuleException([new Problem("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" LineNumber: ")[0]}")]);
        }

        using (document)
        {
            var errors = new List<Problem>();
            var rule = Read(document.RootElement, "$", schema ?? RuleSchema.Empty, errors);
            return errors.Count == 0 ? rule! : throw new InvalidRuleException(errors);
        }
    }

    /// <summary>Reads a rule from a JSON element, adding every problem to <paramref name="errors"/>.</summary>
    /// <returns>The rule, or null when there were problems.</returns>
    /// <remarks>
    /// A key repeated in one object is an error at its path (<see cref="JsonDuplicateKeys"/>); a rule nested deeper
    /// than <see cref="RuleLimits.MaxDepth"/> is an error at the path of the first level beyond. Checks
    /// <see cref="RuleLimits.MaxOperands"/> before reading a group's operands or a condition's values, and
    /// stops reading conditions once <see cref="RuleLimits.MaxConditions"/> is passed, so an oversized rule costs no
    /// more than the limit.
    /// </remarks>
    public static Rule? Read(JsonElement element, string path, RuleSchema schema, ICollection<Problem> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        var duplicates = DuplicateKeys(element, path);
        foreach (var duplicate in duplicates)
        {
            errors.Add(duplicate);
        }

        var rule = ReadRule(element, path, schema, errors);
        return duplicates.Count == 0 ? rule : null;
    }

    /// <summary>The keys repeated in one object of <paramref name="element"/>, as errors at their paths.</summary>
    internal static List<Problem> DuplicateKeys(JsonElement element, string path)
        => [.. JsonDuplicateKeys.Find(element, path)];

    /// <summary>Reads a rule without looking for repeated keys (the caller did, over the whole document).</summary>
    internal static Rule? ReadRule(JsonElement element, string path, RuleSchema schema, ICollection<Problem> errors)
        => Read(element, path, schema, errors, new ConditionBudget(), depth: 1);

    /// <summary>How many conditions and segment references a rule being read has used so far.</summary>
    private sealed class ConditionBudget
    {
        public int Used { get; set; }

        /// <summary>Counts one more; false (with the problem reported once) when the rule is past the limit.</summary>
        public bool Take(string path, ICollection<Problem> errors)
        {
            if (++Used == RuleLimits.MaxConditions + 1)
            {
                errors.Add(new(path, RuleLimits.TooManyConditions));
            }

            return Used <= RuleLimits.MaxConditions;
        }
    }

    private static Rule? Read(JsonElement element, string path, RuleSchema schema, ICollection<Problem> errors, ConditionBudget budget, int depth)
    {
        if (depth > RuleLimits.MaxDepth)
        {
            errors.Add(new(path, RuleLimits.DepthProblem(depth)));
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return Rule.True;
            case JsonValueKind.False:
                return Rule.False;
            case JsonValueKind.Object:
                break;
            default:
                errors.Add(new(path, $"expected a rule (an object with all, any, not, segment or field; or true/false), found {Describe(element)}."));
                return null;
        }

        string[] heads = ["all", "any", "not", "segment", "field"];
        var present = heads.Where(h => element.TryGetProperty(h, out _)).ToList();
        if (present.Count != 1)
        {
            errors.Add(new(path, present.Count == 0
                ? $"expected one of the properties {string.Join(", ", heads)}; found {(element.EnumerateObject().Any() ? string.Join(", ", element.EnumerateObject().Select(p => p.Name)) : "none")}."
                : $"a rule has exactly one of {string.Join(", ", heads)}; found {string.Join(" and ", present)}."));
            return null;
        }

        var head = present[0];
        if (head != "field")
        {
            foreach (var extra in element.EnumerateObject().Where(p => p.Name != head))
            {
                errors.Add(new($"{path}.{extra.Name}", $"unknown property '{extra.Name}' beside '{head}'."));
            }
        }

        var value = element.GetProperty(head);
        switch (head)
        {
            case "all":
            case "any":
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new($"{path}.{head}", $"expected an array of rules, found {Describe(value)}."));
                    return null;
                }

                if (value.GetArrayLength() > RuleLimits.MaxOperands)
                {
                    errors.Add(new($"{path}.{head}", RuleLimits.TooManyOperands(value.GetArrayLength())));
                    return null;
                }

                var rules = new List<Rule?>();
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (budget.Used > RuleLimits.MaxConditions)
                    {
                        return null;
                    }

                    rules.Add(Read(item, $"{path}.{head}[{i++}]", schema, errors, budget, depth + 1));
                }

                return rules.Any(r => r is null) ? null : head == "all" ? new AllRule([.. rules!]) : new AnyRule([.. rules!]);
            }

            case "not":
                return Read(value, $"{path}.not", schema, errors, budget, depth + 1) is { } inner ? new NotRule(inner) : null;
            case "segment":
                if (!budget.Take(path, errors))
                {
                    return null;
                }

                if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    errors.Add(new($"{path}.segment", $"expected a segment id (a non-empty string), found {Describe(value)}."));
                    return null;
                }

                return new SegmentRule(value.GetString()!);
            case "field":
                return budget.Take(path, errors) ? ReadCondition(element, path, schema, errors) : null;
            default:
                throw new UnreachableException($"Rule head '{head}' is not one of {string.Join(", ", heads)}.");
        }
    }

    private static Condition? ReadCondition(JsonElement element, string path, RuleSchema schema, ICollection<Problem> errors)
    {
        var before = errors.Count;
        foreach (var p in element.EnumerateObject().Where(p => !ConditionProperties.Contains(p.Name)))
        {
            errors.Add(new($"{path}.{p.Name}", $"unknown property '{p.Name}'; a condition has: {string.Join(", ", ConditionProperties)}."));
        }

        var field = ReadField(element, path, schema, errors);
        ComparisonOperator? op = null;
        if (!element.TryGetProperty("op", out var opElement))
        {
            errors.Add(new(path, "a condition needs 'op'."));
        }
        else if (opElement.ValueKind != JsonValueKind.String || ParseOperator(opElement.GetString()!) is not { } parsed)
        {
            errors.Add(new($"{path}.op", $"unknown operator {Describe(opElement)}; expected one of: {string.Join(", ", Enum.GetValues<ComparisonOperator>().Select(OperatorName))}."));
        }
        else
        {
            op = parsed;
        }

        var ignore = false;
        if (element.TryGetProperty("ignoreCaseAndAccents", out var ignoreElement))
        {
            if (ignoreElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                ignore = ignoreElement.GetBoolean();
            }
            else
            {
                errors.Add(new($"{path}.ignoreCaseAndAccents", $"expected true or false, found {Describe(ignoreElement)}."));
            }
        }

        var hasValue = element.TryGetProperty("value", out var single);
        var hasValues = element.TryGetProperty("values", out var many);
        if (hasValue && hasValues)
        {
            errors.Add(new(path, "a condition has 'value' or 'values', not both."));
            return null;
        }

        var values = ImmutableArray.CreateBuilder<AttributeValue>();
        if (field is not null)
        {
            if (hasValue)
            {
                if (ReadValue(single, $"{path}.value", field, errors) is { } v)
                {
                    values.Add(v);
                }
            }
            else if (hasValues)
            {
                if (many.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new($"{path}.values", $"expected an array, found {Describe(many)}."));
                }
                else if (many.GetArrayLength() > RuleLimits.MaxOperands)
                {
                    errors.Add(new($"{path}.values", RuleLimits.TooManyValues(many.GetArrayLength())));
                }
                else
                {
                    var i = 0;
                    foreach (var item in many.EnumerateArray())
                    {
                        if (ReadValue(item, $"{path}.values[{i}]", field, errors) is { } v)
                        {
                            values.Add(v);
                        }

                        i++;
                    }
                }
            }
        }

        if (errors.Count > before || field is null || op is null)
        {
            return null;
        }

        var values1 = values.ToImmutable();
        if (Condition.Check(field, op.Value, values1, ignore) is { } problem)
        {
            errors.Add(new(path, problem));
            return null;
        }

        return new Condition(field, op.Value, values1, ignore);
    }

    private static Field? ReadField(JsonElement element, string path, RuleSchema schema, ICollection<Problem> errors)
    {
        var fieldElement = element.GetProperty("field");
        if (fieldElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{path}.field", $"expected a field name, found {Describe(fieldElement)}."));
            return null;
        }

        var name = fieldElement.GetString()!;
        Field? field = null;
        var definition = FieldTable.ByName.GetValueOrDefault(name);
        if (name.StartsWith("attributes.", StringComparison.Ordinal))
        {
            var attribute = name["attributes.".Length..];
            if (schema.Attributes.TryGetValue(attribute, out var attributeKind))
            {
                field = Field.Attribute(attribute, attributeKind);
            }
            else
            {
                errors.Add(new($"{path}.field", schema.Attributes.Count == 0
                    ? $"unknown attribute '{attribute}': the schema declares no attributes."
                    : $"unknown attribute '{attribute}'; declared: {string.Join(", ", schema.Attributes.Keys)}."));
                return null;
            }
        }
        else if (name.StartsWith("consent.", StringComparison.Ordinal))
        {
            var parts = name.Split('.');
            ContactChannel channel = default;
            ContactPurpose purpose = default;
            if (parts.Length != 3 || Choices.Canonical(typeof(ContactChannel), parts[1]) is null || Choices.Canonical(typeof(ContactPurpose), parts[2]) is null)
            {
                errors.Add(new($"{path}.field", $"expected consent.CHANNEL.PURPOSE with CHANNEL one of {string.Join(", ", Choices.Names(typeof(ContactChannel)))} and PURPOSE one of {string.Join(", ", Choices.Names(typeof(ContactPurpose)))}; found '{name}'."));
                return null;
            }

            channel = (ContactChannel)Choices.Value(typeof(ContactChannel), parts[1]);
            purpose = (ContactPurpose)Choices.Value(typeof(ContactPurpose), parts[2]);
            field = Field.Consent(channel, purpose);
        }
        else if (definition is null)
        {
            errors.Add(new($"{path}.field", $"unknown field '{name}'; expected one of: {FieldTable.ExpectedNames}."));
            return null;
        }

        string[] orderParameters = ["days", "status", "channel", "productTag"];
        if (definition is not { IsOrderField: true })
        {
            foreach (var p in orderParameters.Where(p => element.TryGetProperty(p, out _)))
            {
                errors.Add(new($"{path}.{p}", $"'{p}' applies to order fields (orders.count, orders.sum, …), not '{name}'."));
            }

            return field ?? Field.Of(definition!.Kind);
        }

        var kind = definition.Kind;

        var ok = true;
        int? days = null;
        if (element.TryGetProperty("days", out var daysElement))
        {
            if (!definition.TakesWindow)
            {
                errors.Add(new($"{path}.days", $"'{name}' does not take a window; windows apply to {FieldTable.WindowedNames}."));
                ok = false;
            }
            else if (daysElement.ValueKind != JsonValueKind.Number || !daysElement.TryGetInt32(out var d) || RuleLimits.CheckWindow(d) is not null)
            {
                errors.Add(new($"{path}.days", RuleLimits.WindowProblem(Describe(daysElement))));
                ok = false;
            }
            else
            {
                days = d;
            }
        }

        OrderStatus? status = OrderStatus.Completed;
        if (element.TryGetProperty("status", out var statusElement))
        {
            var text = statusElement.ValueKind == JsonValueKind.String ? statusElement.GetString()! : null;
            if (string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
            {
                status = null; // read in any case, as the statuses are
            }
            else if (text is not null && Choices.Canonical(typeof(OrderStatus), text) is not null)
            {
                status = (OrderStatus)Choices.Value(typeof(OrderStatus), text);
            }
            else
            {
                errors.Add(new($"{path}.status", $"expected an order status ({string.Join(", ", Choices.Names(typeof(OrderStatus)))}) or 'any', found {Describe(statusElement)}."));
                ok = false;
            }
        }

        SalesChannel? channel1 = null;
        if (element.TryGetProperty("channel", out var channelElement))
        {
            var text = channelElement.ValueKind == JsonValueKind.String ? channelElement.GetString()! : null;
            if (text is not null && Choices.Canonical(typeof(SalesChannel), text) is not null)
            {
                channel1 = (SalesChannel)Choices.Value(typeof(SalesChannel), text);
            }
            else
            {
                errors.Add(new($"{path}.channel", $"expected a sales channel ({string.Join(", ", Choices.Names(typeof(SalesChannel)))}), found {Describe(channelElement)}."));
                ok = false;
            }
        }

        string? tag = null;
        if (element.TryGetProperty("productTag", out var tagElement))
        {
            if (tagElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(tagElement.GetString()))
            {
                tag = tagElement.GetString()!.Trim();
                if (TextFold.ForMatching(tag).Length == 0)
                {
                    errors.Add(new($"{path}.productTag", $"{Condition.FoldsToNothing(tag)}; a tag needs a letter or a digit."));
                    ok = false;
                }
            }
            else
            {
                errors.Add(new($"{path}.productTag", $"expected a non-empty tag, found {Describe(tagElement)}."));
                ok = false;
            }
        }

        return ok ? Field.Order(kind, new OrderFilter(days, status, channel1, tag)) : null;
    }

    private static AttributeValue? ReadValue(JsonElement element, string path, Field field, ICollection<Problem> errors)
    {
        var kind = Condition.ValueKindFor(field.Type);
        switch (kind)
        {
            case AttributeKind.Number when element.ValueKind == JsonValueKind.Number:
                if (ExactDecimal.TryGet(element, out var number))
                {
                    return AttributeValue.Number(number);
                }

                errors.Add(new(path, ExactDecimal.OutOfRange(element.GetRawText())));
                return null;
            case AttributeKind.Text when element.ValueKind == JsonValueKind.String:
                var text = element.GetString()!;
                if (field.Type == FieldType.Choice && Choices.Canonical(field.ChoiceType!, text) is null)
                {
                    errors.Add(new(path, $"'{text}' is not a {field.Name}; expected one of: {string.Join(", ", Choices.Names(field.ChoiceType!))}."));
                    return null;
                }

                return AttributeValue.Text(text);
            case AttributeKind.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return AttributeValue.Boolean(element.GetBoolean());
            case AttributeKind.Date when element.ValueKind == JsonValueKind.String:
                var parsed = LocalDatePattern.Iso.Parse(element.GetString()!);
                if (parsed.Success)
                {
                    return AttributeValue.Date(parsed.Value);
                }

                errors.Add(new(path, $"expected a date as yyyy-MM-dd, found {Describe(element)}."));
                return null;
            case null:
                errors.Add(new(path, $"field '{field.Name}' takes no values (only isSet/isNotSet)."));
                return null;
            default:
                var expected = kind switch
                {
                    AttributeKind.Number => "a number",
                    AttributeKind.Boolean => "true or false",
                    AttributeKind.Date => "a date as yyyy-MM-dd",
                    AttributeKind.Text => field.Type == FieldType.Choice ? $"one of: {string.Join(", ", Choices.Names(field.ChoiceType!))}" : "a string",
                    _ => throw new UnreachableException($"Value kind {kind}."),
                };
                errors.Add(new(path, $"field '{field.Name}' compares with {expected}, found {Describe(element)}."));
                return null;
        }
    }

    private static ComparisonOperator? ParseOperator(string name)
    {
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            if (OperatorName(op) == name)
            {
                return op;
            }
        }

        return null;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>Writes a rule as canonical JSON: compact, fixed property order, normalized numbers.</summary>
    public static string Write(Rule rule) => Write(rule, indented: false);

    /// <summary>Writes a rule as JSON, compact or indented.</summary>
    public static string Write(Rule rule, bool indented)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedOptions : CompactOptions))
        {
            Write(writer, rule);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a rule to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, Rule rule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rule);
        switch (rule)
        {
            case ConstantRule c:
                writer.WriteBooleanValue(c.Value);
                break;
            case AllRule a:
                WriteJunction(writer, "all", a.Rules);
                break;
            case AnyRule a:
                WriteJunction(writer, "any", a.Rules);
                break;
            case NotRule n:
                writer.WriteStartObject();
                writer.WritePropertyName("not");
                Write(writer, n.Rule);
                writer.WriteEndObject();
                break;
            case SegmentRule s:
                writer.WriteStartObject();
                writer.WriteString("segment", s.SegmentId);
                writer.WriteEndObject();
                break;
            case Condition c:
                WriteCondition(writer, c);
                break;
            default:
                throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes.");
        }
    }

    private static void WriteJunction(Utf8JsonWriter writer, string name, ImmutableArray<Rule> rules)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(name);
        foreach (var r in rules)
        {
            Write(writer, r);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, Condition c)
    {
        writer.WriteStartObject();
        writer.WriteString("field", c.Field.Name);
        if (c.Field.Orders is { } f)
        {
            if (f.Days is { } d)
            {
                writer.WriteNumber("days", d);
            }

            if (f.Status != OrderStatus.Completed)
            {
                writer.WriteString("status", f.Status is { } s ? Json.Camel(s.ToString()) : "any");
            }

            if (f.Channel is { } ch)
            {
                writer.WriteString("channel", Json.Camel(ch.ToString()));
            }

            if (f.ProductTag is { } t)
            {
                writer.WriteString("productTag", t);
            }
        }

        writer.WriteString("op", OperatorName(c.Operator));
        if (Condition.Arity(c.Operator) is (1, 1))
        {
            writer.WritePropertyName("value");
            WriteValue(writer, c.Values[0]);
        }
        else if (c.Values.Length > 0)
        {
            writer.WriteStartArray("values");
            foreach (var v in c.Values)
            {
                WriteValue(writer, v);
            }

            writer.WriteEndArray();
        }

        if (c.IgnoreCaseAndAccents)
        {
            writer.WriteBoolean("ignoreCaseAndAccents", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeKind.Number:
                writer.WriteNumberValue(value.AsNumber() / 1.000000000000000000000000000000000m);
                break;
            case AttributeKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case AttributeKind.Date:
                writer.WriteStringValue(LocalDatePattern.Iso.Format(value.AsDate()));
                break;
            case AttributeKind.Text:
                writer.WriteStringValue(value.AsText());
                break;
            default:
                throw new UnreachableException($"Condition values are numbers, texts, booleans or dates; found {value.Kind}.");
        }
    }
}
