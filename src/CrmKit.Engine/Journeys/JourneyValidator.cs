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

/// <summary>Checks journeys against the processes and segments they name.</summary>
public static class JourneyValidator
{
    /// <summary>
    /// Every problem of the journeys against the processes and catalogue, each as <c>{versioned id}: $.path: problem</c>:
    /// an unknown process, trigger, argument or segment, a trigger argument of the wrong kind, the same versioned id twice.
    /// </summary>
    public static ImmutableArray<Problem> Validate(IEnumerable<Journey> journeys, IEnumerable<ProcessDefinition> processes, SegmentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(catalog);
        var byId = new Dictionary<string, ProcessDefinition>(StringComparer.Ordinal);
        foreach (var p in processes)
        {
            byId.TryAdd(p.Id, p);
        }

        var segments = catalog.Segments.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<Problem>();
        foreach (var j in journeys)
        {
            ArgumentNullException.ThrowIfNull(j);
            void Error(string path, string message) => errors.Add(new Problem($"{j.VersionedId}: {path}", message));
            if (!seen.Add(j.VersionedId))
            {
                Error("$.version", $"{j.VersionedId} is listed twice; raise the version of an edited journey.");
            }

            void Segment(string path, string id)
            {
                if (!segments.Contains(id))
                {
                    Error(path, $"no segment '{id}' in the catalogue (known: {JourneyJson.Join(segments.Order(StringComparer.Ordinal))}).");
                }
            }

            switch (j.Entry)
            {
                case SegmentEnteredEntry s:
                    Segment("$.entry.segment", s.Segment);
                    break;
                case SegmentExitedEntry s:
                    Segment("$.entry.segment", s.Segment);
                    break;
            }

            if (j.Entry is OccasionEntry or SegmentEnteredEntry or SegmentExitedEntry && j.Correlation != JourneyCorrelation.Customer)
            {
                Error("$.correlation", "a journey entered on a segment or an occasion is correlated by customer (\"customer\").");
            }

            if (j.Entry is EventEntry ee && j.Correlation != JourneyCorrelation.Customer)
            {
                foreach (var t in ee.Events.Where(t => !EventFields.Correlates(t, j.Correlation)))
                {
                    Error("$.entry.events", $"{CareEventJson.TypeName(t)} names no {JourneyJson.Camel(j.Correlation.ToString())}, so it cannot start an instance correlated by {JourneyJson.Camel(j.Correlation.ToString())}.");
                }
            }

            for (var i = 0; i < j.Exits.Length; i++)
            {
                if (j.Exits[i] is SegmentExitedExit sx)
                {
                    Segment($"$.exits[{i}].segment", sx.Segment);
                }
            }

            foreach (var (rule, path) in Rules(j))
            {
                foreach (var id in SegmentReferences(rule))
                {
                    Segment(path, id);
                }
            }

            if (!byId.TryGetValue(j.Process, out var process))
            {
                Error("$.process", $"no process '{j.Process}' (known: {JourneyJson.Join(byId.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            for (var i = 0; i < j.Steps.Length; i++)
            {
                var s = j.Steps[i];
                var t = process.TriggerIndex(s.Trigger);
                if (t < 0)
                {
                    Error($"$.steps[{i}].trigger", $"process '{process.Id}' has no trigger '{s.Trigger}' (known: {JourneyJson.Join(process.Model.Triggers.Select(x => x.Id))}).");
                    continue;
                }

                var parameters = process.Model.Triggers.First(x => x.Id == s.Trigger).Parameters;
                foreach (var (name, source) in s.Arguments)
                {
                    var p = parameters.FirstOrDefault(x => x.Name == name);
                    if (p is null)
                    {
                        Error($"$.steps[{i}].arguments.{name}", $"trigger '{s.Trigger}' has no parameter '{name}' (parameters: {JourneyJson.Join(parameters.Select(x => x.Name))}).");
                    }
                    else if (EventFields.KindOf(source) is { } kind && kind != p.Kind)
                    {
                        Error($"$.steps[{i}].arguments.{name}", $"'{source}' is a {kind} but parameter '{name}' is a {p.Kind}.");
                    }
                }
            }
        }

        return errors.ToImmutable();
    }

    private static IEnumerable<(Rule Rule, string Path)> Rules(Journey j)
    {
        if (j.Entry is EventEntry { Customer: { } a })
        {
            yield return (a, "$.entry.customer");
        }

        if (j.Entry is OccasionEntry { Customer: { } b })
        {
            yield return (b, "$.entry.customer");
        }

        for (var i = 0; i < j.Exits.Length; i++)
        {
            if (j.Exits[i] is RuleExit r)
            {
                yield return (r.Rule, $"$.exits[{i}].rule");
            }
        }
    }

    internal static IEnumerable<string> SegmentReferences(Rule rule)
    {
        var found = new List<string>();
        try
        {
            new RuleCompiler().Compile(rule, id =>
            {
                found.Add(id);
                return 0;
            });
        }
        catch (InvalidRuleException)
        {
            // Reported elsewhere; the references found so far are still checked.
        }

        return found;
    }
}
