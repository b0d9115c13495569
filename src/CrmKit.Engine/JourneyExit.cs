using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>When an instance leaves early. JSON <c>"type"</c>: <c>segmentExited</c>, <c>event</c>, <c>rule</c>.</summary>
public abstract record JourneyExit
{
    private protected JourneyExit()
    {
    }
}
