using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: counts with their nouns. English inflects (<c>1 warning</c>, <c>2 warnings</c>, <c>after 1 day</c>,
/// <c>after 90 days</c>); Vietnamese does not (<c>1 cảnh báo</c>, <c>2 cảnh báo</c>, <c>sau 1 ngày</c>), and writes the
/// count the vi-VN way (<c>1.250 cảnh báo</c>).
/// </summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData("en", 0, "0 warnings")]
    [InlineData("en", 1, "1 warning")]
    [InlineData("en", 2, "2 warnings")]
    [InlineData("en", 1250, "1,250 warnings")]
    [InlineData("vi", 0, "0 cảnh báo")]
    [InlineData("vi", 1, "1 cảnh báo")]
    [InlineData("vi", 2, "2 cảnh báo")]
    [InlineData("vi", 1250, "1.250 cảnh báo")]
    public void Warnings_TakeTheLanguagesPlural(string language, long count, string expected)
        => Assert.Equal(expected, UiLanguage.Find(language)!.Apply(() => Display.Count(count, Strings.WarningCountOne, Strings.WarningCountMany)));

    [Theory]
    [InlineData("en", 1, "1 day")]
    [InlineData("en", 7, "7 days")]
    [InlineData("vi", 1, "1 ngày")]
    [InlineData("vi", 7, "7 ngày")]
    public void AgendaDays_TakeTheLanguagesPlural(string language, long count, string expected)
        => Assert.Equal(expected, UiLanguage.Find(language)!.Apply(() => Display.Count(count, Strings.DayCountOne, Strings.DayCountMany)));

    [Theory]
    [InlineData(1, "after 1 day", "sau 1 ngày")]
    [InlineData(90, "after 90 days", "sau 90 ngày")]
    public void AfterTimer_InBothLanguages(int days, string english, string vietnamese)
    {
        var timer = new AfterTimer(Duration.FromDays(days));
        Assert.Equal(english, timer.DescribeFor(UiLanguage.English.Culture));
        Assert.Equal(english, timer.Describe());
        Assert.Equal(vietnamese, timer.DescribeFor(UiLanguage.Vietnamese.Culture));
    }

    [Fact]
    public void AfterTimer_BusinessHours_InVietnamese()
        => Assert.Equal("sau 4 giờ (tính theo giờ làm việc)", new AfterTimer(Duration.FromHours(4), BusinessHours: true).DescribeFor(UiLanguage.Vietnamese.Culture));

    [Fact]
    public void BuiltInTransitionLabels_InVietnamese_EnglishUnchanged()
    {
        var lifecycle = ProcessGraph.InLanguage(BuiltInProcesses.CustomerLifecycle, UiLanguage.Vietnamese.Culture);
        Assert.Contains(lifecycle.Edges, e => e.Label == "order-placed [từ đơn thứ hai trở đi]");
        var activity = ProcessGraph.InLanguage(BuiltInProcesses.CustomerActivity, UiLanguage.Vietnamese.Culture);
        Assert.Contains(activity.Edges, e => e.Label == "sau 90 ngày");
        Assert.Equal(
            ProcessGraph.Of(BuiltInProcesses.CustomerLifecycle).Edges.Select(e => e.Label),
            ProcessGraph.InLanguage(BuiltInProcesses.CustomerLifecycle, UiLanguage.English.Culture).Edges.Select(e => e.Label));
        Assert.Equal("gửi we-miss-you qua Zalo", new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "we-miss-you").DescribeFor(UiLanguage.Vietnamese.Culture));
    }
}
