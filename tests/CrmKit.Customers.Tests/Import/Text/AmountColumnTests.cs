using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class AmountColumnTests
{
    [Fact]
    public void NeedsDecision_FirstProvingValue_DecidesTheColumnAndIsRemembered()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        Assert.False(column.NeedsDecision("125000", 2));
        Assert.True(column.NeedsDecision("125.000", 3));
        Assert.False(column.IsDecided);
        Assert.False(column.NeedsDecision("1.250.000", 4));
        Assert.Equal(NumberFormat.Vietnamese, column.Style);
        Assert.Equal(ColumnFormatSource.Detected, column.Source);
        Assert.Equal(4, column.EvidenceLine);
        Assert.Equal("1.250.000", column.EvidenceText);
        Assert.False(column.NeedsDecision("99.000", 5));
        Assert.Equal(1, column.AmbiguousCount);
        Assert.Equal(125_000m, column.Parse("125.000", 3).Value.Amount);
        Assert.Equal("total: Vietnamese style, detected from line 4 ('1.250.000')", column.Describe());
    }

    [Fact]
    public void Parse_ColumnMixingStyles_NamesBothAndTheDecidingLine()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        column.NeedsDecision("1.250.000", 17);
        column.NeedsDecision("1,250.50", 18);
        Assert.Equal(
            "'1,250.50' is written in the English style, but this column is Vietnamese-style (line 17: '1.250.000'); pass --number-format to say which",
            column.Parse("1,250.50", 18).Error);
    }

    [Fact]
    public void Parse_AmbiguousWhenNothingDecides_IsAnErrorAfterFinish()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        Assert.True(column.NeedsDecision("125.000", 2));
        Assert.False(column.NeedsDecision("300000", 3));
        column.Finish();
        Assert.Equal(
            "'125.000' could be 125000 (Vietnamese style) or 125 (English style); nothing else in the column decides; pass --number-format vi or en",
            column.Parse("125.000", 2).Error);
        Assert.Equal(300_000m, column.Parse("300000", 3).Value.Amount);
        Assert.Equal(ColumnFormatSource.Undecided, column.Source);
        Assert.Equal("total: style not decided (1 ambiguous value)", column.Describe());
    }

    [Fact]
    public void Parse_AmbiguousBeforeFinish_ThrowsBecauseTheRowShouldHaveBeenKept()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        var ex = Assert.Throws<InvalidOperationException>(() => column.Parse("125.000", 9));
        Assert.Equal("Column 'total', line 9: '125.000' is ambiguous and the column's number style is not decided yet; keep the row until the column is decided or call Finish() first.", ex.Message);
    }

    [Fact]
    public void Parse_Configured_ReadsInThatStyleAndRejectsTheOther()
    {
        var column = new AmountColumn("unit_price", NumberFormat.English);
        Assert.False(column.NeedsDecision("125.000", 2));
        Assert.Equal(125m, column.Parse("125.000", 2).Value.Amount);
        Assert.Equal(
            "'1.250.000' is written in the Vietnamese style, but the number format is set to the English style (1,250,000.50)",
            column.Parse("1.250.000", 3).Error);
        Assert.Equal("unit_price: English style, configured", column.Describe());
    }

    [Fact]
    public void Parse_WithoutNeedsDecision_StillDecidesFromAProvingValue()
    {
        var column = new AmountColumn("total", NumberFormat.Auto);
        Assert.Equal(125.5m, column.Parse("125.50", 2).Value.Amount);
        Assert.Equal(NumberFormat.English, column.Style);
        Assert.Equal(125m, column.Parse("125.000", 3).Value.Amount);
    }

    [Fact]
    public void Parse_Invalid_SaysWhy()
        => Assert.Equal("'1.25.000' is not an amount: thousands must be grouped in threes, as in 1.250.000 or 1,250,000",
            new AmountColumn("total", NumberFormat.Vietnamese).Parse("1.25.000", 2).Error);

    // The law the column exists for: in a column written in one style, every value reads as its true value or is
    // an error; and once any value proves the style, every value reads.
    [Property(MaxTest = 500)]
    public Property Parse_SingleStyleColumn_GivesTheTrueValueOrAnError()
        => Prop.ForAll(
            Gen.Elements(NumberFormat.Vietnamese, NumberFormat.English)
                .SelectMany(style => AmountGenerators.In(style).ListOf().Select(list => list.ToArray()))
                .ToArbitrary(),
            values =>
            {
                var column = new AmountColumn("total", NumberFormat.Auto);
                for (var i = 0; i < values.Length; i++)
                {
                    column.NeedsDecision(values[i].Text, i + 2);
                }

                column.Finish();
                var results = values.Select((v, i) => column.Parse(v.Text, i + 2)).ToArray();
                var trueOrError = values.Zip(results).All(p => !p.Second.Success || p.Second.Value.Amount == p.First.Value);
                var proved = values.Any(v => AmountText.Classify(v.Text) is AmountEvidence.ProvesVietnamese or AmountEvidence.ProvesEnglish);
                var allRead = !proved || results.All(r => r.Success);
                return (trueOrError && allRead).Label(string.Join(" | ", values.Zip(results).Select(p => $"{p.First} -> {p.Second}")));
            });

    [Property(MaxTest = 300)]
    public Property Parse_ConfiguredStyle_RoundTrips()
        => Prop.ForAll(AmountGenerators.InEitherStyle.ToArbitrary(), written =>
        {
            var result = new AmountColumn("total", written.Style).Parse(written.Text, 2);
            return (result.Success && result.Value.Amount == written.Value).Label($"{written} -> {result}");
        });
}
