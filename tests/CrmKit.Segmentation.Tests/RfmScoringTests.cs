namespace CrmKit.Segmentation.Tests;

public sealed class RfmScoringTests
{
    [Fact]
    public void Quintiles_HandExample_TiesShareTheLowerScore()
    {
        // Frequencies 1×6, 2×2, 3, 5. Customers strictly below: 0, 6, 8, 9 of 10 → scores 1, 4, 5, 5.
        int[] frequencies = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5];
        var figures = frequencies.Select(f => new RfmFigures(10, f, 100m)).ToList();
        var thresholds = RfmScoring.FitQuintiles(figures);
        Assert.Equal<decimal>([2m, 2m, 2m, 3m], thresholds.Frequency);
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], figures.Select(f => thresholds.Score(f).Frequency));

        // Everyone tied: everyone scores 1, no score above is reachable.
        Assert.All(figures.Select(f => thresholds.Score(f).Monetary), m => Assert.Equal(1, m));
        Assert.All(figures.Select(f => thresholds.Score(f).Recency), r => Assert.Equal(1, r));
    }

    [Fact]
    public void Quintiles_DistinctValues_GiveFiveEqualGroups()
    {
        var figures = Enumerable.Range(1, 100).Select(i => new RfmFigures(i, i, i * 1000m)).ToList();
        var thresholds = RfmScoring.FitQuintiles(figures);
        var scores = figures.Select(thresholds.Score).ToList();
        Assert.All(Enumerable.Range(1, 5), s => Assert.Equal(20, scores.Count(x => x.Frequency == s)));
        Assert.All(Enumerable.Range(1, 5), s => Assert.Equal(20, scores.Count(x => x.Recency == s)));
        Assert.Equal(5, scores[0].Recency); // 1 day since the last order: most recent
        Assert.Equal(1, scores[0].Frequency);
    }

    private static Arbitrary<(RfmFigures[] Figures, int Seed)> FigureSets { get; } =
        (from figures in (from r in Gen.Choose(0, 30) from f in Gen.Choose(1, 6) from m in Gen.Choose(1, 8) select new RfmFigures(r, f, m * 50_000m)).ArrayOf()
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select (figures, seed)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Quintiles_DoNotDependOnInputOrder_AndTiesShareScores()
        => Prop.ForAll(FigureSets, t =>
        {
            var shuffled = t.Figures.ToArray();
            new Random(t.Seed).Shuffle(shuffled);
            var a = RfmScoring.FitQuintiles(t.Figures);
            var b = RfmScoring.FitQuintiles(shuffled);
            var tiesAgree = t.Figures.GroupBy(f => f).All(g => g.Select(a.Score).Distinct().Count() == 1);
            return (a.Equals(b) && tiesAgree).ToProperty();
        });

    [Property(MaxTest = 300)]
    public Property Quintiles_MatchTheRankDefinition()
        => Prop.ForAll(FigureSets, t =>
        {
            var thresholds = RfmScoring.FitQuintiles(t.Figures);
            var n = t.Figures.Length;
            return t.Figures.All(f =>
            {
                var score = thresholds.Score(f);
                return score.Frequency == 1 + (5 * t.Figures.Count(g => g.Frequency < f.Frequency) / n)
                       && score.Monetary == 1 + (5 * t.Figures.Count(g => g.Monetary < f.Monetary) / n)
                       && score.Recency == 1 + (5 * t.Figures.Count(g => g.RecencyDays > f.RecencyDays) / n);
            }).ToProperty();
        });

    [Fact]
    public void Thresholds_OutOfOrder_AreRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new RfmThresholds([30, 60, 90, 120], [2, 3, 5, 8], [1, 2, 3, 4]));
        Assert.Equal("Invalid RFM recency thresholds: bounds must be non-increasing: [30, 60, 90, 120].", e.Message);
    }
}
