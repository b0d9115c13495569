using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>Support figures over tickets opened in the period, measured in the SLA policy's business hours up to the period's end.</summary>
/// <param name="Opened">Tickets opened in the period.</param>
/// <param name="Replied">Of those, tickets with a first reply by the period's end.</param>
/// <param name="MedianFirstReply">Median business time to the first reply of the replied tickets.</param>
/// <param name="MeanFirstReply">Mean business time to the first reply of the replied tickets.</param>
/// <param name="Solved">Tickets solved by the period's end.</param>
/// <param name="MedianResolution">Median business time from opening to solved.</param>
/// <param name="MeanResolution">Mean business time from opening to solved.</param>
/// <param name="Breached">Tickets with at least one SLA clock breached by the period's end.</param>
public sealed record TicketFigures(int Opened, int Replied, Duration? MedianFirstReply, Duration? MeanFirstReply, int Solved, Duration? MedianResolution, Duration? MeanResolution, int Breached)
{
    /// <summary>Breached ÷ opened, in [0, 1]; <see langword="null"/> without tickets.</summary>
    public double? BreachRate => CustomerFigures.Ratio(Breached, Opened);
}
