using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>Purchase figures of a group of customers over a period [start, end); see docs/review.md for the formulas.</summary>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Buyers">Customers with at least one revenue (completed) order in the period.</param>
/// <param name="NewBuyers">Buyers whose first revenue order ever is in the period.</param>
/// <param name="RepeatBuyers">Buyers who made purchases on at least two days in the period (orders on one day, in the
/// customer's zone, are one purchase, as in the CLV models: <see cref="OrderHistory.PurchaseDaysIn"/>).</param>
/// <param name="RetentionBase">Customers with a revenue order in the equally long window just before the period.</param>
/// <param name="Retained">Of <paramref name="RetentionBase"/>, those who bought again in the period.</param>
/// <param name="Orders">Revenue orders placed in the period.</param>
/// <param name="Revenue">Their total, or <see langword="null"/> when there are none.</param>
/// <param name="ReturningRevenue">The part of <paramref name="Revenue"/> from customers who had bought before the period.</param>
public sealed record CustomerFigures(
    int Customers,
    int Buyers,
    int NewBuyers,
    int RepeatBuyers,
    int RetentionBase,
    int Retained,
    int Orders,
    Money? Revenue,
    Money? ReturningRevenue)
{
    /// <summary>Retained ÷ retention base, in [0, 1]; <see langword="null"/> when nobody bought in the window before.</summary>
    public double? RetentionRate => Ratio(Retained, RetentionBase);

    /// <summary>1 − retention rate, in [0, 1]; <see langword="null"/> with it.</summary>
    public double? ChurnRate => RetentionRate is { } r ? 1 - r : null;

    /// <summary>Repeat buyers ÷ buyers, in [0, 1]; <see langword="null"/> when nobody bought.</summary>
    public double? RepeatPurchaseRate => Ratio(RepeatBuyers, Buyers);

    /// <summary>Returning revenue ÷ revenue, in [0, 1]; <see langword="null"/> when there was no revenue.</summary>
    public double? ReturningRevenueShare => Revenue is { Amount: > 0 } total && ReturningRevenue is { } returning ? (double)(returning.Amount / total.Amount) : null;

    /// <summary>Revenue ÷ orders; <see langword="null"/> without orders.</summary>
    public Money? AverageOrderValue => Revenue is { } total && Orders > 0 ? new Money(total.Amount / Orders, total.Currency) : null;

    /// <summary>Orders ÷ buyers (≥ 1); <see langword="null"/> when nobody bought.</summary>
    public double? PurchaseFrequency => Buyers == 0 ? null : Orders / (double)Buyers;

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : part / (double)whole;
}
