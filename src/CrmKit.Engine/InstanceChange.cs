using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>One change to a journey instance.</summary>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Kind">What happened.</param>
/// <param name="State">The process state after it.</param>
/// <param name="At">When.</param>
/// <param name="Detail">The trigger, the exit reason or the rejection, else none.</param>
public sealed record InstanceChange(string JourneyId, string InstanceId, InstanceChangeKind Kind, string State, Instant At, string? Detail = null);
