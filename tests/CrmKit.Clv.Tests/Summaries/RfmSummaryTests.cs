using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class RfmSummaryTests
{
    private static readonly RfmOptions Options = new() { ObservationEnd = new LocalDate(2024, 12, 31), CalibrationEnd = new LocalDate(2024, 9, 30), Unit = TimeUnit.Week };

    private static RfmSummary Built() => RfmSummaryBuilder.FromUnsorted(
        [
            ("b", new LocalDate(2024, 1, 1), 10.0), ("b", new LocalDate(2024, 1, 1), 5.0), ("b", new LocalDate(2024, 3, 4), 20.0),
            ("b", new LocalDate(2024, 11, 2), 7.0), ("a", new LocalDate(2024, 9, 30), 3.0), ("c", new LocalDate(2024, 2, 1), 8.0),
        ],
        Options);

    [Fact]
    public void CreateWithHoldout_TheBuildersColumns_GivesTheBuildersSummary()
    {
        var built = Built();

        var created = RfmSummary.CreateWithHoldout(built.CustomerIds, built.Frequency, built.Recency, built.Age, built.MonetaryValue, built.FrequencyHoldout, built.MonetaryValueHoldout, built.HoldoutDuration, built.Unit);

        Assert.Equal(built.Rows(), created.Rows());
        Assert.Equal(built.HoldoutDuration, created.HoldoutDuration);
        Assert.Equal(built.Unit, created.Unit);

        // Worked by hand: b first bought 2024-01-01, repeat day 2024-03-04 (63 days = 9 weeks), calibration end 2024-09-30
        // (273 days = 39 weeks), one holdout day; a first bought on the calibration end (age 0); holdout 92 days.
        Assert.Equal(["a", "b", "c"], created.CustomerIds.ToArray());
        Assert.Equal(new RfmRow("b", 1, 9, 39, 20, 1, 1, 7), created[1]);
        Assert.Equal(0, created[0].Age);
        Assert.Equal(92 / 7.0, created.HoldoutDuration, 12);
    }

    [Fact]
    public void CreateWithHoldout_BadValues_NameTheColumnAndRow()
    {
        string[] ids = ["a", "b"];
        double[] zero = [0, 0];
        Assert.Equal("Invalid frequency: row 1: 1.5 is not a whole number ≥ 0.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, [0, 1.5], [0, 1], [1, 2], zero, zero, zero, 0, TimeUnit.Week)).Message);
        Assert.Equal("Invalid age: row 0: -1 is not a finite age ≥ 0.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, zero, zero, [-1, 2], zero, zero, zero, 0, TimeUnit.Week)).Message);
        Assert.Equal("Invalid recency: row 1: 3 is not within 0..age (2).", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, [0, 1], [0, 3], [1, 2], zero, zero, zero, 0, TimeUnit.Week)).Message);
        Assert.Equal("Invalid holdout frequency: row 0: -1 is not a whole number ≥ 0.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, zero, zero, [1, 2], zero, [-1, 0], zero, 1, TimeUnit.Week)).Message);
        Assert.Equal("Invalid holdout monetary value: row 1: NaN is not a finite amount ≥ 0.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, zero, zero, [1, 2], zero, zero, [0, double.NaN], 1, TimeUnit.Week)).Message);
        Assert.Equal("Invalid holdout duration: -2 is not a finite duration ≥ 0.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, zero, zero, [1, 2], zero, zero, zero, -2, TimeUnit.Week)).Message);
        Assert.Equal("Invalid customer ids: row 0: is null.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout([null!, "b"], zero, zero, [1, 2], zero, zero, zero, 0, TimeUnit.Week)).Message);
        Assert.Equal("Invalid holdout frequency: has 1 values but frequency has 2.", Assert.Throws<InvalidValueException>(() => RfmSummary.CreateWithHoldout(ids, zero, zero, [1, 2], zero, [0], zero, 0, TimeUnit.Week)).Message);
    }

    [Fact]
    public void CreateWithHoldout_Columns_AreCopied()
    {
        double[] frequency = [1];
        var summary = RfmSummary.CreateWithHoldout(["a"], frequency, [1], [2], [5], [0], [0], 0, TimeUnit.Day);
        frequency[0] = 7;
        Assert.Equal(1, summary.Frequency[0]);
    }

    [Fact]
    public void TimeUnitsDays_EveryUnit_IsItsLengthInDays()
    {
        Assert.Equal([1, 7, 30.4375, 365.25], Enum.GetValues<TimeUnit>().Select(TimeUnits.Days).ToArray());
        Assert.Throws<InvalidValueException>(() => TimeUnits.Days((TimeUnit)9));
    }
}
