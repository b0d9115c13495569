using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>Limits on one channel: a cap on marketing contacts per rolling 24 hours and the allowed local hours.</summary>
/// <param name="MaxPer24Hours">Marketing contacts allowed in any 24 hours, or none for no cap.</param>
/// <param name="AllowedFrom">Contacts allowed from this local time (inclusive), or none for any time.</param>
/// <param name="AllowedUntil">…until this local time (exclusive).</param>
public sealed record ChannelLimits(int? MaxPer24Hours = null, LocalTime? AllowedFrom = null, LocalTime? AllowedUntil = null);
