using System.Diagnostics;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// A validated set of segments: ids unique, every referenced segment present, no cycle of references (through
/// exclusivity groups too), distinct priorities within each group, rules typed against one
/// <see cref="RuleSchema"/>. Immutable and thread-safe. Read and written as JSON (see <c>docs/segmentation.md</c>).
/// </summary>
public sealed class SegmentCatalog
{
    private readonly FrozenDictionary<string, int> _index;
    private readonly Dictionary<string, Rule> _membershipRules = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a catalogue, checking it.</summary>
    /// <exception cref="InvalidRuleException">Every problem found, each with the JSON path of the segment.</exception>
    public SegmentCatalog(IEnumerable<Segment> segments, RuleSchema? schema = null, RfmScoring? rfm = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Segments = [.. segments];
        Schema = schema ?? RuleSchema.Empty;
        Rfm = rfm ?? RfmScoring.Default;
        if (Segments.Length > RuleLimits.MaxSegments)
        {
            throw new InvalidRuleException([new RuleError("$.segments", TooManySegments(Segments.Length))]);
        }

        var errors = new List<RuleError>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Segments.Length; i++)
        {
            if (!index.TryAdd(Segments[i].Id, i))
            {
                errors.Add(new($"$.segments[{i}].id", $"duplicate segment id '{Segments[i].Id}' (first at $.segments[{index[Segments[i].Id]}])."));
            }
        }

        _index = index.ToFrozenDictionary(StringComparer.Ordinal);
        for (var i = 0; i < Segments.Length; i++)
        {
            if (!RuleLimits.Check(Segments[i].Rule, $"$.segments[{i}].rule", errors))
            {
                continue;
            }

            foreach (var reference in Segments[i].Rule.SegmentReferences().Distinct())
            {
                if (!_index.ContainsKey(reference))
                {
                    errors.Add(new($"$.segments[{i}].rule", $"refers to unknown segment '{reference}'."));
                }
            }

            foreach (var attribute in Attributes(Segments[i].Rule))
            {
                if (!Schema.Attributes.TryGetValue(attribute.AttributeName!, out var declared) || declared != attribute.AttributeKind)
                {
                    errors.Add(new($"$.segments[{i}].rule", $"attribute '{attribute.AttributeName}' is not declared as {attribute.AttributeKind?.ToString().ToLowerInvariant()} in the schema."));
                }
            }
        }

        foreach (var group in Segments.Select((s, i) => (s, i)).Where(x => x.s.ExclusiveGroup is not null).GroupBy(x => x.s.ExclusiveGroup))
        {
            foreach (var tie in group.GroupBy(x => x.s.Priority).Where(g => g.Count() > 1))
            {
                errors.Add(new($"$.segments[{tie.Skip(1).First().i}].priority",
                    $"segments {string.Join(", ", tie.Select(x => $"'{x.s.Id}'"))} of exclusivity group '{group.Key}' share priority {tie.Key}; priorities within a group must differ."));
            }
        }

        if (errors.Count == 0)
        {
            EvaluationOrder = Order(errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidRuleException(errors);
        }
    }

    /// <summary>The segments, in declaration order (the order of classification results).</summary>
    public ImmutableArray<Segment> Segments { get; }

    /// <summary>The attributes rules may use.</summary>
    public RuleSchema Schema { get; }

    /// <summary>How RFM scores are given before classification.</summary>
    public RfmScoring Rfm { get; }

    /// <summary>Indexes of <see cref="Segments"/> in an order where every segment comes after the segments (and whole groups) it refers to.</summary>
    public ImmutableArray<int> EvaluationOrder { get; } = [];

    /// <summary>The exclusivity groups, each with its members' indexes from highest to lowest priority.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<int>> Groups => field ??= Segments.Select((s, i) => (s, i))
        .Where(x => x.s.ExclusiveGroup is not null)
        .GroupBy(x => x.s.ExclusiveGroup!, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(x => x.s.Priority).Select(x => x.i).ToImmutableArray(), StringComparer.Ordinal);

