using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Engine;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: every message template the built-in care plans (the agenda's "due today") and the built-in processes can
/// show has a name in English and in Vietnamese; <c>how-is-your-purchase</c> and <c>vip-check-in-call</c> had none and
/// appeared as bare ids.
/// </summary>
public sealed class TemplateNameTests
{
    public static TheoryData<string> Templates() => [.. All()];

    private static List<string> All()
    {
        var sends = BuiltInJourneys.Processes.SelectMany(p => p.Model.States.SelectMany(s => s.OnEntry.Concat(s.OnExit))
                .Concat(p.Model.Transitions.SelectMany(t => t.Effects)))
            .OfType<SendMessage>().Select(m => m.Template);
        var planned = BuiltInCarePlans.All.SelectMany(p => p.Cadences).Select(c => c.Action.Template);
        return [.. sends.Concat(planned).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Templates_CoverTheAgendasCarePlans()
    {
        var all = All();
        Assert.Contains("how-is-your-purchase", all);
        Assert.Contains("vip-check-in-call", all);
        Assert.Equal(31, all.Count);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TemplateName_EveryBuiltInTemplate_HasAnEnglishAndAVietnameseName(string template)
    {
        var english = UiLanguage.English.Apply(() => DisplayNames.TemplateName(template));
        var vietnamese = UiLanguage.Vietnamese.Apply(() => DisplayNames.TemplateName(template));
        Assert.False(string.IsNullOrWhiteSpace(english), template);
        Assert.False(string.IsNullOrWhiteSpace(vietnamese), template);
        Assert.NotEqual(english, vietnamese);
        Assert.Equal($"{vietnamese} ({template})", UiLanguage.Vietnamese.Apply(() => DisplayNames.TemplateLabel(template)));
    }
}
