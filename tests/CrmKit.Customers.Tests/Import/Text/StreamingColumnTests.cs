using System.Globalization;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// A streaming reader asks a column about each cell twice (NeedsDecision, then Parse); the columns keep the analysis
/// of the last value for the second question. These check that a value is always read as itself, whatever was asked
/// before: the expected values are the generated numbers and instants themselves.
/// </summary>
public class StreamingColumnTests
{
    private static readonly DateTimeZone Vietnam = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    [Fact]
    public void Amount_ParseAfterAnotherValue_ReadsItsOwnText()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        Assert.False(column.NeedsDecision("125000", 2));
        Assert.Equal(1250.5m, column.Parse("1.250,50", 3).Value.Amount);   // proves Vietnamese: read as itself, not as 125000
        Assert.Equal(NumberFormat.Vietnamese, column.Style);
        Assert.Equal(3, column.EvidenceLine);
        Assert.Equal(125000m, column.Parse("125000", 2).Value.Amount);
    }

    [Property(MaxTest = 300)]
    public Property Amount_EachValueReadAsItself_InAnyOrderOfQuestions()
        => Prop.ForAll(Gen.ListOf(Gen.Choose(0, int.MaxValue)).ToArbitrary(), values =>
        {
            var column = new AmountColumn("total", NumberFormat.Auto);
            var previous = "0";
            foreach (var value in values)
            {
                var text = value.ToString(CultureInfo.InvariantCulture);
                column.NeedsDecision(previous, 1);   // a question about another cell in between
                column.NeedsDecision(text, 2);
                if (column.Parse(text, 2).Value.Amount != value || column.Parse(previous, 1).Value.Amount != decimal.Parse(previous, CultureInfo.InvariantCulture))
                {
                    return false;
                }

                previous = text;
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property Instant_EachValueReadAsItself_InAnyOrderOfQuestions()
        => Prop.ForAll(Gen.ListOf(Gen.Choose(0, 2_000_000_000)).ToArbitrary(), seconds =>
        {
            var column = new DateTimeColumn("placed_at", DateOrder.Auto, DateOrder.DayFirst, Vietnam);
            var previous = Instant.FromUnixTimeSeconds(0);
            foreach (var s in seconds)
            {
                var instant = Instant.FromUnixTimeSeconds(s);
                var text = instant.WithOffset(Offset.FromHours(7)).ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", CultureInfo.InvariantCulture);
                var before = previous.WithOffset(Offset.FromHours(7)).ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", CultureInfo.InvariantCulture);
                column.NeedsDecision(before, 1);
                column.NeedsDecision(text, 2);
                if (column.ParseInstant(text, 2).Value != instant || column.ParseInstant(before, 1).Value != previous)
                {
                    return false;
                }

                previous = instant;
            }

            return true;
        });

    [Fact]
    public void Date_ParseAfterAnotherValue_ReadsItsOwnText()
    {
        var column = new DateTimeColumn("birth_date", DateOrder.Auto, DateOrder.DayFirst, Vietnam);
        Assert.False(column.NeedsDecision("13/05/1990", 2));   // proves day first
        Assert.Equal(new LocalDate(1991, 6, 14), column.ParseDate("14/06/1991", 3).Value);
        Assert.Equal(new LocalDate(1990, 5, 13), column.ParseDate("13/05/1990", 2).Value);
    }
}