    /// <summary>The segment with an id.</summary>
    /// <exception cref="KeyNotFoundException">No such segment.</exception>
    public Segment this[string id] => Segments[IndexOf(id)];

    /// <summary>The position of a segment.</summary>
    /// <exception cref="KeyNotFoundException">No such segment.</exception>
    public int IndexOf(string id)
        => _index.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"No segment '{id}'. Known: {string.Join(", ", Segments.Select(s => s.Id))}.");

    /// <summary>Whether a segment exists.</summary>
    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>
    /// The rule for final membership of a segment, with no segment references left: its own rule, minus the
    /// higher-priority members of its group, with every referenced segment replaced by its membership rule.
    /// The LINQ expression and SQL evaluate this. References used several times are shared in memory, but the
    /// expression built from the rule is a tree, so its size is checked: it may hold at most
    /// <see cref="RuleLimits.MaxExpandedConditions"/> conditions.
    /// </summary>
    /// <exception cref="InvalidRuleException">Inlining the references gives more than <see cref="RuleLimits.MaxExpandedConditions"/> conditions.</exception>
    public Rule MembershipRule(string id)
    {
        lock (_gate)
        {
            return MembershipRuleLocked(id);
        }
    }

    private Rule MembershipRuleLocked(string id)
    {
        if (_membershipRules.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var segment = this[id];
        var own = Expand(segment.Rule);
        if (segment.ExclusiveGroup is { } group)
        {
            var higher = Groups[group].Select(i => Segments[i]).Where(s => s.Priority > segment.Priority).Select(s => (Rule)new NotRule(Expand(s.Rule))).ToList();
            if (higher.Count > 0)
            {
                own = new AllRule([own, .. higher]);
            }
        }

        if (ExpandedConditions(own) is var size && size > RuleLimits.MaxExpandedConditions)
        {
            var count = size == long.MaxValue ? "more than 9.2e18" : size.ToString("N0", CultureInfo.InvariantCulture);
            var message = string.Create(CultureInfo.InvariantCulture, $"segment '{id}' expands to {count} conditions when its segment references are written out for LINQ or SQL; at most {RuleLimits.MaxExpandedConditions:N0} (RuleLimits.MaxExpandedConditions). The classifier and the interpreter are not limited by this.");
            throw new InvalidRuleException([new RuleError($"$.segments[{IndexOf(id)}].rule", message)]);
        }

        _membershipRules[id] = own;
        return own;
    }

    /// <summary>
    /// The number of conditions of a rule counted as a tree (a shared subtree once per use), computed over the
    /// shared nodes once each (memoised by reference), so in time linear in the rule as held in memory. Saturates
    /// at <see cref="long.MaxValue"/>.
    /// </summary>
    private static long ExpandedConditions(Rule rule)
    {
        var sizes = new Dictionary<Rule, long>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Rule Rule, bool ChildrenDone)>();
        stack.Push((rule, false));
        while (stack.Count > 0)
        {
            var (r, childrenDone) = stack.Pop();
            if (sizes.ContainsKey(r))
            {
                continue;
            }

            if (!childrenDone)
            {
                stack.Push((r, true));
                foreach (var child in r.Children)
                {
                    stack.Push((child, false));
                }

                continue;
            }

            var size = r is Condition ? 1L : 0L;
            foreach (var child in r.Children)
            {
                size = size > long.MaxValue - sizes[child] ? long.MaxValue : size + sizes[child];
            }

            sizes[r] = size;
        }

        return sizes[rule];
    }

    private Rule Expand(Rule rule) => rule switch
    {
        SegmentRule s => MembershipRuleLocked(s.SegmentId),
        AllRule a => new AllRule([.. a.Rules.Select(Expand)]),
        AnyRule a => new AnyRule([.. a.Rules.Select(Expand)]),
        NotRule n => new NotRule(Expand(n.Rule)),
        ConstantRule or Condition => rule,
        _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
    };

    /// <summary>
    /// Whether a customer belongs to a segment, by the reference interpreter. Every segment the answer depends on is
    /// evaluated once (in <see cref="EvaluationOrder"/>), so the cost is linear in the catalogue however the
    /// segments refer to each other.
    /// </summary>
    public bool Evaluate(string id, CustomerRecord record, EvaluationContext context)
    {
        var index = IndexOf(id);
        return Memberships(record, context).Final[index];
    }

    /// <summary>
    /// Explains a segment's own rule for a customer (referenced segments answered by the interpreter, each evaluated
    /// once), and whether a higher-priority group member took the customer.
    /// </summary>
    public Explanation Explain(string id, CustomerRecord record, EvaluationContext context)
    {
        var index = IndexOf(id);
        return Explain(index, record, context, Memberships(record, context));
    }

    /// <summary>
    /// Explains every segment for a customer, in declaration order: the memberships are computed once and each
    /// segment's own rule is explained once, so the cost is linear in the catalogue (references to other segments
    /// are answered from the computed memberships, never re-explained).
    /// </summary>
    public IReadOnlyList<Explanation> Explain(CustomerRecord record, EvaluationContext context)
    {
        var memberships = Memberships(record, context);
        return [.. Enumerable.Range(0, Segments.Length).Select(i => Explain(i, record, context, memberships))];
    }

    private Explanation Explain(int index, CustomerRecord record, EvaluationContext context, (bool[] Own, bool[] Final) memberships)
    {
        var segment = Segments[index];
        var own = RuleInterpreter.Explain(segment.Rule, record, context, s => memberships.Final[_index[s]]);
        if (segment.ExclusiveGroup is not { } group)
        {
            return own;
        }

        var taken = Groups[group].Select(i => Segments[i]).Where(s => s.Priority > segment.Priority).FirstOrDefault(s => memberships.Own[_index[s.Id]]);
        var reason = taken is null ? $"no higher-priority segment of group '{group}' matched" : $"taken by higher-priority '{taken.Id}' of group '{group}'";
        return new Explanation(MembershipRule(segment.Id), own.Holds && taken is null, reason, [own]);
    }

    /// <summary>
    /// Every segment's own rule (<c>Own</c>) and final membership after its exclusivity group (<c>Final</c>) for one
    /// customer, by the reference interpreter, each segment evaluated once in <see cref="EvaluationOrder"/>. A group's
    /// members are contiguous in that order and nothing in the group refers to the group, so each group is resolved
    /// as soon as its last member is known.
    /// </summary>
    private (bool[] Own, bool[] Final) Memberships(CustomerRecord record, EvaluationContext context)
    {
        var own = new bool[Segments.Length];
        var final = new bool[Segments.Length];
        for (var k = 0; k < EvaluationOrder.Length; k++)
        {
            var i = EvaluationOrder[k];
            own[i] = RuleInterpreter.Evaluate(Segments[i].Rule, record, context, id => final[_index[id]]);
            final[i] = own[i];
            if (Segments[i].ExclusiveGroup is { } group && (k == EvaluationOrder.Length - 1 || Segments[EvaluationOrder[k + 1]].ExclusiveGroup != group))
            {
                var taken = false;
                foreach (var member in Groups[group])
                {
                    final[member] = own[member] && !taken;
                    taken |= own[member];
                }
            }
        }

        return (own, final);
    }

    /// <summary>The ids of the segments a customer belongs to, by the reference interpreter (slow; for checks and explanations).</summary>
    public IReadOnlyList<string> ClassifyInterpreted(CustomerRecord record, EvaluationContext context)
    {
        var final = Memberships(record, context).Final;
        return [.. Segments.Where((_, i) => final[i]).Select(s => s.Id)];
    }

    private static IEnumerable<Field> Attributes(Rule rule)
        => rule is Condition { Field.Kind: FieldKind.Attribute } c ? [c.Field] : rule.Children.SelectMany(Attributes);

    /// <summary>
    /// Topological order over units (a lone segment, or a whole exclusivity group), with the first cycle reported with
    /// its path and the first chain of references deeper than <see cref="RuleLimits.MaxReferenceDepth"/> reported.
    /// An iterative depth-first search (an explicit stack), so a chain of any length cannot overflow the call stack;
    /// linear in segments plus references.
    /// </summary>
    private ImmutableArray<int> Order(List<RuleError> errors)
    {
        string Unit(int i) => Segments[i].ExclusiveGroup is { } g ? "group:" + g : "segment:" + Segments[i].Id;
        string Name(string u) => u.StartsWith("group:", StringComparison.Ordinal) ? $"group '{u[6..]}'" : $"'{u[8..]}'";
        var units = Enumerable.Range(0, Segments.Length).GroupBy(Unit).ToDictionary(g => g.Key, g => g.ToList());
        var dependsOn = units.ToDictionary(u => u.Key, u => u.Value.SelectMany(i => Segments[i].Rule.SegmentReferences()).Select(id => Unit(_index[id])).Distinct().ToList());
        var order = new List<int>();
        var state = new Dictionary<string, int>();
        var depth = new Dictionary<string, int>();
        var deepest = new Dictionary<string, string?>();
        var stack = new List<(string Unit, int Next)>();
        var tooDeep = false;
        foreach (var root in units.Keys.OrderBy(u => units[u][0]))
        {
            if (state.GetValueOrDefault(root) == 2)
            {
                continue;
            }

            state[root] = 1;
            stack.Add((root, 0));
            while (stack.Count > 0)
            {
                var (unit, next) = stack[^1];
                if (next < dependsOn[unit].Count)
                {
                    stack[^1] = (unit, next + 1);
                    var d = dependsOn[unit][next];
                    switch (state.GetValueOrDefault(d))
                    {
                        case 0:
                            state[d] = 1;
                            stack.Add((d, 0));
                            break;
                        case 1:
                            var cycle = stack.Select(x => x.Unit).SkipWhile(u => u != d).Append(d).Select(Name);
                            errors.Add(new($"$.segments[{units[d][0]}].rule", $"segment references form a cycle: {string.Join(" → ", cycle)}."));
                            return [];
                    }

                    continue;
                }

                stack.RemoveAt(stack.Count - 1);
                state[unit] = 2;
                var below = dependsOn[unit].Count == 0 ? null : dependsOn[unit].MaxBy(x => depth[x]);
                depth[unit] = below is null ? 0 : depth[below] + 1;
                deepest[unit] = below;
                if (depth[unit] > RuleLimits.MaxReferenceDepth && !tooDeep)
                {
                    var chain = new List<string>();
                    for (var u = unit; u is not null && chain.Count < 6; u = deepest[u])
                    {
                        chain.Add(Name(u));
                    }

                    errors.Add(new($"$.segments[{units[unit][0]}].rule", string.Create(CultureInfo.InvariantCulture,
                        $"segment references nest {depth[unit]} deep ({string.Join(" → ", chain)} → …); at most {RuleLimits.MaxReferenceDepth} are allowed (RuleLimits.MaxReferenceDepth).")));
                    tooDeep = true;
                }

                order.AddRange(units[unit]);
            }
        }

        return [.. order];
    }

    private static string TooManySegments(int count)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} segments; a catalogue holds at most {RuleLimits.MaxSegments:N0} (RuleLimits.MaxSegments).");

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the catalogue as JSON (indented, stable order).</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            if (Schema.Attributes.Count > 0)
            {
                w.WriteStartObject("attributes");
                foreach (var (name, kind) in Schema.Attributes)
                {
                    w.WriteString(name, Json.Camel(kind.ToString()));
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("rfm");
            w.WriteString("method", Json.Camel(Rfm.Method.ToString()));
            if (Rfm.WindowDays is { } days)
            {
                w.WriteNumber("windowDays", days);
            }

            if (Rfm.Thresholds is { } t)
            {
                WriteArray(w, "recencyDays", t.Recency.Select(x => (decimal)x));
                WriteArray(w, "frequency", t.Frequency);
                WriteArray(w, "monetary", t.Monetary);
            }

            w.WriteEndObject();
            w.WriteStartArray("segments");
            foreach (var s in Segments)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteString("name", s.Name);
                if (s.Description is { } d)
                {
                    w.WriteString("description", d);
                }

                if (s.ExclusiveGroup is { } g)
                {
                    w.WriteString("group", g);
                }

                if (s.Priority != 0)
                {
                    w.WriteNumber("priority", s.Priority);
                }

                w.WritePropertyName("rule");
                RuleJson.Write(w, s.Rule);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<decimal> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Reads a catalogue from JSON, reporting every problem with its JSON path.</summary>
    /// <exception cref="InvalidRuleException">The JSON is malformed or the catalogue invalid.</exception>
    public static SegmentCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (CrmKit.Customers.Serialization.JsonText.FindLoneSurrogate(json) is { } problem)
        {
            throw new InvalidRuleException([new RuleError("$", $"not valid JSON: {problem}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = RuleLimits.MaxJsonDepth + 8 });
        }
        catch (JsonException e)
        {
            throw new InvalidRuleException([new RuleError("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" LineNumber: ")[0]}")]);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static SegmentCatalog Read(JsonElement root)
    {
        var errors = new List<RuleError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRuleException([new RuleError("$", "expected an object with 'segments'.")]);
        }

        errors.AddRange(RuleJson.DuplicateKeys(root, "$"));
        string[] known = ["version", "attributes", "rfm", "segments"];
        foreach (var p in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(new($"$.{p.Name}", $"unknown property '{p.Name}'; a catalogue has: {string.Join(", ", known)}."));
        }

        if (root.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 1))
        {
            errors.Add(new("$.version", $"unsupported version {version.GetRawText()}; this library reads version 1."));
        }

        var schema = RuleSchema.Empty;
        if (root.TryGetProperty("attributes", out var attributes))
        {
            if (attributes.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new("$.attributes", "expected an object of attribute names to kinds."));
            }
            else
            {
                foreach (var a in attributes.EnumerateObject())
                {
                    if (a.Value.ValueKind == JsonValueKind.String && Choices.Canonical(typeof(AttributeKind), a.Value.GetString()!) is not null)
                    {
                        schema = schema.WithAttribute(a.Name, (AttributeKind)Choices.Value(typeof(AttributeKind), a.Value.GetString()!));
                    }
                    else
                    {
                        errors.Add(new($"$.attributes.{a.Name}", $"expected an attribute kind ({string.Join(", ", Choices.Names(typeof(AttributeKind)))}), found {a.Value.GetRawText()}."));
                    }
                }
            }
        }

        var rfm = root.TryGetProperty("rfm", out var rfmElement) ? ReadRfm(rfmElement, errors) : RfmScoring.Default;
        var segments = new List<Segment>();
        if (!root.TryGetProperty("segments", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("$.segments", "expected an array of segments."));
        }
        else if (list.GetArrayLength() > RuleLimits.MaxSegments)
        {
            errors.Add(new("$.segments", TooManySegments(list.GetArrayLength())));
        }
        else
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (ReadSegment(item, $"$.segments[{i}]", schema, errors) is { } s)
                {
                    segments.Add(s);
                }

                i++;
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidRuleException(errors);
        }

        return new SegmentCatalog(segments, schema, rfm);
    }

    private static RfmScoring ReadRfm(JsonElement e, List<RuleError> errors)
    {
        var before = errors.Count;
        string? method = e.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (method is not ("quintiles" or "fixed"))
        {
            errors.Add(new("$.rfm.method", "expected 'quintiles' or 'fixed'."));
            return RfmScoring.Default;
        }

        int? window = null;
        if (e.TryGetProperty("windowDays", out var w))
        {
            if (w.ValueKind == JsonValueKind.Number && w.TryGetInt32(out var days) && days is >= 1 and <= RfmThresholds.MaxDays)
            {
                window = days;
            }
            else
            {
                errors.Add(new("$.rfm.windowDays", string.Create(CultureInfo.InvariantCulture, $"expected a whole number of days from 1 to {RfmThresholds.MaxDays:N0}, found {w.GetRawText()}.")));
            }
        }

        if (method == "quintiles")
        {
            return errors.Count > before ? RfmScoring.Default : RfmScoring.Quintiles(window);
        }

        decimal[]? Bounds(string name)
        {
            if (!e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != 4
                || a.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
            {
                errors.Add(new($"$.rfm.{name}", "expected 4 numbers: the bounds for scores 2, 3, 4 and 5."));
                return null;
            }

            var bounds = new decimal[4];
            var i = 0;
            foreach (var x in a.EnumerateArray())
            {
                if (!ExactDecimal.TryGet(x, out bounds[i]))
                {
                    errors.Add(new($"$.rfm.{name}[{i}]", ExactDecimal.OutOfRange(x.GetRawText())));
                    return null;
                }

                i++;
            }

            return bounds;
        }

        var (r, f, mo) = (Bounds("recencyDays"), Bounds("frequency"), Bounds("monetary"));
        if (r is not null && Array.FindIndex(r, x => x != decimal.Truncate(x) || x is < 0 or > RfmThresholds.MaxDays) is var bad and >= 0)
        {
            errors.Add(new($"$.rfm.recencyDays[{bad}]", string.Create(CultureInfo.InvariantCulture, $"expected a whole number of days from 0 to {RfmThresholds.MaxDays:N0}, found {r[bad]}.")));
        }

        if (r is null || f is null || mo is null || errors.Count > before)
        {
            return RfmScoring.Default;
        }

        try
        {
            return RfmScoring.Fixed(new RfmThresholds([.. r.Select(x => (long)x)], [.. f], [.. mo], window));
        }
        catch (InvalidValueException x)
        {
            errors.Add(new("$.rfm", x.Message));
            return RfmScoring.Default;
        }
    }

    private static Segment? ReadSegment(JsonElement e, string path, RuleSchema schema, List<RuleError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "expected a segment object."));
            return null;
        }

        string[] known = ["id", "name", "description", "group", "priority", "rule"];
        foreach (var p in e.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(new($"{path}.{p.Name}", $"unknown property '{p.Name}'; a segment has: {string.Join(", ", known)}."));
        }

        string? Text(string name, bool required)
        {
            if (!e.TryGetProperty(name, out var t))
            {
                if (required)
                {
                    errors.Add(new(path, $"a segment needs '{name}'."));
                }

                return null;
            }

            if (t.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(t.GetString()))
            {
                errors.Add(new($"{path}.{name}", $"expected a non-empty string, found {t.GetRawText()}."));
                return null;
            }

            return t.GetString();
        }

        var before = errors.Count;
        var id = Text("id", true);
        if (id is not null && !Segment.IsValidId(id))
        {
            errors.Add(new($"{path}.id", $"'{id}' is not a valid id: use lower-case letters, digits and dashes, starting with a letter."));
        }

        var name = Text("name", true);
        var description = Text("description", false);
        var group = Text("group", false);
        var priority = 0;
        if (e.TryGetProperty("priority", out var p1) && !(p1.ValueKind == JsonValueKind.Number && p1.TryGetInt32(out priority)))
        {
            errors.Add(new($"{path}.priority", $"expected a whole number, found {p1.GetRawText()}."));
        }

        Rule? rule = null;
        if (!e.TryGetProperty("rule", out var r))
        {
            errors.Add(new(path, "a segment needs 'rule'."));
        }
        else
        {
            rule = RuleJson.ReadRule(r, $"{path}.rule", schema, errors);
        }

        return errors.Count > before ? null : new Segment(id!, name!, rule!) { Description = description, ExclusiveGroup = group, Priority = priority };
    }
}
