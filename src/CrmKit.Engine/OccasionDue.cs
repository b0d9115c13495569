using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>When a date-triggered (occasion) journey is next due for the customer.</summary>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="Due">The instant.</param>
public sealed record OccasionDue(string JourneyId, Instant Due);
