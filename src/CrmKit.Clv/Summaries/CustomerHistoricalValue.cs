using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>What one customer has been worth so far.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Transactions">How many transactions.</param>
/// <param name="Revenue">Their total: the historical CLV (before margin).</param>
/// <param name="AverageOrderValue">Revenue / transactions.</param>
/// <param name="PurchaseFrequency">Transactions per unit of time since the first purchase (to the observation end, at least one unit).</param>
/// <param name="FirstPurchase">The first purchase day.</param>
/// <param name="LastPurchase">The last purchase day.</param>
public sealed record CustomerHistoricalValue(string CustomerId, int Transactions, double Revenue, double AverageOrderValue, double PurchaseFrequency, LocalDate FirstPurchase, LocalDate LastPurchase)
{
    /// <summary>The members, with a customer id that is a phone number or email masked (<see cref="PersonalData.Redact"/>).</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder("CustomerHistoricalValue { ");
        PrintMembers(builder);
        return PersonalData.Redact(builder.Append(" }").ToString());
    }
}
