using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Summaries;

/// <summary>One customer's RFM summary, as the count and spend models use it.</summary>
/// <param name="CustomerId">The customer (empty in compressed summaries, whose rows stand for several customers).</param>
/// <param name="Frequency">x: the number of repeat purchase days (distinct purchase days minus one) in the calibration period.</param>
/// <param name="Recency">t_x: time from the first to the last purchase day.</param>
/// <param name="Age">T: time from the first purchase day to the end of the calibration period.</param>
/// <param name="MonetaryValue">Mean spend of the repeat purchase days (each day's purchases summed); 0 when x = 0.</param>
/// <param name="Weight">How many customers the row stands for (1 unless compressed).</param>
/// <param name="FrequencyHoldout">Purchase days in the holdout period, or 0 without one.</param>
/// <param name="MonetaryValueHoldout">Mean spend of the holdout purchase days, or 0.</param>
public readonly record struct RfmRow(
    string CustomerId,
    double Frequency,
    double Recency,
    double Age,
    double MonetaryValue,
    double Weight = 1,
    double FrequencyHoldout = 0,
    double MonetaryValueHoldout = 0)
{
    /// <summary>The members, with a customer id that is a phone number or email masked (<see cref="PersonalData.Redact"/>).</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder("RfmRow { ");
        PrintMembers(builder);
        return PersonalData.Redact(builder.Append(" }").ToString());
    }
}
