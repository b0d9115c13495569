using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Either an accepted step or a rejection; never both.</summary>
public sealed class FireResult
{
    private FireResult(StepResult? step, Rejection? rejection) => (Step, Rejection) = (step, rejection);

    /// <summary>The step, when accepted.</summary>
    public StepResult? Step { get; }

    /// <summary>Why not, when rejected.</summary>
    public Rejection? Rejection { get; }

    /// <summary>Whether the trigger was accepted.</summary>
    public bool IsAccepted => Step is not null;

    internal static FireResult Accepted(StepResult step) => new(step, null);

    internal static FireResult Rejected(Rejection rejection) => new(null, rejection);

    /// <summary>The step, or a <see cref="TriggerRejectedException"/>.</summary>
    public StepResult GetStepOrThrow() => Step ?? throw new TriggerRejectedException(Rejection!);

    /// <inheritdoc/>
    public override string ToString() => Step is { } s ? $"accepted: {s.Snapshot}" : $"rejected: {Rejection}";
}
