using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>RFM scores (1–5 each; 5 is best).</summary>
/// <param name="Recency">Recency score: 5 = bought most recently.</param>
/// <param name="Frequency">Frequency score: 5 = buys most often.</param>
/// <param name="Monetary">Monetary score: 5 = spends most.</param>
public readonly record struct RfmScore(int Recency, int Frequency, int Monetary)
{
    /// <summary>The usual three-digit code, e.g. <c>545</c>.</summary>
    public override string ToString() => $"{Recency}{Frequency}{Monetary}";
}
