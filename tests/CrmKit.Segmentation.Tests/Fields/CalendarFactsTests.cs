namespace CrmKit.Segmentation.Tests;

public sealed class CalendarFactsTests
{
    private static Arbitrary<(LocalDate Birth, LocalDate Today)> Dates { get; } =
        (from b in Gen.Choose(0, 100 * 366) from t in Gen.Choose(0, 100 * 366)
         select (new LocalDate(1930, 1, 1).PlusDays(b), new LocalDate(1930, 1, 1).PlusDays(t))).ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property Age_MatchesNodaTimePeriod()
        => Prop.ForAll(Dates, d =>
        {
            var customer = new Customer { Id = new CustomerId("KH1"), DisplayName = "An", CreatedAt = Instant.FromUtc(2020, 1, 1, 0, 0), BirthDate = d.Birth };
            return CalendarFacts.Age(d.Birth, d.Today) == customer.AgeOn(d.Today);
        });

    [Property(MaxTest = 500)]
    public Property LatestBirthForAge_IsTheBoundary()
        => Prop.ForAll(Dates, d =>
        {
            var years = Math.Abs(d.Birth.Year - d.Today.Year) % 90;
            var limit = CalendarFacts.LatestBirthForAge(years, d.Today);
            return (CalendarFacts.Age(limit, d.Today) >= years && !(CalendarFacts.Age(limit.PlusDays(1), d.Today) >= years)).Label($"{years} at {d.Today}: {limit}");
        });

    [Theory]
    [InlineData("2000-02-29", "2025-02-27", 24)]
    [InlineData("2000-02-29", "2025-02-28", 25)] // common year: the birthday is kept on 28 February
    [InlineData("2000-02-29", "2028-02-28", 27)]
    [InlineData("2000-02-29", "2028-02-29", 28)]
    public void Age_LeapDayBirth(string birth, string today, int age)
        => Assert.Equal(age, CalendarFacts.Age(LocalDate.FromDateTime(DateTime.Parse(birth, System.Globalization.CultureInfo.InvariantCulture)), LocalDate.FromDateTime(DateTime.Parse(today, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData(2025, 2, 22, 6)] // common year: 29 February falls on 28 February
    [InlineData(2025, 2, 28, 0)]
    [InlineData(2025, 3, 1, 364)] // next: 28 February 2026
    [InlineData(2028, 2, 28, 1)]
    public void DaysUntilAnniversary_LeapDay(int year, int month, int day, int expected)
        => Assert.Equal(expected, CalendarFacts.DaysUntilAnniversary(new LocalDate(2000, 2, 29), new LocalDate(year, month, day)));

    [Fact]
    public void BirthdayWithinAWeek_AgreesAcrossEvaluators_OnLeapDayBirths()
    {
        var rule = RuleJson.Parse("""{"field":"daysUntilBirthday","op":"<=","value":6}""");
        var record = new CustomerRecord { Id = "KH1", BirthDate = new LocalDate(1996, 2, 29) };
        var compiler = new RuleCompiler();
        foreach (var (today, expected) in new[] { (new LocalDate(2025, 2, 22), true), (new LocalDate(2025, 2, 21), false), (new LocalDate(2028, 2, 23), true), (new LocalDate(2028, 2, 22), false) })
        {
            var context = new EvaluationContext(today.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), DateTimeZone.Utc);
            Assert.Equal((expected, expected, expected), RuleGenerators.EvaluateAll(rule, record, context, compiler));
        }
    }

    [Property(MaxTest = 1000)]
    public Property DaysUntilAnniversary_MatchesDayByDaySearch()
        => Prop.ForAll(OccasionCases.AroundNewYear, c =>
        {
            var (actual, expected) = (CalendarFacts.DaysUntilAnniversary(c.Date, c.Today), OccasionCases.DaysUntilBySearch(c.Date, c.Today));
            return (actual == expected).Label($"{c.Date} on {c.Today}: {actual}, search {expected}");
        });

    [Property(MaxTest = 300)]
    public Property BirthdayAndAnniversaryWithinNDays_AcrossNewYear_AllEvaluatorsMatchTheSearch()
        => Prop.ForAll(OccasionCases.AroundNewYear, c =>
        {
            var compiler = new RuleCompiler();
            var days = OccasionCases.DaysUntilBySearch(c.Date, c.Today);
            var expected = OccasionCases.Expected(days, c.Op, c.Bound);
            var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
            var context = new EvaluationContext((c.Today + new LocalTime(23, 30)).InZoneStrictly(zone).ToInstant(), zone);
            var birthday = new CustomerRecord { Id = "KH1", BirthDate = c.Date };
            var joined = new CustomerRecord { Id = "KH2", JoinedOn = c.Date };
            var byBirthday = RuleGenerators.EvaluateAll(Rule.Compare(Field.Of(FieldKind.DaysUntilBirthday), c.Op, (decimal)c.Bound), birthday, context, compiler);
            var byAnniversary = RuleGenerators.EvaluateAll(Rule.Compare(Field.Of(FieldKind.DaysUntilAnniversary), c.Op, (decimal)c.Bound), joined, context, compiler);
            return (byBirthday == (expected, expected, expected) && byAnniversary == (expected, expected, expected))
                .Label($"{c}: {days} days; birthday {byBirthday}, anniversary {byAnniversary}, expected {expected}");
        });
}
