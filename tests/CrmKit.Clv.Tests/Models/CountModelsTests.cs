using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class CountModelsTests
{
    [Fact]
    public void All_EveryCountModelKind_HasExactlyOneDescriptor()
    {
        // A new CountModelKind without a descriptor (or with two) fails here, not at run time in a host.
        foreach (var kind in Enum.GetValues<CountModelKind>())
        {
            Assert.Single(CountModels.All, m => m.Kind == kind);
            Assert.Equal(kind, CountModels.Get(kind).Kind);
        }

        Assert.Equal(Enum.GetValues<CountModelKind>().Length, CountModels.All.Length);
        Assert.Equal(CountModels.All.Length, CountModels.All.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(CountModels.All.Length, CountModels.All.Select(m => m.DisplayName).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_IdsNamesAndSources_AreTheLiteraturesNames()
    {
        Assert.Equal(["bg-nbd", "mbg-nbd", "pareto-nbd"], CountModels.All.Select(m => m.Id));
        Assert.Equal(["BG/NBD", "MBG/NBD", "Pareto/NBD"], CountModels.All.Select(m => m.DisplayName));
        Assert.Equal(["BG/NBD", "MBG/NBD", "Pareto/NBD"], CountModels.All.Select(m => ValueAnalysis.Name(m.Kind)));
        Assert.Equal("Fader, Hardie and Lee (2005)", CountModels.BetaGeo.Source);
        Assert.Equal("pareto-nbd", CountModels.ParetoNbd.ToString());
    }

    [Fact]
    public void Find_EveryIdAndUnknownIds_FindsTheModelOrNull()
    {
        foreach (var model in CountModels.All)
        {
            Assert.Same(model, CountModels.Find(model.Id));
            Assert.Same(model, CountModels.Parse(model.Id));
        }

        Assert.Null(CountModels.Find("BG-NBD"));
        Assert.Null(CountModels.Find("bgnbd"));
        var ex = Assert.Throws<InvalidValueException>(() => CountModels.Parse("bgnbd"));
        Assert.Equal("Invalid count model: 'bgnbd' is not one of bg-nbd, mbg-nbd, pareto-nbd.", ex.Message);
    }

    [Fact]
    public void Get_UndefinedKind_ThrowsInsteadOfFallingBackToBgNbd()
    {
        var undefined = (CountModelKind)99;

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CountModels.Get(undefined));
        Assert.StartsWith("99 is not a count model; the count models are BetaGeo, ModifiedBetaGeo, ParetoNbd.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueAnalysis.Name(undefined));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueAnalysisOptions { Model = undefined });
    }

    [Fact]
    public void Fit_EveryDescriptor_IsTheModelsOwnFit()
    {
        // The descriptor only dispatches: its fit is the model class's fit, number for number.
        var summary = ReferenceData.CdnowSummary().Summary;
        Same(BetaGeoModel.Fit(summary), CountModels.BetaGeo.Fit(summary));
        Same(ModifiedBetaGeoModel.Fit(summary), CountModels.ModifiedBetaGeo.Fit(summary));
        Same(ParetoNbdModel.Fit(summary), CountModels.ParetoNbd.Fit(summary));

        // And the BG/NBD estimate is the published one (Fader, Hardie and Lee 2005, CDNOW: r 0.243, α 4.414, a 0.793, b 2.426).
        var fit = CountModels.BetaGeo.Fit(summary);
        Assert.Equal(0.243, fit["r"].Value, 0.0005);
        Assert.Equal(4.414, fit["alpha"].Value, 0.0005);
        Assert.Equal(0.793, fit["a"].Value, 0.0005);
        Assert.Equal(2.426, fit["b"].Value, 0.0005);
        Assert.IsType<BetaGeoModel>(fit.Model);

        static void Same<T>(FitResult<T> direct, FitResult<ICountModel> described)
            where T : ICountModel
        {
            Assert.Equal(direct.LogLikelihood, described.LogLikelihood);
            Assert.Equal(direct.Parameters.ToArray(), described.Parameters.ToArray());
            Assert.Equal(direct.Customers, described.Customers);
            Assert.Equal(direct.Iterations, described.Iterations);
            Assert.Equal(direct.Diagnosis.IsUsable, described.Diagnosis.IsUsable);
            Assert.Equal(direct.Model.Name, described.Model.Name);
        }
    }

    [Fact]
    public void HoldoutCompare_UndefinedKind_ThrowsBeforeFitting()
    {
        var summary = RfmSummaryBuilder.FromUnsorted(
            [("a", new LocalDate(2024, 1, 1), 10.0), ("a", new LocalDate(2024, 3, 1), 10.0), ("b", new LocalDate(2024, 2, 1), 5.0)],
            new RfmOptions { ObservationEnd = new LocalDate(2024, 12, 31), CalibrationEnd = new LocalDate(2024, 6, 30) });

        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutValidation.Compare(summary, [CountModelKind.BetaGeo, (CountModelKind)7]));
    }
}
