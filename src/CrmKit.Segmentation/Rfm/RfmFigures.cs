using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// The raw RFM figures of one customer at an evaluation instant: whole days since the last completed order,
/// number of completed orders and their total amount (within <see cref="RfmScoring.WindowDays"/> if set).
/// </summary>
/// <param name="RecencyDays">Whole days since the last completed order.</param>
/// <param name="Frequency">Number of completed orders.</param>
/// <param name="Monetary">Total amount of completed orders.</param>
public readonly record struct RfmFigures(long RecencyDays, int Frequency, decimal Monetary)
{
    /// <summary>The figures of a customer, or null when the customer has no completed order in the window.</summary>
    public static RfmFigures? Of(CustomerRecord record, EvaluationContext context, int? windowDays = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        RfmThresholds.CheckWindow(windowDays);

        var window = windowDays is { } d ? d * NodaConstants.TicksPerDay : 0L;
        var status = (int)OrderStatus.Completed;
        var count = CompiledFields.Count(record.Orders, context, window, status, -1, null);
        if (count == 0)
        {
            return null;
        }

        return new(CompiledFields.DaysSinceLast(record.Orders, context, window, status, -1, null)!.Value, count, CompiledFields.Sum(record.Orders, context, window, status, -1, null));
    }
}
