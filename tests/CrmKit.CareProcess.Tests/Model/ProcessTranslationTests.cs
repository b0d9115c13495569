using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.CareProcess.Tests;

/// <summary>Process names and labels by language (issue 21): <see cref="ProcessModel.WithTranslation"/>, the built-ins, the JSON.</summary>
public sealed class ProcessTranslationTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static IEnumerable<LocalizedText?> Texts(ProcessModel m)
        => [m.Name, m.Description, .. m.States.Select(s => s.Description), .. m.Triggers.Select(t => t.Description)];

    [Fact]
    public void BuiltIns_EveryNameAndLabelHasItsOwnVietnameseText()
    {
        Assert.Equal(6, BuiltInProcesses.All.Length);
        foreach (var text in BuiltInProcesses.All.SelectMany(p => Texts(p.Model)).OfType<LocalizedText>())
        {
            Assert.Equal(["en", "vi"], text.Texts.Keys);
            Assert.NotEqual(text.Get(CultureInfo.InvariantCulture), text.Get(Vietnamese));
        }

        Assert.Equal("Chăm sóc sau bán hàng", BuiltInProcesses.AfterSale.Model.Name.Get(Vietnamese));
        Assert.Equal("After-sale care", BuiltInProcesses.AfterSale.Model.Name.Get(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithTranslation_MissingTexts_AreAllListed()
    {
        var model = new ProcessBuilder("p", "Ticket", "open").State("open", "Open").State("done", "Done", final: true).Trigger("close", "Close it")
            .On("open", "close", "done").ToModel();
        var e = Assert.Throws<ArgumentException>(() => model.WithTranslation("vi", new Dictionary<string, string> { ["Ticket"] = "Phiếu" }));
        Assert.Equal("Process 'p' has texts without a 'vi' translation: \"Close it\"; \"Done\"; \"Open\". (Parameter 'translations')", e.Message);

        var translated = model.WithTranslation("vi", new Dictionary<string, string> { ["Ticket"] = "Phiếu", ["Open"] = "Đang mở", ["Done"] = "Xong", ["Close it"] = "Đóng phiếu" });
        Assert.Equal("Đang mở", translated.States[0].Description!.Get(Vietnamese));
        Assert.Equal("Open", translated.States[0].Description!.Get(CultureInfo.InvariantCulture));
        Assert.Equal(model.Transitions, translated.Transitions);
    }

    [Fact]
    public void Json_LocalizedDefinition_RoundTrips_AndOldPlainStringsStillRead()
    {
        var json = ProcessJson.Write(BuiltInProcesses.WarrantyCase);
        Assert.Contains("\"vi\": \"Bảo hành / sửa chữa\"", json, StringComparison.Ordinal);
        var read = ProcessJson.ReadDefinition(json);
        Assert.Equal(BuiltInProcesses.WarrantyCase.Model.Name, read.Model.Name);
        Assert.Equal(BuiltInProcesses.WarrantyCase.Model.States.Select(s => s.Description), read.Model.States.Select(s => s.Description));

        var plain = ProcessJson.ReadDefinition("""{"id": "p", "name": "Plain", "initial": "a", "states": [{"id": "a", "description": "Only state", "final": true}]}""");
        Assert.True(plain.Model.Name.IsSameInEveryLanguage);
        Assert.Equal("Only state", plain.Model.States[0].Description!.Get(Vietnamese));
    }

    [Fact]
    public void Json_BadLocalizedName_SaysWhere()
    {
        var e = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition("""{"id": "p", "name": {"vi": 1}, "initial": "a", "states": [{"id": "a", "final": true}]}"""));
        Assert.Equal("$.name: vi: expected a text, found 1.", Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void Mermaid_LabelsFollowTheCurrentUICulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Vietnamese;
            var vi = ProcessDiagram.Mermaid(BuiltInProcesses.SupportTicket);
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var en = ProcessDiagram.Mermaid(BuiltInProcesses.SupportTicket);
            Assert.Contains("%% Phiếu hỗ trợ", vi, StringComparison.Ordinal);
            Assert.Contains("Chờ khách phản hồi", vi, StringComparison.Ordinal);
            Assert.Contains("%% Support ticket", en, StringComparison.Ordinal);
            Assert.DoesNotContain("Chờ khách", en, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
