using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A dispatcher's claim on a due message, valid until <see cref="LeasedUntil"/>.</summary>
/// <param name="Message">The message.</param>
/// <param name="Worker">The dispatcher's name.</param>
/// <param name="LeasedUntil">After this instant another worker may claim the message again.</param>
/// <param name="Attempt">1 for the first claim, then one more for each claim after a reschedule or an expired lease.</param>
public sealed record OutboxLease(OutboxMessage Message, string Worker, Instant LeasedUntil, int Attempt);
