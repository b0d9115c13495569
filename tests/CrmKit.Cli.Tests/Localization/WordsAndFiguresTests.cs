using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Report.Charts;
using CrmKit.Customers;
using CrmKit.Review;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// One word per outcome in each language, in the command output and the report alike, figures through
/// <see cref="Display"/>, and charts in the report's order and language (newcomer trial, issue 21).
/// </summary>
public sealed class WordsAndFiguresTests
{
    /// <summary>The outcomes, their English word and the team's Vietnamese term for each (one term per outcome).</summary>
    public static TheoryData<string, string> Outcomes => new()
    {
        { "deferred", "hoãn lại" },
        { "skipped", "bỏ qua" },
        { "dropped", "bỏ lỡ" },
        { "cancelled", "đã huỷ" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Outcome_EveryResourceThatNamesIt_UsesTheOneTerm(string english, string vietnamese)
    {
        // Every key of every table whose English text is the bare outcome word must carry the same Vietnamese term: a
        // second translation (the report's 'bỏ lỡ' beside the summary's 'huỷ bỏ') fails here.
        var found = 0;
        foreach (var table in ((IEnumerable<object[]>)LanguageTests.Tables()).Select(row => (string)row[0]))
        {
            var en = LanguageTests.Table(table, "");
            var vi = LanguageTests.Table(table, "vi");
            foreach (var (key, text) in en.Where(e => string.Equals(e.Value.Trim(), english, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(vi[key] == vietnamese, $"{table}.{key}: '{vi[key]}', the outcome '{english}' is '{vietnamese}' everywhere");
                found++;
            }
        }

        Assert.True(found > 0, $"no resource names the outcome '{english}'");
    }

    [Fact]
    public void Outcome_AgendaAndEngineWords_AreTheSameInBothLanguages()
    {
        foreach (var language in new[] { UiLanguage.English, UiLanguage.Vietnamese })
        {
            language.Apply(() =>
            {
                Assert.Equal(DisplayNames.Of(AgendaStatus.Deferred), DisplayNames.Of(ContactVerdict.Deferred));
                Assert.Equal(DisplayNames.Of(AgendaStatus.Skipped), DisplayNames.Of(ContactVerdict.Skipped));
                Assert.Equal(DisplayNames.Of(AgendaStatus.Dropped), DisplayNames.Of(ContactVerdict.Dropped));
                Assert.Equal(DisplayNames.Of(OrderStatus.Cancelled), DisplayNames.Of(CrmKit.Engine.OutboxState.Cancelled));
                return 0;
            });
        }
    }

    [Theory]
    // Worked by hand: vi-VN groups with '.', decimals with ','; G4 keeps four significant digits below 10,000.
    [InlineData("vi", 3_589_237.4, "3.589.237")]
    [InlineData("en", 3_589_237.4, "3,589,237")]
    [InlineData("vi", 0.243_38, "0,2434")]
    [InlineData("en", 0.243_38, "0.2434")]
    [InlineData("vi", 9_999.4, "9999")]
    [InlineData("vi", 10_000.0, "10.000")]
    [InlineData("en", double.NaN, "–")]
    public void Parameter_LargeValues_AreWholeNumbersNeverExponents(string language, double value, string expected)
        => Assert.Equal(expected, UiLanguage.Find(language)!.Apply(() => Display.Parameter(value)));

    [Fact]
    public void StaffChart_SortsBySize_MostDueOnTop()
    {
        ImmutableArray<StaffFigures> staff = [new("NV01", 3, 1), new("NV02", 10, 2), new("NV03", 10, 5), new("NV04", 0, 0), new("NV05", 3, 1)];

        var model = StaffChart.Build(staff);

        var axis = model.Axes.OfType<CategoryAxis>().Single();
        Assert.Equal(["NV03", "NV02", "NV01", "NV05", "NV04"], axis.ItemsSource.Cast<string>());
        // The first category at the top, as the report's other bar charts.
        Assert.Equal((1, 0), (axis.StartPosition, axis.EndPosition));
        Assert.Equal([10.0, 10, 3, 3, 0], ((BarSeries)model.Series[0]).Items.Select(i => i.Value));
    }

    [Fact]
    public void AgendaChannelChart_LegendAndAxis_AreInTheReportsLanguage()
    {
        var (legend, axis) = UiLanguage.Vietnamese.Apply(() =>
        {
            var model = AgendaChannelChart.Build([ContactChannel.PhoneCall, ContactChannel.Zalo], new Dictionary<(AgendaStatus, ContactChannel), int> { [(AgendaStatus.Due, ContactChannel.PhoneCall)] = 2 });
            return (model.Series.Select(s => s.Title).ToList(), model.Axes.OfType<CategoryAxis>().Single().ItemsSource.Cast<string>().ToList());
        });

        var expected = UiLanguage.Vietnamese.Apply(() => (Enum.GetValues<AgendaStatus>().Select(s => DisplayNames.Of(s)).ToList(), new[] { DisplayNames.Of(ContactChannel.PhoneCall), DisplayNames.Of(ContactChannel.Zalo) }.ToList()));
        Assert.Equal(expected.Item1, legend);
        Assert.Equal(expected.Item2, axis);
        Assert.Contains("bỏ lỡ", legend);
        Assert.DoesNotContain("phoneCall", axis);
    }

    public static TheoryData<string> Presets() => [.. CrmKit.Customers.Import.ImportMapping.PresetNames];

    [Theory]
    [MemberData(nameof(Presets))]
    public void PresetDescription_EnglishIsThePresetsOwn_VietnameseIsTranslated(string preset)
    {
        var english = UiLanguage.English.Apply(() => CrmKitCommandLine.PresetDescription(preset));
        var vietnamese = UiLanguage.Vietnamese.Apply(() => CrmKitCommandLine.PresetDescription(preset));

        Assert.Equal(CrmKit.Customers.Import.ImportMapping.Preset(preset).Description, english);
        Assert.NotEqual(english, vietnamese);
        Assert.Contains(vietnamese, CliRunner.Run("presets", "--lang", "vi").Output, StringComparison.Ordinal);
    }
}
