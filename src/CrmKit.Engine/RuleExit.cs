using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Exit when a segment rule holds for the customer (checked on each event and before each message).</summary>
/// <param name="Rule">The rule.</param>
public sealed record RuleExit(Rule Rule) : JourneyExit;
