using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>Survey figures over a period: answers whose instant is in [start, end).</summary>
/// <param name="CsatResponses">CSAT answers (1 to 5).</param>
/// <param name="CsatSatisfied">CSAT answers of 4 or 5.</param>
/// <param name="NpsResponses">NPS answers (0 to 10).</param>
/// <param name="Promoters">NPS answers of 9 or 10.</param>
/// <param name="Detractors">NPS answers of 0 to 6.</param>
/// <param name="CesResponses">CES answers (1 very easy to 7 very difficult).</param>
/// <param name="CesTotal">The sum of the CES answers.</param>
public sealed record FeedbackFigures(int CsatResponses, int CsatSatisfied, int NpsResponses, int Promoters, int Detractors, int CesResponses, int CesTotal)
{
    /// <summary>Satisfied ÷ CSAT answers, in [0, 1]; <see langword="null"/> without answers.</summary>
    public double? Csat => CustomerFigures.Ratio(CsatSatisfied, CsatResponses);

    /// <summary>100 × (promoters − detractors) ÷ NPS answers, in [−100, 100]; <see langword="null"/> without answers.</summary>
    public double? Nps => NpsResponses == 0 ? null : 100.0 * (Promoters - Detractors) / NpsResponses;

    /// <summary>The mean CES answer, in [1, 7] (lower is easier); <see langword="null"/> without answers.</summary>
    public double? Ces => CesResponses == 0 ? null : CesTotal / (double)CesResponses;
}
