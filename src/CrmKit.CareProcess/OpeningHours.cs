using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Opening hours on one day of the week, in the calendar's zone.</summary>
/// <param name="Day">The day.</param>
/// <param name="Opens">When work starts.</param>
/// <param name="Closes">When it stops; <see cref="LocalTime.Midnight"/> means the end of the day.</param>
public readonly record struct OpeningHours(IsoDayOfWeek Day, LocalTime Opens, LocalTime Closes);
