using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// A <see cref="SegmentCatalog"/> as JSON (the format of <c>docs/segmentation.md</c> and <c>seeds/segments.json</c>):
/// written indented in a stable order, read reporting every problem with its JSON path.
/// </summary>
internal static class SegmentCatalogJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a catalogue as JSON (indented, stable order).</summary>
    public static string Write(SegmentCatalog catalog)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            if (catalog.Schema.Attributes.Count > 0)
            {
                w.WriteStartObject("attributes");
                foreach (var (name, kind) in catalog.Schema.Attributes)
                {
                    w.WriteString(name, Json.Camel(kind.ToString()));
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("rfm");
            w.WriteString("method", Json.Camel(catalog.Rfm.Method.ToString()));
            if (catalog.Rfm.WindowDays is { } days)
            {
                w.WriteNumber("windowDays", days);
            }

            if (catalog.Rfm.Thresholds is { } t)
            {
                WriteArray(w, "recencyDays", t.Recency.Select(x => (decimal)x));
                WriteArray(w, "frequency", t.Frequency);
                WriteArray(w, "monetary", t.Monetary);
            }

            w.WriteEndObject();
            w.WriteStartArray("segments");
            foreach (var s in catalog.Segments)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WritePropertyName("name");
                s.Name.WriteJson(w);
                if (s.Description is { } d)
                {
                    w.WritePropertyName("description");
                    d.WriteJson(w);
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
        if (CrmKit.Customers.Serialization.JsonText.FindLoneSurrogate(json) is { } problem)
        {
            throw new InvalidRuleException([new Problem("$", $"not valid JSON: {problem}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = RuleLimits.MaxJsonDepth + 8 });
        }
        catch (JsonException e)
        {
            throw new InvalidRuleException([new Problem("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" LineNumber: ")[0]}")]);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static SegmentCatalog Read(JsonElement root)
    {
        var errors = new List<Problem>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRuleException([new Problem("$", "expected an object with 'segments'.")]);
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
            errors.Add(new("$.segments", SegmentCatalogValidator.TooManySegments(list.GetArrayLength())));
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

    private static RfmScoring ReadRfm(JsonElement e, List<Problem> errors)
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

    private static Segment? ReadSegment(JsonElement e, string path, RuleSchema schema, List<Problem> errors)
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

        LocalizedText? Localized(string name, bool required)
        {
            if (!e.TryGetProperty(name, out var t))
            {
                if (required)
                {
                    errors.Add(new(path, $"a segment needs '{name}'."));
                }

                return null;
            }

            if (!LocalizedText.TryReadJson(t, $"{path}.{name}", int.MaxValue, out var text, out var problem))
            {
                errors.Add(problem);
            }

            return text;
        }

        var name = Localized("name", true);
        var description = Localized("description", false);
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
