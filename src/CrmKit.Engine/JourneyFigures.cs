using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>One journey version's figures.</summary>
/// <param name="JourneyId">The versioned id.</param>
/// <param name="Enrolled">Instances started.</param>
/// <param name="Active">Instances running.</param>
/// <param name="Completed">Instances whose process reached a final state.</param>
/// <param name="Exited">Instances that exited early.</param>
/// <param name="GoalReached">Instances whose goal event happened while active.</param>
public sealed record JourneyFigures(string JourneyId, int Enrolled, int Active, int Completed, int Exited, int GoalReached);
