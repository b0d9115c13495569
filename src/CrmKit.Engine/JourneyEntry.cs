using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>How a customer enters a journey. JSON <c>"type"</c>: <c>event</c>, <c>segmentEntered</c>, <c>segmentExited</c>, <c>occasion</c>.</summary>
public abstract record JourneyEntry
{
    private protected JourneyEntry()
    {
    }
}
