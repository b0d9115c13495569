using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// A transition as the engine takes it from one concrete state: the resolved target and every effect in order
/// (exit effects up to the common ancestor, the transition's own effects, entry effects down to the target).
/// Precomputed when the definition is built, so firing allocates nothing.
/// </summary>
public sealed class ProcessTransition
{
    internal ProcessTransition(TransitionDefinition definition, int index, string from, int fromIndex, string to, int toIndex, ImmutableArray<Effect> effects)
    {
        (Definition, Index, From, FromIndex, To, ToIndex, Effects) = (definition, index, from, fromIndex, to, toIndex, effects);
    }

    /// <summary>The transition as defined (possibly on a parent state).</summary>
    public TransitionDefinition Definition { get; }

    /// <summary>The concrete state it leaves.</summary>
    public string From { get; }

    /// <summary>The concrete state it enters (equal to <see cref="From"/> for an internal transition).</summary>
    public string To { get; }

    /// <summary>Whether the state is kept (no exit or entry effects).</summary>
    public bool IsInternal => Definition.To is null;

    /// <summary>All effects, in order.</summary>
    public ImmutableArray<Effect> Effects { get; }

    internal int Index { get; }

    internal int FromIndex { get; }

    internal int ToIndex { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{From} → {To} on {Definition.Label()}";
}
