using System.Text.RegularExpressions;

namespace CrmKit.Segmentation.Tests;

public sealed partial class FieldTableTests
{
    [Fact]
    public void All_HasOneRowPerFieldKind_InEnumOrder()
        => Assert.Equal(Enum.GetValues<FieldKind>(), FieldTable.All.Select(d => d.Kind));

    [Fact]
    public void Of_UndefinedKind_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Field.Of((FieldKind)999));
        Assert.StartsWith("999 is not a defined field kind.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_ReadingARecordProperty_NameAPropertyOfTheirShape()
    {
        // The evaluators read these properties by name; a row naming a property of another shape would fail at
        // compile time of the first rule, so the table is checked here once for every row.
        foreach (var d in FieldTable.All)
        {
            var type = d.PropertyInfo?.PropertyType;
            var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
            var ok = d.Reading switch
            {
                FieldReading.Choice => underlying!.IsEnum && d.Type == FieldType.Choice,
                FieldReading.Text => underlying == typeof(string) && d.KeyProperty is not null && d.Type == FieldType.Text,
                FieldReading.Date => underlying == typeof(LocalDate) && d.Type == FieldType.Date,
                FieldReading.Integer => (underlying == typeof(int) || underlying == typeof(long)) && d.Type == FieldType.Number,
                FieldReading.Real => underlying == typeof(double) && d.Type == FieldType.Number,
                FieldReading.AgeFromDate or FieldReading.DaysUntilAnniversary => underlying == typeof(LocalDate) && d.Type == FieldType.Number,
                FieldReading.DaysSinceInstant => underlying == typeof(Instant) && d.Type == FieldType.Number,
                _ => type is null,
            };
            Assert.True(ok, $"{d.Kind}: reading {d.Reading} with property {d.Property} ({type?.Name}) and type {d.Type}");
        }
    }

    [Fact]
    public void Field_Of_EveryPlainKind_TakesNameTypeAndChoicesFromTheTable()
    {
        foreach (var d in FieldTable.All.Where(d => !d.NeedsParameters))
        {
            var field = Field.Of(d.Kind);
            Assert.Equal((d.Name, d.Type, d.ChoiceType, d.AlwaysSet, false), (field.Name, field.Type, field.ChoiceType, field.IsAlwaysSet, field.IsOrderField));
            Assert.Equal(field, RuleJson.Parse($$"""{"field":"{{d.Name}}","op":"isSet"}""") is Condition c ? c.Field : null);
        }

        foreach (var d in FieldTable.All.Where(d => d.IsOrderField))
        {
            var field = Field.Order(d.Kind);
            Assert.Equal((d.Name, FieldType.Number, d.AlwaysSet, true), (field.Name, field.Type, field.IsAlwaysSet, field.IsOrderField));
            var windowed = $$"""{"field":"{{d.Name}}","days":30,"op":"isSet"}""";
            if (d.TakesWindow)
            {
                Assert.Equal(30, ((Condition)RuleJson.Parse(windowed)).Field.Orders!.Days);
            }
            else
            {
                var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(windowed));
                Assert.Equal($"Invalid rule: $.days: '{d.Name}' does not take a window; windows apply to orders.count, orders.sum, orders.average and orders.max.", e.Message);
            }
        }
    }

    [Fact]
    public void Docs_FieldTable_IsGeneratedFromTheTable()
    {
        // docs/segmentation.md lists the fields between markers; CRMKIT_UPDATE_DOCS=1 rewrites the list from FieldTable.
        var path = RepositoryRoot.Path("docs", "segmentation.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var match = DocsFields().Match(text);
        Assert.True(match.Success, "docs/segmentation.md has no <!-- fields:begin … --> … <!-- fields:end --> section");
        var expected = FieldTable.Markdown();
        if (match.Groups["table"].Value != expected && Environment.GetEnvironmentVariable("CRMKIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..match.Groups["table"].Index] + expected + text[(match.Groups["table"].Index + match.Groups["table"].Length)..]);
            return;
        }

        Assert.Equal(expected, match.Groups["table"].Value);
    }

    [GeneratedRegex(@"<!-- fields:begin[^\n]*-->\n(?<table>.*?)<!-- fields:end -->", RegexOptions.Singleline)]
    private static partial Regex DocsFields();
}
