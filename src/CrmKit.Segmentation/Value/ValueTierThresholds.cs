using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// Value tiers relative to the shop: the least value that reaches each tier among the buyers of one currency, found by
/// quantiles, so that a USD shop and a VND shop both have their VIPs. A customer's tier score
/// (<see cref="CustomerRecord.ValueTier"/>, field <c>value.tier</c>) is 4 = VIP, 3 = high, 2 = average, 1 = low.
/// </summary>
/// <remarks>
/// <para>The rule, by the share of the currency's buyers who are <i>strictly</i> more valuable: under
/// <see cref="VipShare"/> (5 %) VIP, under <see cref="HighShare"/> (20 %) high, under <see cref="AverageShare"/> (50 %)
/// average, else low. Equal values always share a tier, the order of the input does not matter, and the most valuable
/// buyer is always VIP. A value of zero or less (nothing bought in the window, or a model predicting nothing) is low.
/// Customers who never bought are low and not counted.</para>
/// <para>Fixed amounts remain possible: a custom catalogue can define its tiers with <c>orders.sum</c> or
/// <c>clv.predictedValue</c> conditions instead of <c>value.tier</c>.</para>
/// </remarks>
/// <param name="Currency">The currency of the buyers ranked.</param>
/// <param name="Basis">What they were ranked by.</param>
/// <param name="Buyers">How many buyers were ranked.</param>
/// <param name="Vip">The least value of a VIP, or <see langword="null"/> when no buyer is VIP (no buyer has a positive value).</param>
/// <param name="High">The least value of a high-value buyer, or <see langword="null"/> when the tier is empty.</param>
/// <param name="Average">The least value of an average-value buyer, or <see langword="null"/> when the tier is empty.</param>
public sealed record ValueTierThresholds(Currency Currency, ValueBasis Basis, int Buyers, decimal? Vip, decimal? High, decimal? Average)
{
    /// <summary>Buyers with fewer than this share strictly more valuable are VIP: 5 %.</summary>
    public const double VipShare = 0.05;

    /// <summary>Buyers with fewer than this share strictly more valuable are at least high value: 20 %.</summary>
    public const double HighShare = 0.20;

    /// <summary>Buyers with fewer than this share strictly more valuable are at least average value: 50 %.</summary>
    public const double AverageShare = 0.50;

    /// <summary>The window of <see cref="ValueBasis.Historical"/> value: the last 365 days.</summary>
    public const int HistoricalWindowDays = 365;

    /// <summary>
    /// The tier score of a customer on these thresholds (for one customer between population runs, e.g. in
    /// <see cref="IncrementalClassifier"/>): by <see cref="CustomerRecord.PredictedValue"/> or by historical value as
    /// <see cref="Basis"/> says; 1 without a completed order or a prediction.
    /// </summary>
    public int Tier(CustomerRecord record, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        if (!HasCompletedOrder(record, context.AsOf))
        {
            return 1;
        }

        return Basis == ValueBasis.Historical ? Tier(HistoricalValue(record, context))
            : record.PredictedValue is { } v && Representable(v) ? Tier((decimal)v) : 1;
    }

    /// <summary>
    /// Historical value: the total of completed orders placed in the <see cref="HistoricalWindowDays"/> days that end
    /// at the evaluation instant.
    /// </summary>
    public static decimal HistoricalValue(CustomerRecord record, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var since = context.AsOf - Duration.FromDays(HistoricalWindowDays);
        // A loop in list order, as Where/Sum added (the same decimal sum), without their iterator and closure: the care
        // engine asks for every customer event.
        var total = 0m;
        foreach (var o in record.Orders)
        {
            if (o.Status == OrderStatus.Completed && o.PlacedAt > since && o.PlacedAt <= context.AsOf)
            {
                total += o.Amount;
            }
        }

        return total;
    }

