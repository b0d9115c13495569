using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Exit when the customer is no longer in the segment (checked on each event and before each message).</summary>
/// <param name="Segment">The segment's id.</param>
public sealed record SegmentExitedExit(string Segment) : JourneyExit;
