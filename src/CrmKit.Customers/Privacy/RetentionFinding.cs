using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>A customer past the retention period.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="LastActivity">The last sign of activity (see <see cref="RetentionPolicy.LastActivity"/>).</param>
/// <param name="InactiveSince">The cut-off the last activity is before: now minus the retention period.</param>
public sealed record RetentionFinding(CustomerId CustomerId, Instant LastActivity, Instant InactiveSince);
