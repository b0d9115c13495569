using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class AmountTextTests
{
    [Theory]
    [InlineData("125000", "Neutral")]
    [InlineData("0", "Neutral")]
    [InlineData("1 250 000", "Neutral")]
    [InlineData("1\u00A0250\u00A0000 ₫", "Neutral")]
    [InlineData("1.250.000", "ProvesVietnamese")]
    [InlineData("1,25", "ProvesVietnamese")]
    [InlineData("2.390.000,50", "ProvesVietnamese")]
    [InlineData("1250000,5", "ProvesVietnamese")]
    [InlineData("0,500", "ProvesVietnamese")]
    [InlineData("1 250 000,50", "ProvesVietnamese")]
    [InlineData("1,250,000", "ProvesEnglish")]
    [InlineData("125.50", "ProvesEnglish")]
    [InlineData("1,250.00", "ProvesEnglish")]
    [InlineData("1250000.5", "ProvesEnglish")]
    [InlineData("0.125", "ProvesEnglish")]
    [InlineData("125.000", "Ambiguous")]
    [InlineData("1,250", "Ambiguous")]
    [InlineData("-1.234 VND", "Ambiguous")]
    [InlineData("1.25.000", "Invalid")]
    [InlineData("12 kg", "Invalid")]
    [InlineData("abc", "Invalid")]
    [InlineData("1.250,000.5", "Invalid")]
    [InlineData("", "Invalid")]
    public void Classify_Value_SaysWhatItProves(string text, string expected)
        => Assert.Equal(Enum.Parse<AmountEvidence>(expected), AmountText.Classify(text));

    [Theory]
    [InlineData("125.000", "Vietnamese", 125000)]
    [InlineData("125.000", "English", 125)]
    [InlineData("1.250.000", "Vietnamese", 1250000)]
    [InlineData("2.390.000,50", "Vietnamese", 2390000.50)]
    [InlineData("1,250,000.00", "English", 1250000)]
    [InlineData("1250000.5", "English", 1250000.5)]
    [InlineData("  '1.250.000 ", "Vietnamese", 1250000)]
    [InlineData("-125.000", "Vietnamese", -125000)]
    [InlineData("1 250 000", "English", 1250000)]
    [InlineData("1\u202F250\u202F000,5", "Vietnamese", 1250000.5)]
    [InlineData("−2,5", "Vietnamese", -2.5)]
    public void Parse_InAStyle_ReadsTheAmount(string text, string style, double expected)
    {
        var result = AmountText.Parse(text, Enum.Parse<NumberFormat>(style));
        Assert.True(result.Success, result.Error);
        Assert.Equal((decimal)expected, result.Value.Amount);
    }

    [Theory]
    [InlineData("125.000₫", "₫", "VND")]
    [InlineData("125.000 ₫", "₫", "VND")]
    [InlineData("₫125.000", "₫", "VND")]
    [InlineData("125.000đ", "đ", "VND")]
    [InlineData("125.000 Đ", "Đ", "VND")]
    [InlineData("125.000 VNĐ", "VNĐ", "VND")]
    [InlineData("125.000 vnđ", "vnđ", "VND")]
    [InlineData("125.000 VND", "VND", "VND")]
    [InlineData("125.000 vnd", "vnd", "VND")]
    [InlineData("125.000 đồng", "đồng", "VND")]
    [InlineData("$125.000", "$", "USD")]
    [InlineData("US$ 125.000", "US$", "USD")]
    [InlineData("125.000 €", "€", "EUR")]
    [InlineData("£125.000", "£", "GBP")]
    [InlineData("125.000 JPY", "JPY", "JPY")]
    [InlineData("125.000 sgd", "sgd", "SGD")]
    [InlineData("-$125.000", "$", "USD")]
    [InlineData("$-125.000", "$", "USD")]
    public void Parse_CurrencyMark_IsReportedWithItsCode(string text, string mark, string code)
    {
        var reading = AmountText.Parse(text, NumberFormat.Vietnamese).GetValueOrThrow("total");
        Assert.Equal(125_000m, Math.Abs(reading.Amount));
        Assert.Equal(mark, reading.CurrencyMark);
        Assert.Equal(code, reading.CurrencyCode);
    }

    [Fact]
    public void Parse_CurrencyMarkInNfd_IsRecognised()
        => Assert.Equal("VND", AmountText.Parse("125.000 đồng".Normalize(System.Text.NormalizationForm.FormD), NumberFormat.Vietnamese).Value.CurrencyCode);

    [Theory]
    [InlineData("1.25.000", "'1.25.000' is not an amount: thousands must be grouped in threes, as in 1.250.000 or 1,250,000")]
    [InlineData("12 kg", "'12 kg' is not an amount: 'kg' is not a currency mark; use ₫, đ, VNĐ, $, US$, €, £ or a three-letter ISO 4217 code such as VND")]
    [InlineData("₫", "'₫' is not an amount: it has no digits")]
    [InlineData("hai triệu", "'hai triệu' is not an amount: it has no digits")]
    [InlineData("(1.250.000)", "'(1.250.000)' is not an amount: accounting parentheses are not read as a minus; write the amount with '-'")]
    [InlineData("$ 12 €", "'$ 12 €' is not an amount: it has a currency mark on both sides")]
    [InlineData("12a34", "'12a34' is not an amount: 'a' cannot stand between its digits")]
    [InlineData("1,000.000,5", "'1,000.000,5' is not an amount: its separators fit neither 1.250.000,50 (Vietnamese style) nor 1,250,000.50 (English style)")]
    [InlineData("12345678901234567890123456789", "'12345678901234567890123456789' is not an amount: it has more digits than an amount can hold (28)")]
    public void Parse_NotAnAmount_SaysWhy(string text, string error)
        => Assert.Equal(error, AmountText.Parse(text, NumberFormat.Vietnamese).Error);

    [Fact]
    public void Parse_OtherStyle_IsAnErrorNotAnotherMagnitude()
        => Assert.Equal(
            "'1,250.50' is written in the English style, but the number format is set to the Vietnamese style (1.250.000,50)",
            AmountText.Parse("1,250.50", NumberFormat.Vietnamese).Error);

    [Fact]
    public void Parse_AutoAmbiguous_IsAnErrorGivingBothReadings()
        => Assert.Equal(
            "'1,250' could be 1.25 (Vietnamese style) or 1250 (English style); pass --number-format vi or en",
            AmountText.Parse("1,250", NumberFormat.Auto).Error);

    [Theory]
    [InlineData("1.250.000", 1250000)]
    [InlineData("125.50", 125.5)]
    [InlineData("125000", 125000)]
    public void Parse_AutoUnambiguous_ReadsIt(string text, double expected)
        => Assert.Equal((decimal)expected, AmountText.Parse(text, NumberFormat.Auto).Value.Amount);

    [Property(MaxTest = 1000)]
    public Property Parse_WrittenInItsStyle_RoundTrips()
        => Prop.ForAll(AmountGenerators.InEitherStyle.ToArbitrary(), written =>
        {
            var result = AmountText.Parse(written.Text, written.Style);
            return (result.Success && result.Value.Amount == written.Value && result.Value.CurrencyCode == written.Code)
                .Label($"{written} read as {result}");
        });

    [Property(MaxTest = 1000)]
    public Property Parse_Auto_GivesTheTrueValueOrAnError()
        => Prop.ForAll(AmountGenerators.InEitherStyle.ToArbitrary(), written =>
        {
            var result = AmountText.Parse(written.Text, NumberFormat.Auto);
            return (!result.Success || result.Value.Amount == written.Value).Label($"{written} read as {result}");
        });

    [Property(MaxTest = 1000)]
    public Property Classify_NeverProvesTheOtherStyle()
        => Prop.ForAll(AmountGenerators.InEitherStyle.ToArbitrary(), written =>
        {
            var evidence = AmountText.Classify(written.Text);
            var other = written.Style == NumberFormat.Vietnamese ? AmountEvidence.ProvesEnglish : AmountEvidence.ProvesVietnamese;
            return (evidence != other && evidence != AmountEvidence.Invalid).Label($"{written}: {evidence}");
        });

    // Guards the properties above against vacuity: the generator must produce every kind of evidence and every mark.
    [Fact]
    public void Generator_ProducesEveryKindOfEvidenceAndMark()
    {
        var sample = Gen.Sample(AmountGenerators.InEitherStyle, 3000);
        Assert.Equal(3000, sample.Length);
        var kinds = sample.Select(w => AmountText.Classify(w.Text)).ToHashSet();
        Assert.Equal([AmountEvidence.Neutral, AmountEvidence.ProvesVietnamese, AmountEvidence.ProvesEnglish, AmountEvidence.Ambiguous], kinds.Order());
        Assert.Equal(AmountGenerators.Marks.Length, sample.Select(w => w.Mark).Distinct().Count());
        Assert.Contains(sample, w => w.Value < 0);
        Assert.Contains(sample, w => w.Value >= 1_000_000_000m);
        Assert.Contains(sample, w => w.Text.StartsWith('\''));
    }
}
