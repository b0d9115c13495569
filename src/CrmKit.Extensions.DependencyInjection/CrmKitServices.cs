using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>CrmKit's log events: counts, durations, outcomes and (masked) ids only, no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Classified {Customers} customers into {Segments} segments in {Milliseconds:F1} ms")]
    public static partial void Classified(ILogger logger, int customers, int segments, double milliseconds);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Care agenda: {Due} due, {Deferred} deferred, {Blocked} blocked by the contact policy, over {Customers} customers")]
    public static partial void Agenda(ILogger logger, int due, int deferred, int blocked, int customers);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Care process '{ProcessId}' from {File} (CrmKit:Care:ProcessFolder) replaces the built-in process of that id")]
    public static partial void ProcessReplaced(ILogger logger, string processId, string file);

    /// <summary><see cref="CareSettings.WithFolderProcesses"/>, logging each built-in process a folder file replaces.</summary>
    public static ImmutableArray<ProcessDefinition> WithFolderProcesses(ILogger? logger, CareSettings care, IEnumerable<ProcessDefinition> builtIn)
    {
        var list = builtIn.ToList();
        var all = care.WithFolderProcesses(list);
        if (logger is not null)
        {
            foreach (var (file, id) in care.ReplacedProcesses(list))
            {
                ProcessReplaced(logger, id, file);
            }
        }

        return all;
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Journeys {Journeys} all run process '{ProcessId}': a customer they both enrol gets its messages once per journey. To change a built-in journey, give your file the built-in's id and a higher version, or set CrmKit:Engine:BuiltInJourneys=false")]
    public static partial void SharedProcess(ILogger logger, string journeys, string processId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The care engine has no journeys (CrmKit:Engine:BuiltInJourneys is false and neither CrmKit:Engine:JourneyFolder nor code adds any): it enrols no customer and sends nothing")]
    public static partial void NoJourneys(ILogger logger);

    /// <summary>The engine's journeys, warning (events 2003, 2004) about journeys sharing a process and about having none.</summary>
    public static ImmutableArray<Engine.Journey> Journeys(ILogger? logger, EngineSettings engine)
    {
        var sources = engine.LoadJourneySources();
        if (logger is not null)
        {
            foreach (var (process, journeys) in EngineSettings.SharedProcesses(sources))
            {
                SharedProcess(logger, journeys, process);
            }

            if (sources.IsEmpty)
            {
                NoJourneys(logger);
            }
        }

        return [.. sources.Select(s => s.Journey)];
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Fitted {Model} and predicted for {Customers} customers in {Milliseconds:F1} ms")]
    public static partial void ClvFitted(ILogger logger, string model, int customers, double milliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "No CLV predictions: {Problems}")]
    public static partial void ClvFailed(ILogger logger, ImmutableArray<string> problems);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Erasure of customer {CustomerId} ({Basis}): {Outcome}")]
    public static partial void Erased(ILogger logger, string customerId, ErasureBasis basis, ErasureOutcome outcome);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Personal-data export of customer {CustomerId}: {Found}")]
    public static partial void Exported(ILogger logger, string customerId, bool found);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Every consent of customer {CustomerId} withdrawn")]
    public static partial void ConsentWithdrawn(ILogger logger, string customerId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Retention policy: {Customers} customers {Action}")]
    public static partial void Retention(ILogger logger, int customers, RetentionAction action);
}