    /// <summary>Whether the record has a completed order placed at or before <paramref name="asOf"/> (a loop: no closure).</summary>
    private static bool HasCompletedOrder(CustomerRecord record, Instant asOf)
    {
        foreach (var o in record.Orders)
        {
            if (o.Status == OrderStatus.Completed && o.PlacedAt <= asOf)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Representable(double value) => double.IsFinite(value) && Math.Abs(value) < 7.9e27;

    /// <summary>The tier score of <paramref name="value"/>: 4 VIP, 3 high, 2 average, 1 low.</summary>
    public int Tier(decimal value)
        => value <= 0 ? 1 : value >= Vip ? 4 : value >= High ? 3 : value >= Average ? 2 : 1;

    /// <summary>The thresholds of one currency's buyers' values by the rule of <see cref="ValueTierThresholds"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static ValueTierThresholds Fit(Currency currency, ValueBasis basis, IReadOnlyCollection<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.OrderDescending().ToArray();
        var n = sorted.Length;
        decimal? vip = null, high = null, average = null;
        var above = 0;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && sorted[i] != sorted[i - 1])
            {
                above = i;
            }

            if (sorted[i] <= 0)
            {
                break;
            }

            var share = above / (double)n;
            if (share < VipShare)
            {
                vip = sorted[i];
            }
            else if (share < HighShare)
            {
                high = sorted[i];
            }
            else if (share < AverageShare)
            {
                average = sorted[i];
            }
        }

        // A tier left empty by ties takes the bound of the tier above, so that Tier() stays monotone.
        high ??= vip;
        average ??= high;
        return new ValueTierThresholds(currency, basis, n, vip, high, average);
    }

    /// <summary>
    /// Ranks a population: per currency (a customer's currency is that of its orders), the basis, the thresholds, and
    /// each record's <see cref="CustomerRecord.ValueTier"/> (1 for a customer without a completed order).
    /// </summary>
    /// <param name="customers">The customers with their records (the records' <see cref="CustomerRecord.PredictedValue"/> set if a model gave one).</param>
    /// <param name="context">The evaluation instant (the historical window ends there).</param>
    /// <returns>The thresholds of each currency, by currency code.</returns>
    public static ImmutableArray<ValueTierThresholds> Apply(IEnumerable<(Customer Customer, CustomerRecord Record)> customers, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(context);
        var buyers = new List<(Currency Currency, CustomerRecord Record, decimal Historical)>();
        foreach (var (customer, record) in customers)
        {
            record.ValueTier = 1;
            if (customer.History.Orders.FirstOrDefault(o => o.Status == OrderStatus.Completed && o.PlacedAt <= context.AsOf) is { } order)
            {
                buyers.Add((order.Total.Currency, record, HistoricalValue(record, context)));
            }
        }

        var result = ImmutableArray.CreateBuilder<ValueTierThresholds>();
        foreach (var group in buyers.GroupBy(b => b.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal))
        {
            // Predicted value ranks buyers only where it tells them apart in money: when most buyers are predicted to
            // spend less than one minor unit (a shop where almost everyone has stopped buying), tiers by it would print
            // "VIP ≥ 0.00" — the historical value is used instead, and the basis says so.
            var unit = 1m / (decimal)Math.Pow(10, group.Key.MinorUnits);
            var predicted = group.All(b => b.Record.PredictedValue is { } v && Representable(v))
                && group.Count(b => (decimal)b.Record.PredictedValue!.Value >= unit) * 2 >= group.Count();
            var basis = predicted ? ValueBasis.Predicted : ValueBasis.Historical;
            decimal Value((Currency, CustomerRecord Record, decimal Historical) b) => predicted ? (decimal)b.Record.PredictedValue!.Value : b.Historical;
            var thresholds = Fit(group.Key, basis, [.. group.Select(Value)]);
            foreach (var buyer in group)
            {
                buyer.Record.ValueTier = thresholds.Tier(Value(buyer));
            }

            result.Add(thresholds);
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// <c>VND, historical value (last 365 days) of 1,234 buyers: VIP ≥ 12,000,000, high ≥ 3,100,000, average ≥ 900,000</c>;
    /// an empty tier reads <c>n/a</c>.
    /// </summary>
    public override string ToString()
    {
        string Show(decimal? v) => v is { } x ? x.ToString("N" + Math.Min(Currency.MinorUnits, 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";
        var basis = Basis == ValueBasis.Predicted ? "predicted value" : $"historical value (last {HistoricalWindowDays} days)";
        return string.Create(CultureInfo.InvariantCulture, $"{Currency.Code}, {basis} of {Buyers:N0} buyers: VIP ≥ {Show(Vip)}, high ≥ {Show(High)}, average ≥ {Show(Average)}");
    }
}
