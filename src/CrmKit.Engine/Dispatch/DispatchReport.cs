using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>The result of <see cref="CareDispatcher.DispatchAsync"/>: one outcome per claimed message, in claim order.</summary>
/// <param name="Outcomes">The outcomes.</param>
public sealed record DispatchReport(ImmutableArray<DispatchOutcome> Outcomes)
{
    /// <summary>No message claimed.</summary>
    public static DispatchReport Empty { get; } = new(ImmutableArray<DispatchOutcome>.Empty);

    /// <summary>Messages claimed.</summary>
    public int Claimed => Outcomes.Length;

    /// <summary>How many outcomes have <paramref name="verdict"/>.</summary>
    public int Count(DispatchVerdict verdict) => Outcomes.Count(o => o.Verdict == verdict);

    /// <summary>This report followed by <paramref name="other"/>.</summary>
    public DispatchReport Concat(DispatchReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Outcomes.IsEmpty ? this : new(Outcomes.AddRange(other.Outcomes));
    }

    /// <inheritdoc/>
    public override string ToString()
        => Claimed == 0 ? "nothing due" : string.Join(", ", Enum.GetValues<DispatchVerdict>().Select(v => (v, n: Count(v))).Where(p => p.n > 0).Select(p => $"{p.n} {p.v}"));
}
