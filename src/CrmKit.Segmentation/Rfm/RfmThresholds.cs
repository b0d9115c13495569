using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// Score boundaries: a customer's recency score is 1 plus the number of <see cref="Recency"/> bounds its days
/// since the last order are at or below; frequency and monetary scores are 1 plus the number of bounds the
/// value reaches. Each array holds the bounds for scores 2, 3, 4 and 5; a score no customer of the fitted
/// population reached has the bound <see cref="Unreachable"/> (recency) or <see cref="UnreachableAmount"/>
/// (frequency, monetary), printed <c>n/a</c>.
/// </summary>
public sealed record RfmThresholds
{
    /// <summary>
    /// The largest number of days an RFM window, or a recency bound read from a catalogue, may have: 36,525 (100
    /// years). Longer spans say nothing about a shop's customers, and the window's start (as-of minus the window) must
    /// stay a representable instant. (Fitted quintile bounds are not limited: they come from the data.)
    /// </summary>
    public const int MaxDays = 36_525;

    /// <summary>Creates thresholds, checking their order.</summary>
    /// <param name="recency">Most days since the last order for scores 2–5 (non-increasing).</param>
    /// <param name="frequency">Fewest orders for scores 2–5 (non-decreasing).</param>
    /// <param name="monetary">Least amount for scores 2–5 (non-decreasing).</param>
    /// <param name="windowDays">The window the figures are taken over, or null for the whole history.</param>
    public RfmThresholds(ImmutableArray<long> recency, ImmutableArray<decimal> frequency, ImmutableArray<decimal> monetary, int? windowDays = null)
    {
        Check(recency, "recency", descending: true);
        Check(frequency, "frequency", descending: false);
        Check(monetary, "monetary", descending: false);
        CheckWindow(windowDays);

        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        WindowDays = windowDays;
    }

    /// <summary>The recency bound of a score nobody reaches (no number of days is at or below it).</summary>
    public const long Unreachable = long.MinValue;

    /// <summary>The frequency or monetary bound of a score nobody reaches (no value reaches it).</summary>
    public const decimal UnreachableAmount = decimal.MaxValue;

    /// <summary>Most days since the last order for recency scores 2–5.</summary>
    public ImmutableArray<long> Recency { get; }

    /// <summary>Fewest orders for frequency scores 2–5.</summary>
    public ImmutableArray<decimal> Frequency { get; }

    /// <summary>Least amount for monetary scores 2–5.</summary>
    public ImmutableArray<decimal> Monetary { get; }

    /// <summary>The window the figures are taken over, or null for the whole history.</summary>
    public int? WindowDays { get; }

    /// <summary>
    /// What a quintile fit found degenerate, one sentence per dimension with fewer distinct values than the five
    /// quintiles (e.g. every customer bought on one day), saying which scores were given; empty otherwise and for fixed
    /// thresholds.
    /// </summary>
    public ImmutableArray<RfmNote> Notes { get; init; } = [];

    /// <summary>Scores figures.</summary>
    public RfmScore Score(RfmFigures figures)
    {
        int r = 1, f = 1, m = 1;
        for (var i = 0; i < 4; i++)
        {
            r += figures.RecencyDays <= Recency[i] ? 1 : 0;
            f += figures.Frequency >= Frequency[i] ? 1 : 0;
            m += figures.Monetary >= Monetary[i] ? 1 : 0;
        }

        return new(r, f, m);
    }

    /// <summary>Scores a customer (null when the customer has no completed order in the window).</summary>
    public RfmScore? Score(CustomerRecord record, EvaluationContext context)
        => RfmFigures.Of(record, context, WindowDays) is { } figures ? Score(figures) : null;

    /// <summary>Sets the RFM scores of every record (clearing them for customers without orders).</summary>
    public void Apply(IEnumerable<CustomerRecord> records, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<CustomerRecord> list = records as IReadOnlyList<CustomerRecord> ?? [.. records];
        PerCustomer.For(list.Count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var record = list[i];
                var score = Score(record, context);
                record.RecencyScore = score?.Recency;
                record.FrequencyScore = score?.Frequency;
                record.MonetaryScore = score?.Monetary;
            }
        });
    }

    /// <inheritdoc/>
    public bool Equals(RfmThresholds? other)
        => other is not null && Recency.SequenceEqual(other.Recency) && Frequency.SequenceEqual(other.Frequency)
           && Monetary.SequenceEqual(other.Monetary) && WindowDays == other.WindowDays;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Recency[0], Frequency[0], Monetary[0], WindowDays);

    /// <inheritdoc/>
    public override string ToString()
        => $"R ≤ [{string.Join(", ", Recency.Select(r => r == Unreachable ? "n/a" : r.ToString(CultureInfo.InvariantCulture)))}] days, "
           + $"F ≥ [{Show(Frequency)}], M ≥ [{Show(Monetary)}]";

    private static string Show(ImmutableArray<decimal> bounds)
        => string.Join(", ", bounds.Select(b => b == UnreachableAmount ? "n/a" : b.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Checks an RFM window: null (the whole history) or 1 to <see cref="MaxDays"/> days.</summary>
    internal static void CheckWindow(int? windowDays)
    {
        if (windowDays is < 1 or > MaxDays)
        {
            throw new InvalidValueException("RFM window", string.Create(CultureInfo.InvariantCulture, $"{windowDays} days is outside 1 to {MaxDays:N0} days (RfmThresholds.MaxDays)."));
        }
    }

    private static void Check<T>(ImmutableArray<T> bounds, string name, bool descending)
        where T : IComparable<T>
    {
        if (bounds.IsDefault || bounds.Length != 4)
        {
            throw new InvalidValueException($"RFM {name} thresholds", $"expected 4 bounds (for scores 2 to 5), found {(bounds.IsDefault ? 0 : bounds.Length)}.");
        }

        for (var i = 1; i < 4; i++)
        {
            var c = bounds[i].CompareTo(bounds[i - 1]);
            if (descending ? c > 0 : c < 0)
            {
                throw new InvalidValueException($"RFM {name} thresholds", $"bounds must be {(descending ? "non-increasing" : "non-decreasing")}: [{string.Join(", ", bounds)}].");
            }
        }
    }
}
