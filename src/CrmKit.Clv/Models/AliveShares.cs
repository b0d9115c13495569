namespace CrmKit.Clv.Models;

/// <summary>Shares of buyers whose probability alive is at least <see cref="ValueAnalysis.LikelyAliveThreshold"/> (see <see cref="ValueAnalysisResult.LikelyAlive"/>).</summary>
/// <param name="Buyers">Among all buyers (0–1), or null without predictions.</param>
/// <param name="OneTimeBuyers">Among buyers without a repeat purchase day.</param>
/// <param name="RepeatBuyers">Among buyers with at least one.</param>
public readonly record struct AliveShares(double? Buyers, double? OneTimeBuyers, double? RepeatBuyers);
