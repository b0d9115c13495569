using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers.Import;

namespace CrmKit.Clv.Tests;

/// <summary>
/// Maximum-likelihood fits against published values: Fader, Hardie &amp; Lee (2005) for BG/NBD, Pareto/NBD and
/// Gamma-Gamma on CDNOW, Batislam et al. (2007) for MBG/NBD, Fader, Hardie &amp; Shang (2010) for BG/BB on the donations
/// data, Fader &amp; Hardie (2007) for sBG. Log-likelihoods within 1e-4, parameters within 1e-3 relative.
/// </summary>
public class ReferenceFitTests
{
    private const double LogLikelihoodTolerance = 1e-4;
    private const double RelativeTolerance = 1e-3;

    private static void AssertClose(double expected, double actual, double relative, string what)
        => Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: expected {expected}, got {actual}");

    private static void AssertFit<T>(FitResult<T> fit, double logLikelihood, params (string Name, double Value)[] parameters)
    {
        Assert.True(Math.Abs(fit.LogLikelihood - logLikelihood) <= LogLikelihoodTolerance, $"log-likelihood: expected {logLikelihood}, got {fit.LogLikelihood:R}");
        foreach (var (name, value) in parameters)
        {
            AssertClose(value, fit[name].Value, RelativeTolerance, name);
            Assert.True(fit[name].StandardError > 0, $"standard error of {name}: {fit[name].StandardError}");
        }
    }

