using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using CrmKit.Segmentation;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Engine;

/// <summary>
/// JSON for journeys (the format: docs/engine-semantics.md). Reading reports every problem at its JSON path;
/// references to processes, triggers and segments are checked by <see cref="JourneyValidator"/> (and by <see cref="CareEngine"/>).
/// Durations are <c>H:mm:ss</c> in hours like process definitions (<c>"2160:00:00"</c> is 90 days), local times <c>HH:mm:ss</c>.
/// </summary>
public static class JourneyJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The argument source naming the customer's number of completed orders (after the event).</summary>
    public const string CompletedOrdersSource = "customer.completedOrders";

    /// <summary>Reads a journey.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">The file name or another label for messages.</param>
    /// <param name="schema">The shop's attributes, for customer rules that read them.</param>
    /// <exception cref="InvalidJourneyException">Malformed or invalid: every problem with its path.</exception>
    public static Journey Read(string json, string origin = "(text)", RuleSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(origin);
        if (Encoding.UTF8.GetByteCount(json) > JourneyLimits.MaxJsonBytes)
        {
            throw new InvalidJourneyException(origin, [new Problem("$", $"the journey is larger than {JourneyLimits.MaxJsonBytes} bytes.")]);
        }

        if (JsonText.FindLoneSurrogate(json) is { } surrogate)
        {
            throw new InvalidJourneyException(origin, [new Problem("$", $"not valid JSON: {surrogate}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JourneyLimits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new InvalidJourneyException(origin, [new Problem("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}")]);
        }

        using (document)
        {
            var reader = new Reader(schema ?? RuleSchema.Empty);
            reader.Errors.AddRange(JsonDuplicateKeys.Find(document.RootElement));

            var journey = reader.Journey(document.RootElement, "$");
            return reader.Errors.Count == 0 && journey is not null ? journey : throw new InvalidJourneyException(origin, [.. reader.Errors.Distinct()]);
        }
    }

    /// <summary>Writes a journey, indented, in the form <see cref="Read"/> reads.</summary>
    public static string Write(Journey journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", journey.Id);
            w.WriteNumber("version", journey.Version);
            WriteIf(w, "name", journey.Name);
            WriteIf(w, "description", journey.Description);
            w.WriteString("process", journey.Process);
            w.WritePropertyName("entry");
            WriteEntry(w, journey.Entry);
            w.WriteString("correlation", Camel(journey.Correlation.ToString()));
            w.WriteString("reentry", Camel(journey.Reentry.ToString()));
            if (journey.CoolDown is { } cd)
            {
                w.WriteString("coolDown", DurationPattern.JsonRoundtrip.Format(cd));
            }

            if (!journey.Steps.IsEmpty)
            {
                w.WriteStartArray("steps");
                foreach (var s in journey.Steps)
                {
                    w.WriteStartObject();
                    w.WriteString("event", CareEventJson.TypeName(s.Event));
                    w.WriteString("trigger", s.Trigger);
                    WriteWhere(w, s.Where);
                    if (!s.Arguments.IsEmpty)
                    {
                        w.WriteStartObject("arguments");
                        foreach (var (k, v) in s.Arguments)
                        {
                            w.WriteString(k, v);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (!journey.Exits.IsEmpty)
            {
                w.WriteStartArray("exits");
                foreach (var x in journey.Exits)
                {
                    w.WriteStartObject();
                    switch (x)
                    {
                        case SegmentExitedExit s:
                            WriteSegment(w, "segmentExited", s.Segment);
                            break;
                        case EventExit e:
                            w.WriteString("type", "event");
                            WriteEvents(w, e.Events);
                            WriteWhere(w, e.Where);
                            break;
                        case RuleExit r:
                            w.WriteString("type", "rule");
                            w.WritePropertyName("rule");
                            RuleJson.Write(w, r.Rule);
                            break;
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (journey.Goal is { } goal)
            {
                w.WriteStartObject("goal");
                WriteEvents(w, goal.Events);
                WriteWhere(w, goal.Where);
                if (goal.ExitOnGoal)
                {
                    w.WriteBoolean("exitOnGoal", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteEntry(Utf8JsonWriter w, JourneyEntry entry)
    {
        w.WriteStartObject();
        switch (entry)
        {
            case EventEntry e:
                w.WriteString("type", "event");
                WriteEvents(w, e.Events);
                WriteWhere(w, e.Where);
                WriteRule(w, "customer", e.Customer);
                break;
            case SegmentEnteredEntry s:
                WriteSegment(w, "segmentEntered", s.Segment);
                break;
            case SegmentExitedEntry s:
                WriteSegment(w, "segmentExited", s.Segment);
                break;
            case OccasionEntry o:
                w.WriteString("type", "occasion");
                w.WriteString("occasion", Camel(o.Occasion.ToString()));
                w.WriteNumber("daysBefore", o.DaysBefore);
                w.WriteString("at", LocalTimePattern.ExtendedIso.Format(o.At));
                WriteRule(w, "customer", o.Customer);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter w, string type, string segment)
    {
        w.WriteString("type", type);
        w.WriteString("segment", segment);
    }

    private static void WriteRule(Utf8JsonWriter w, string name, Rule? rule)
    {
        if (rule is not null)
        {
            w.WritePropertyName(name);
            RuleJson.Write(w, rule);
        }
    }

    private static void WriteEvents(Utf8JsonWriter w, ImmutableArray<CareEventType> events)
    {
        w.WriteStartArray("events");
        foreach (var e in events)
        {
            w.WriteStringValue(CareEventJson.TypeName(e));
        }

        w.WriteEndArray();
    }

    private static void WriteWhere(Utf8JsonWriter w, EventFilter where)
    {
        if (where.Fields.IsEmpty)
        {
            return;
        }

        w.WriteStartObject("where");
        foreach (var (field, values) in where.Fields)
        {
            w.WriteStartArray(field);
            foreach (var v in values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteIf(Utf8JsonWriter w, string name, LocalizedText? value)
    {
        if (value is not null)
        {
            w.WritePropertyName(name);
            value.WriteJson(w);
        }
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>System.Text.Json's message without the location it appends (" Path: …", " LineNumber: …"), which the caller states once.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut < 0 ? message : message[..cut];
        }

        return message;
    }

    /// <summary>Reads the parts of a journey, collecting every problem.</summary>
    private sealed class Reader(RuleSchema schema)
    {
        public List<Problem> Errors { get; } = [];

        public Journey? Journey(JsonElement e, string path)
        {
            if (!Object(e, path))
            {
                return null;
            }

            Known(e, path, "id", "version", "name", "description", "process", "entry", "correlation", "reentry", "coolDown", "steps", "exits", "goal");
            var id = Id(e, path, "id");
            var version = 1;
            if (e.TryGetProperty("version", out var v))
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out version) || version < 1)
                {
                    Error($"{path}.version", "expected a whole number ≥ 1.");
                }
            }

            var name = OptionalLocalizedText(e, path, "name", 1000);
            var description = OptionalLocalizedText(e, path, "description", 10_000);
            var process = Id(e, path, "process");
            JourneyEntry? entry = null;
            if (e.TryGetProperty("entry", out var en))
            {
                entry = Entry(en, $"{path}.entry");
            }
            else
            {
                Error(path, "\"entry\" is missing: how customers enter (type event, segmentEntered, segmentExited or occasion).");
            }

            var correlation = OptionalEnum(e, path, "correlation", JourneyCorrelation.Customer);
            var reentry = OptionalEnum(e, path, "reentry", JourneyReentry.Once);
            Duration? coolDown = null;
            if (e.TryGetProperty("coolDown", out var cd))
            {
                coolDown = CoolDown(cd, $"{path}.coolDown");
                if (coolDown is not null && reentry == JourneyReentry.Once)
                {
                    Error($"{path}.coolDown", "a cool-down needs re-entry (\"reentry\": \"afterExit\" or \"always\"); with \"once\" a customer never enters again.");
                }
            }

            var steps = ImmutableArray.CreateBuilder<JourneyStep>();
            if (Array(e, path, "steps", JourneyLimits.MaxSteps) is { } stepItems)
            {
                for (var i = 0; i < stepItems.Count; i++)
                {
                    if (Step(stepItems[i], $"{path}.steps[{i}]") is { } s)
                    {
                        steps.Add(s);
                    }
                }
            }

            var exits = ImmutableArray.CreateBuilder<JourneyExit>();
            if (Array(e, path, "exits", JourneyLimits.MaxExits) is { } exitItems)
            {
                for (var i = 0; i < exitItems.Count; i++)
                {
                    if (Exit(exitItems[i], $"{path}.exits[{i}]") is { } x)
                    {
                        exits.Add(x);
                    }
                }
            }

            JourneyGoal? goal = null;
            if (e.TryGetProperty("goal", out var g) && Object(g, $"{path}.goal"))
            {
                Known(g, $"{path}.goal", "events", "where", "exitOnGoal");
                var events = Events(g, $"{path}.goal");
                var where = Where(g, $"{path}.goal", events);
                var exitOnGoal = false;
                if (g.TryGetProperty("exitOnGoal", out var x))
                {
                    if (x.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        exitOnGoal = x.GetBoolean();
                    }
                    else
                    {
                        Error($"{path}.goal.exitOnGoal", "expected true or false.");
                    }
                }

                goal = new JourneyGoal(events, where, exitOnGoal);
            }

            if (Errors.Count > 0 || id is null || process is null || entry is null)
            {
                return null;
            }

            return new Journey
            {
                Id = id, Version = version, Name = name, Description = description, Process = process, Entry = entry,
                Correlation = correlation, Reentry = reentry, CoolDown = coolDown, Steps = steps.ToImmutable(), Exits = exits.ToImmutable(), Goal = goal,
            };
        }

        private JourneyEntry? Entry(JsonElement e, string path)
        {
            if (!Object(e, path))
            {
                return null;
            }

            switch (Type(e, path, "event", "segmentEntered", "segmentExited", "occasion"))
            {
                case "event":
                {
                    Known(e, path, "type", "events", "where", "customer");
                    var events = Events(e, path);
                    var where = Where(e, path, events);
                    return new EventEntry(events, where, CustomerRule(e, path, "customer"));
                }

                case "segmentEntered":
                    Known(e, path, "type", "segment");
                    return Id(e, path, "segment") is { } entered ? new SegmentEnteredEntry(entered) : null;
                case "segmentExited":
                    Known(e, path, "type", "segment");
                    return Id(e, path, "segment") is { } exited ? new SegmentExitedEntry(exited) : null;
                case "occasion":
                {
                    Known(e, path, "type", "occasion", "daysBefore", "at", "customer");
                    var occasion = RequiredEnum<Occasion>(e, path, "occasion");
                    var daysBefore = 0;
                    if (e.TryGetProperty("daysBefore", out var d) && (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out daysBefore) || daysBefore < 0 || daysBefore > JourneyLimits.MaxDaysBefore))
                    {
                        Error($"{path}.daysBefore", $"expected a whole number of days from 0 to {JourneyLimits.MaxDaysBefore}.");
                    }

                    var at = new LocalTime(9, 0);
                    if (e.TryGetProperty("at", out var a))
                    {
                        var parsed = a.ValueKind == JsonValueKind.String ? LocalTimePattern.ExtendedIso.Parse(a.GetString()!) : null;
                        if (parsed is { Success: true })
                        {
                            at = parsed.Value;
                        }
                        else
                        {
                            Error($"{path}.at", "expected a local time HH:mm:ss (\"09:00:00\").");
                        }
                    }

                    var rule = CustomerRule(e, path, "customer");
                    return occasion is { } o ? new OccasionEntry(o, daysBefore, at, rule) : null;
                }

                default:
                    return null;
            }
        }

        private JourneyStep? Step(JsonElement e, string path)
        {
            if (!Object(e, path))
            {
                return null;
            }

            Known(e, path, "event", "trigger", "where", "arguments");
            CareEventType? type = null;
            if (!e.TryGetProperty("event", out var ev))
            {
                Error(path, "\"event\" is missing: the event type handed to the process.");
            }
            else
            {
                type = EventType(ev, $"{path}.event");
            }

            var trigger = Id(e, path, "trigger");
            var where = Where(e, path, type is { } t ? [t] : []);
            var arguments = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (e.TryGetProperty("arguments", out var args) && Object(args, $"{path}.arguments"))
            {
                foreach (var p in args.EnumerateObject())
                {
                    var at = $"{path}.arguments.{p.Name}";
                    if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                    {
                        Error(at, $"expected the name of an event field or \"{CompletedOrdersSource}\".");
                        continue;
                    }

                    var source = p.Value.GetString()!;
                    if (type is { } et && source != CompletedOrdersSource && !EventFields.Of(et).Contains(source))
                    {
                        Error(at, $"'{source}' is not a field of {CareEventJson.TypeName(et)} (fields: {Join(EventFields.Of(et).Append(CompletedOrdersSource))}).");
                        continue;
                    }

                    arguments[p.Name] = source;
                }
            }

            return type is { } tt && trigger is not null ? new JourneyStep(tt, trigger, where, arguments.ToImmutable()) : null;
        }

        private JourneyExit? Exit(JsonElement e, string path)
        {
            if (!Object(e, path))
            {
                return null;
            }

            switch (Type(e, path, "segmentExited", "event", "rule"))
            {
                case "segmentExited":
                    Known(e, path, "type", "segment");
                    return Id(e, path, "segment") is { } s ? new SegmentExitedExit(s) : null;
                case "event":
                {
                    Known(e, path, "type", "events", "where");
                    var events = Events(e, path);
                    return new EventExit(events, Where(e, path, events));
                }

                case "rule":
                    Known(e, path, "type", "rule");
                    if (!e.TryGetProperty("rule", out _))
                    {
                        Error(path, "\"rule\" is missing: the segment rule that ends the instance when it holds.");
                        return null;
                    }

                    return CustomerRule(e, path, "rule") is { } r ? new RuleExit(r) : null;
                default:
                    return null;
            }
        }

        private Rule? CustomerRule(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out var r))
            {
                return null;
            }

            var errors = new List<Problem>();
            var rule = RuleJson.Read(r, $"{path}.{name}", schema, errors);
            Errors.AddRange(errors);

            return rule;
        }

        private ImmutableArray<CareEventType> Events(JsonElement e, string path)
        {
            if (Array(e, path, "events", JourneyLimits.MaxEvents) is not { } items)
            {
                if (!e.TryGetProperty("events", out _))
                {
                    Error(path, "\"events\" is missing: a list of event types (orderPlaced, ticketOpened …).");
                }

                return [];
            }

            if (items.Count == 0)
            {
                Error($"{path}.events", "the list is empty; name at least one event type.");
            }

            var result = ImmutableArray.CreateBuilder<CareEventType>();
            for (var i = 0; i < items.Count; i++)
            {
                if (EventType(items[i], $"{path}.events[{i}]") is { } t)
                {
                    if (result.Contains(t))
                    {
                        Error($"{path}.events[{i}]", $"{CareEventJson.TypeName(t)} is listed twice.");
                    }
                    else
                    {
                        result.Add(t);
                    }
                }
            }

            return result.ToImmutable();
        }

        private CareEventType? EventType(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String && CareEventJson.ParseTypeName(e.GetString()!) is { } t)
            {
                return t;
            }

            Error(path, $"{Shown(e)} is not an event type (known: {Join(Enum.GetValues<CareEventType>().Select(CareEventJson.TypeName))}).");
            return null;
        }

        private EventFilter Where(JsonElement e, string path, ImmutableArray<CareEventType> events)
        {
            if (!e.TryGetProperty("where", out var w))
            {
                return EventFilter.None;
            }

            path += ".where";
            if (!Object(w, path))
            {
                return EventFilter.None;
            }

            var fields = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            var count = 0;
            foreach (var p in w.EnumerateObject())
            {
                if (++count > JourneyLimits.MaxFilterFields)
                {
                    Error(path, $"more than {JourneyLimits.MaxFilterFields} fields.");
                    break;
                }

                var at = $"{path}.{p.Name}";
                var missing = events.Where(t => !EventFields.Of(t).Contains(p.Name)).ToList();
                if (missing.Count > 0)
                {
                    Error(at, $"'{p.Name}' is not a field of {CareEventJson.TypeName(missing[0])} (fields: {Join(EventFields.Of(missing[0]))}).");
                    continue;
                }

                var values = ImmutableArray.CreateBuilder<string>();
                if (p.Value.ValueKind == JsonValueKind.String)
                {
                    values.Add(p.Value.GetString()!);
                }
                else if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        if (i >= JourneyLimits.MaxFilterValues)
                        {
                            Error(at, $"more than {JourneyLimits.MaxFilterValues} values.");
                            break;
                        }

                        if (Scalar(item) is { } s)
                        {
                            values.Add(s);
                        }
                        else
                        {
                            Error($"{at}[{i}]", "expected a text, number or true/false value.");
                        }

                        i++;
                    }

                    if (i == 0)
                    {
                        Error(at, "the list is empty; no event could match.");
                    }
                }
                else if (Scalar(p.Value) is { } one)
                {
                    values.Add(one);
                }
                else
                {
                    Error(at, "expected a value or a list of values.");
                }

                foreach (var value in values)
                {
                    if (value.Length > JourneyLimits.MaxTextLength)
                    {
                        Error(at, $"a value is longer than {JourneyLimits.MaxTextLength} characters.");
                    }
                    else if (events.Select(t => EventFields.Allowed(t, p.Name)).FirstOrDefault(a => a is not null && !a.Contains(value, StringComparer.OrdinalIgnoreCase)) is { } allowed)
                    {
                        Error(at, $"'{value}' is not a {p.Name} here (known: {Join(allowed)}).");
                    }
                }

                fields[p.Name] = values.ToImmutable();
            }

            return new EventFilter(fields.ToImmutable());
        }

        private static string? Scalar(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        private Duration? CoolDown(JsonElement e, string path)
        {
            var parsed = e.ValueKind == JsonValueKind.String ? DurationPattern.JsonRoundtrip.Parse(e.GetString()!) : null;
            if (parsed is not { Success: true })
            {
                Error(path, "expected a duration in hours, minutes and seconds, H:mm:ss (\"2160:00:00\" is 90 days).");
                return null;
            }

            if (parsed.Value <= Duration.Zero || parsed.Value > Duration.FromDays(JourneyLimits.MaxCoolDownDays))
            {
                Error(path, $"expected more than zero and at most {JourneyLimits.MaxCoolDownDays} days.");
                return null;
            }

            return parsed.Value;
        }

        private string? Type(JsonElement e, string path, params string[] known)
        {
            if (!e.TryGetProperty("type", out var t))
            {
                Error(path, $"\"type\" is missing: one of {Join(known)}.");
                return null;
            }

            var type = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null || !known.Contains(type))
            {
                Error($"{path}.type", $"{Shown(t)} is not a type here (known: {Join(known)}).");
                return null;
            }

            return type;
        }

        private List<JsonElement>? Array(JsonElement e, string path, string name, int max)
        {
            if (!e.TryGetProperty(name, out var a))
            {
                return null;
            }

            if (a.ValueKind != JsonValueKind.Array)
            {
                Error($"{path}.{name}", "expected a list.");
                return null;
            }

            if (a.GetArrayLength() > max)
            {
                Error($"{path}.{name}", $"more than {max} items.");
                return null;
            }

            return [.. a.EnumerateArray()];
        }

        private string? Id(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out var v))
            {
                Error(path, $"\"{name}\" is missing.");
                return null;
            }

            var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (string.IsNullOrWhiteSpace(text) || text.Length > JourneyLimits.MaxTextLength || text.Trim() != text)
            {
                Error($"{path}.{name}", $"expected a non-blank text of at most {JourneyLimits.MaxTextLength} characters without surrounding spaces.");
                return null;
            }

            return text;
        }

        private LocalizedText? OptionalLocalizedText(JsonElement e, string path, string name, int max)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (!LocalizedText.TryReadJson(v, $"{path}.{name}", max, out var text, out var problem))
            {
                Error(problem.Location, problem.Message);
            }

            return text;
        }

        private T OptionalEnum<T>(JsonElement e, string path, string name, T fallback)
            where T : struct, Enum
            => e.TryGetProperty(name, out _) ? RequiredEnum<T>(e, path, name) ?? fallback : fallback;

        private T? RequiredEnum<T>(JsonElement e, string path, string name)
            where T : struct, Enum
        {
            if (!e.TryGetProperty(name, out var v))
            {
                Error(path, $"\"{name}\" is missing (one of {Join(Enum.GetNames<T>().Select(Camel))}).");
                return null;
            }

            var text = v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            if (EventFields.Parse<T>(text) is { } value)
            {
                return value;
            }

            Error($"{path}.{name}", $"{Shown(v)} is not one of {Join(Enum.GetNames<T>().Select(Camel))}.");
            return null;
        }

        private bool Object(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, "expected an object.");
            return false;
        }

        private void Known(JsonElement e, string path, params string[] names)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (!names.Contains(p.Name, StringComparer.Ordinal))
                {
                    Error($"{path}.{p.Name}", $"unknown property (known here: {Join(names)}).");
                }
            }
        }

        private void Error(string path, string message) => Errors.Add(new Problem(path, message));

        private static string Shown(JsonElement e) => e.ValueKind == JsonValueKind.String ? $"'{e.GetString()}'" : e.GetRawText() is { Length: <= 40 } raw ? raw : e.ValueKind.ToString();
    }

    internal static string Join(IEnumerable<string> items) => string.Join(", ", items);
}
