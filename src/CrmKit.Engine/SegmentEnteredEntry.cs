using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Enter when the customer enters a segment.</summary>
/// <param name="Segment">The segment's id.</param>
public sealed record SegmentEnteredEntry(string Segment) : JourneyEntry;
