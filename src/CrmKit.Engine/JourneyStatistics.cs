using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What the engine did and is doing: per journey, per process state, per message outcome.</summary>
/// <param name="Journeys">Per journey version, by id.</param>
/// <param name="ProcessStates">Live counts per process and state (every state of every process, zeros included).</param>
/// <param name="Messages">Outbox entries grouped.</param>
public sealed record JourneyStatistics(ImmutableArray<JourneyFigures> Journeys, ImmutableArray<ProcessStateCount> ProcessStates, ImmutableArray<MessageCount> Messages);
