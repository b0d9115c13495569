namespace CrmKit.Segmentation.Tests;

public sealed class RfmScoringTests
{
    [Fact]
    public void Quintiles_HandExample_TiesShareTheLowerScoreExceptRecency()
    {
        // Frequencies 1×6, 2×2, 3, 5 (n = 10). Customers strictly below: 0, 6, 8, 9 → F = 1 + ⌊5·w/10⌋ = 1, 4, 5, 5.
        int[] frequencies = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5];
        var figures = frequencies.Select((f, i) => new RfmFigures(i < 7 ? 3 : 40, f, 100m)).ToList();
        var thresholds = RfmScoring.FitQuintiles(figures);
        Assert.Equal<decimal>([2m, 2m, 2m, 3m], thresholds.Frequency);
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], figures.Select(f => thresholds.Score(f).Frequency));

        // Recency 3 days ×7, 40 days ×3. Strictly more recent: 0 and 7 → R = 5 − ⌊5·w/10⌋ = 5, 2: the 7 who bought
        // most recently share the higher score. Monetary all tied: everyone M = 1, the other scores unreachable (n/a).
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 2, 2, 2], figures.Select(f => thresholds.Score(f).Recency));
        Assert.All(figures.Select(f => thresholds.Score(f).Monetary), m => Assert.Equal(1, m));
        Assert.Equal("R ≤ [40, 3, 3, 3] days, F ≥ [2, 2, 2, 3], M ≥ [n/a, n/a, n/a, n/a]", thresholds.ToString());
        Assert.Equal<string>(
            [
                "recency has 2 distinct values among 10 customers, fewer than the 5 quintiles: equal figures share the higher score; scores given: 2, 5.",
                "frequency has 4 distinct values among 10 customers, fewer than the 5 quintiles: equal figures share the lower score; scores given: 1, 4, 5.",
                "monetary has 1 distinct value among 10 customers, fewer than the 5 quintiles: equal figures share the lower score; scores given: 1.",
            ],
            thresholds.Notes.Select(n => n.Message).ToArray());
        Assert.Equal([(RfmDimension.Recency, 2, 10, true), (RfmDimension.Frequency, 4, 10, false), (RfmDimension.Monetary, 1, 10, false)], thresholds.Notes.Select(n => (n.Dimension, n.DistinctValues, n.Customers, n.SharesHigherScore)));
        Assert.Equal([[2, 5], [1, 4, 5], [1]], thresholds.Notes.Select(n => n.ScoresGiven.ToArray()));
    }

    [Fact]
    public void Segmenter_OneDayDataSet_NobodyWhoBoughtThatDayIsLost()
    {
        // Issue 16: on a one-day data set the thresholds printed R ≤ [-9223372036854775808, …] and everyone was "lost".
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var day = Instant.FromUtc(2026, 3, 2, 3, 0);
        var customers = Enumerable.Range(1, 7).Select(i => new CrmKit.Customers.Customer
        {
            Id = new CrmKit.Customers.CustomerId($"C{i}"),
            DisplayName = $"C{i}",
            CreatedAt = day,
            History = new CrmKit.Customers.CustomerHistory
            {
                Orders = CrmKit.Customers.OrderHistory.From([new CrmKit.Customers.Order { Id = new CrmKit.Customers.OrderId($"O{i}"), CustomerId = new CrmKit.Customers.CustomerId($"C{i}"), PlacedAt = day + Duration.FromMinutes(i), Total = CrmKit.Customers.Money.Vnd(100_000m * i) }]),
            },
        }).ToList();
        var result = new Segmenter(BuiltInSegments.Catalog).Run(customers, new EvaluationContext(day + Duration.FromHours(10), zone));

        Assert.DoesNotContain("-9223372036854775808", result.Thresholds.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("R ≤ [0, 0, 0, 0] days, F ≥ [n/a, n/a, n/a, n/a]", result.Thresholds.ToString(), StringComparison.Ordinal);
        Assert.All(result.Memberships.Values, m => Assert.DoesNotContain("lost", m.Ids));
        Assert.All(result.Memberships.Values, m => Assert.DoesNotContain("hibernating", m.Ids));
        Assert.Equal(7, result.Sizes.Single(s => s.Segment.Id == "new-customers").Customers); // R 5, F 1: bought most recently, once
        Assert.Contains(result.Thresholds.Notes, n => n.Message.StartsWith("recency has 1 distinct value among 7 customers", StringComparison.Ordinal));
    }

    // Issue 16's law: on any population, a more recent buyer never scores a lower R than a less recent one, and the most
    // recent buyers (the shortest recency) are never lost or hibernating.
    [Property(MaxTest = 300)]
    public Property Quintiles_RecencyIsMonotone_AndTheMostRecentAreNeverLostOrHibernating()
        => Prop.ForAll(FigureSets, t =>
        {
            if (t.Figures.Length == 0)
            {
                return true.ToProperty();
            }

            var thresholds = RfmScoring.FitQuintiles(t.Figures);
            var monotone = t.Figures.All(a => t.Figures.All(b => a.RecencyDays >= b.RecencyDays || thresholds.Score(a).Recency >= thresholds.Score(b).Recency));
            var shortest = t.Figures.Min(f => f.RecencyDays);
            var catalog = BuiltInSegments.Catalog;
            var context = new EvaluationContext(Instant.FromUtc(2026, 1, 1, 0, 0), DateTimeZone.Utc);
            var recentInBadSegment = t.Figures.Where(f => f.RecencyDays == shortest).Select(thresholds.Score).Where(score =>
            {
                var record = new CustomerRecord { Id = "X", RecencyScore = score.Recency, FrequencyScore = score.Frequency, MonetaryScore = score.Monetary };
                return catalog.Evaluate("lost", record, context) || catalog.Evaluate("hibernating", record, context);
            }).ToList();
            return monotone.Label("monotone")
                .And((recentInBadSegment.Count == 0).Label($"most recent scored {string.Join(" ", recentInBadSegment)}"));
        });

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
                       && score.Recency == 5 - (5 * t.Figures.Count(g => g.RecencyDays < f.RecencyDays) / n);
            }).ToProperty();
        });

    [Fact]
    public void Thresholds_OutOfOrder_AreRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new RfmThresholds([30, 60, 90, 120], [2, 3, 5, 8], [1, 2, 3, 4]));
        Assert.Equal("Invalid RFM recency thresholds: bounds must be non-increasing: [30, 60, 90, 120].", e.Message);
    }
}
