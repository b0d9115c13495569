using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Where an instance is, for the allocation-free step function: the state's index, when it was entered and a version.</summary>
/// <param name="State">The state's index (<see cref="ProcessDefinition.StateIndex(string)"/>).</param>
/// <param name="EnteredAt">When it was entered.</param>
/// <param name="Version">Incremented by every step.</param>
public record struct ProcessCursor(int State, Instant EnteredAt, long Version);
