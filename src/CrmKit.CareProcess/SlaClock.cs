using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>One SLA clock at an instant.</summary>
/// <param name="Metric">Which clock.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Target">The business time allowed.</param>
/// <param name="Elapsed">Business time counted so far (pauses excluded).</param>
/// <param name="Status">Running, paused, met or breached.</param>
/// <param name="DueAt">When it breaches if it keeps running (running clocks within target only).</param>
/// <param name="NearBreachAt">When it passed the near-breach share of its target, if it did.</param>
/// <param name="BreachedAt">When it passed its target, if it did.</param>
public sealed record SlaClock(SlaMetric Metric, Instant StartedAt, Duration Target, Duration Elapsed, SlaStatus Status, Instant? DueAt, Instant? NearBreachAt, Instant? BreachedAt);
