using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Targets for one priority (none: not measured).</summary>
/// <param name="FirstReply">First reply within this much business time.</param>
/// <param name="NextReply">Each next reply within this much business time.</param>
/// <param name="Resolution">Solved within this much business time.</param>
public sealed record SlaTargets(Duration? FirstReply, Duration? NextReply, Duration? Resolution);
