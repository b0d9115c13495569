using System.Collections.Frozen;
using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;

namespace CrmKit.Engine;

/// <summary>A journey ready to run: its process, compiled rules and steps indexed by event type.</summary>
internal sealed class CompiledJourney
{
    private static readonly CompiledStep[] NoSteps = [];
    private readonly FrozenDictionary<CareEventType, CompiledStep[]> _steps;

    public CompiledJourney(Journey journey, ProcessDefinition process, SegmentCatalog catalog, RuleCompiler compiler, bool latest)
    {
        Journey = journey;
        VersionedId = journey.VersionedId;
        Process = process;
        Latest = latest;
        EntryRule = journey.Entry switch
        {
            EventEntry { Customer: { } r } => Compile(r),
            OccasionEntry { Customer: { } r } => Compile(r),
            _ => null,
        };
        Leaves = ProcessStep.Leaves(process);
        ExitRules = [.. journey.Exits.Select(x => x is RuleExit r ? Compile(r.Rule) : null)];
        _steps = journey.Steps
            .Select(s => new CompiledStep(s, process.Model.Triggers.FirstOrDefault(t => t.Id == s.Trigger)?.Parameters ?? [], process.TriggerIndex(s.Trigger)))
            .GroupBy(s => s.Step.Event)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());

        CompiledRule Compile(Rule rule) => compiler.Compile(rule, catalog.IndexOf);
    }

    public Journey Journey { get; }

    public string VersionedId { get; }

    public ProcessDefinition Process { get; }

    /// <summary>Whether this is the highest version of its id (the one that enrols).</summary>
    public bool Latest { get; }

    /// <summary>Per state index of <see cref="Process"/>, whether the state has no children (<see cref="ProcessStep.Leaves"/>).</summary>
    public bool[] Leaves { get; }

    public CompiledRule? EntryRule { get; }

    /// <summary>The compiled rule of each exit (none for exits that are not rules), aligned with <see cref="Journey.Exits"/>.</summary>
    public ImmutableArray<CompiledRule?> ExitRules { get; }

    public CompiledStep[] StepsFor(CareEventType type) => _steps.TryGetValue(type, out var s) ? s : NoSteps;

    public bool HasSteps => _steps.Count > 0;
}

/// <summary>A step with its trigger's parameters (positional) and index in the process (−1 when the process has no such trigger).</summary>
internal sealed record CompiledStep(JourneyStep Step, ImmutableArray<TriggerParameter> Parameters, int TriggerIndex);
