using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Enter on an occasion (birthday, Tết, join anniversary), <paramref name="DaysBefore"/> days before it at local time
/// <paramref name="At"/> in the customer's zone, when the customer passes <paramref name="Customer"/> then; one instance a year.
/// </summary>
/// <param name="Occasion">The occasion.</param>
/// <param name="DaysBefore">Days before the occasion (0–60).</param>
/// <param name="At">The local time.</param>
/// <param name="Customer">A segment rule checked at the due instant, else none.</param>
public sealed record OccasionEntry(Occasion Occasion, int DaysBefore, LocalTime At, Rule? Customer = null) : JourneyEntry;
