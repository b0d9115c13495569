using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>The result of a step the engine accepted.</summary>
/// <param name="Snapshot">The new snapshot.</param>
/// <param name="Effects">What the host should now do, in order (exit effects, the transitions' effects, entry effects).</param>
/// <param name="Transitions">The transitions taken (one for a trigger; zero or more when timers are advanced).</param>
/// <param name="NextDue">When the next timer of the new state is due, if any.</param>
public sealed record StepResult(ProcessSnapshot Snapshot, ImmutableArray<Effect> Effects, ImmutableArray<ProcessTransition> Transitions, Instant? NextDue);