    [Fact]
    public void Summary_FromRawCdnowSample_ReproducesTheReferenceSummary()
    {
        var issues = new List<ImportIssue>();
        var builder = new RfmSummaryBuilder(new RfmOptions { ObservationEnd = new LocalDate(1997, 9, 30), Unit = TimeUnit.Week });
        using (var reader = File.OpenText(SharedData.File("CDNOW_sample.txt")))
        {
            foreach (var t in TransactionReader.ReadCdnow(reader, "CDNOW_sample.txt", issues))
            {
                builder.Add(t.CustomerId, t.Date, t.Amount);
            }
        }

        var summary = builder.Build();
        var (reference, ids, zbar) = ReferenceData.CdnowSummary();
        Assert.Empty(issues);
        Assert.Equal(2357, summary.Count);
        var byId = Enumerable.Range(0, summary.Count).ToDictionary(i => int.Parse(summary.CustomerIds[i], System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < reference.Count; i++)
        {
            var row = summary[byId[int.Parse(ids[i], System.Globalization.CultureInfo.InvariantCulture)]];
            Assert.Equal(reference.Frequency[i], row.Frequency);
            Assert.True(Math.Abs(reference.Recency[i] - row.Recency) <= 0.005 + 1e-9, $"t_x of {ids[i]}: {row.Recency} vs {reference.Recency[i]}");
            Assert.True(Math.Abs(reference.Age[i] - row.Age) <= 0.005 + 1e-9, $"T of {ids[i]}: {row.Age} vs {reference.Age[i]}");
            Assert.True(Math.Abs(zbar[i] - row.MonetaryValue) <= 0.005 + 1e-9, $"zbar of {ids[i]}: {row.MonetaryValue} vs {zbar[i]}");
        }
    }

    [Fact]
    public void BetaGeo_Cdnow_MatchesPublishedEstimates()
        => AssertFit(BetaGeoModel.Fit(ReferenceData.CdnowSummary().Summary), -9582.4256, ("r", 0.242593), ("alpha", 4.413532), ("a", 0.792886), ("b", 2.425754));

    [Fact]
    public void ModifiedBetaGeo_Cdnow_MatchesPublishedEstimates()
        => AssertFit(ModifiedBetaGeoModel.Fit(ReferenceData.CdnowSummary().Summary), -9582.1327, ("r", 0.524838), ("alpha", 6.182993), ("a", 0.891356), ("b", 1.613999));

    [Fact]
    public void ParetoNbd_Cdnow_MatchesPublishedEstimates()
        => AssertFit(ParetoNbdModel.Fit(ReferenceData.CdnowSummary().Summary), -9594.9739, ("r", 0.553276), ("alpha", 10.577612), ("s", 0.606214), ("beta", 11.667912));

    [Fact]
    public void GammaGamma_CdnowRepeatBuyers_MatchesPublishedEstimates()
    {
        var fit = GammaGammaModel.Fit(ReferenceData.CdnowSummary().Summary);
        Assert.Equal(946, fit.Customers);
        AssertFit(fit, -4055.9232, ("p", 6.248803), ("q", 3.744588), ("v", 15.447746));
    }

    [Fact]
    public void BetaGeoBetaBinomial_Donations_MatchesPublishedEstimates()
    {
        var fit = BetaGeoBetaBinomialModel.Fit(ReferenceData.Donations());
        Assert.Equal(11_104, fit.Customers);
        AssertFit(fit, -33225.5813, ("alpha", 1.203523), ("beta", 0.749716), ("gamma", 0.656718), ("delta", 2.783442));
    }

    [Fact]
    public void ShiftedBetaGeometric_Cohorts_MatchPublishedEstimatesAndProjections()
    {
        var (regular, highEnd) = ReferenceData.SbgCohorts();
        var fitRegular = ShiftedBetaGeometricModel.Fit(regular[..8]);
        var fitHighEnd = ShiftedBetaGeometricModel.Fit(highEnd[..8]);
        AssertFit(fitRegular, -1680.2652, ("gamma", 0.704077), ("delta", 1.182043));
        AssertFit(fitHighEnd, -1611.1581, ("gamma", 0.668088), ("delta", 3.806095));

        var projected = fitRegular.Model.Project(1000, 12);
        double[] published = [220.1, 204.4, 191.2, 179.9, 170.0]; // Fader & Hardie (2007), years 8–12
        for (var year = 8; year <= 12; year++)
        {
            Assert.True(Math.Abs(projected[year] - published[year - 8]) <= 0.05 + 1e-9, $"year {year}: {projected[year]} vs {published[year - 8]}");
        }
    }

    [Fact]
    public void Fit_OnCompressedRows_GivesTheSameLogLikelihood()
    {
        var summary = ReferenceData.CdnowSummary().Summary;
        var compressed = summary.Compress();
        Assert.True(compressed.Count < summary.Count);
        var full = BetaGeoModel.LogLikelihood(summary, 0.242593, 4.413532, 0.792886, 2.425754);
        var weighted = BetaGeoModel.LogLikelihood(compressed, 0.242593, 4.413532, 0.792886, 2.425754);
        Assert.True(Math.Abs(full - weighted) <= 1e-9 * Math.Abs(full), $"{full:R} vs {weighted:R}");
        var paretoFull = ParetoNbdModel.LogLikelihood(summary, 0.553276, 10.577612, 0.606214, 11.667912);
        var paretoWeighted = ParetoNbdModel.LogLikelihood(compressed, 0.553276, 10.577612, 0.606214, 11.667912);
        Assert.True(Math.Abs(paretoFull - paretoWeighted) <= 1e-9 * Math.Abs(paretoFull), $"{paretoFull:R} vs {paretoWeighted:R}");
        var donations = ReferenceData.Donations();
        var expanded = Expand(donations);
        var bgbb = BetaGeoBetaBinomialModel.LogLikelihood(donations, 1.203523, 0.749716, 0.656718, 2.783442);
        var bgbbExpanded = BetaGeoBetaBinomialModel.LogLikelihood(expanded, 1.203523, 0.749716, 0.656718, 2.783442);
        Assert.True(Math.Abs(bgbb - bgbbExpanded) <= 1e-9 * Math.Abs(bgbb), $"{bgbb:R} vs {bgbbExpanded:R}");
    }

    private static RfmSummary Expand(RfmSummary weighted)
    {
        var rows = weighted.Rows().SelectMany(r => Enumerable.Repeat(r, (int)r.Weight)).ToArray();
        return RfmSummary.Create(rows.Select(r => r.Frequency).ToArray(), rows.Select(r => r.Recency).ToArray(), rows.Select(r => r.Age).ToArray(), unit: weighted.Unit);
    }
}
