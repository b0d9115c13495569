using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Profile;
using CrmKit.Cli.Report;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Engine;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, the Vietnamese shop owner's newcomer trial (vi24): each finding fixed as a kind, everywhere the same
/// mistake happened, with one test per kind.
/// </summary>
public sealed partial class TrialFindingsTests
{
    // The checkout (CallerFilePath is '/_/…' in CI's deterministic build, so the source folder is found from the output).
    private static string Repo() => RepositoryRoot.Path();

    // Second trial: the report's task card counted every task the journeys ever created (91 on a small shop, most of
    // them due months ago), where the summary said how many are open. Both now count the open ones.
    [Fact]
    public void OpenTasks_ReportCardAndSummary_CountTheSame()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-open-tasks-").FullName;
        try
        {
            var report = Path.Combine(folder, "report.html");
            var (code, output, _) = CliRunner.Run("run", "--sample", "--report", report, "--lang", "en");
            Assert.Equal(0, code);
            var summary = Regex.Match(output, @"([\d,]+) open tasks \(([\d,]+) earlier ones");
            Assert.True(summary.Success, output);
            var open = int.Parse(summary.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var earlier = int.Parse(summary.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(earlier > 0, "the sample has tasks due before the as-of time");
            var html = File.ReadAllText(report);
            Assert.Contains($"<div class=\"card\"><b>{open.ToString("N0", CultureInfo.GetCultureInfo("en-US"))}</b>open tasks</div>", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // 1. Task titles and staff roles: the report's task table printed them in English; one rule now (DisplayNames).
    [Fact]
    public void TaskTitleAndRoleName_InVietnamese_AreVietnamese_InEnglish_AsTheEngineWroteThem()
    {
        var task = new CareTask("k", new CustomerId("KH00001"), "Assign to care-lead", "care-lead", Instant.FromUnixTimeSeconds(0), null, "after-sale@v1", "i", IsAssignment: true);
        Assert.Equal("Phân công người phụ trách: trưởng nhóm chăm sóc khách hàng", UiLanguage.Vietnamese.Apply(() => DisplayNames.TaskTitle(task)));
        Assert.Equal("Assign to care-lead", UiLanguage.English.Apply(() => DisplayNames.TaskTitle(task)));
        foreach (var role in new[] { "care", "care-lead", "marketing", "sales", "support", "warranty" })
        {
            Assert.NotEqual(role, UiLanguage.Vietnamese.Apply(() => DisplayNames.RoleName(role)));
        }

        var report = File.ReadAllText(Path.Combine(Repo(), "src", "CrmKit.Cli", "Report", "HtmlReport.cs"));
        Assert.DoesNotContain("Html(t.Title)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("t.Role ?? ", report, StringComparison.Ordinal);
    }

    // 2. Help placeholders: every <…> of every command's help is Vietnamese in --lang vi (a value list keeps its values).
    public static TheoryData<string[]> Commands() =>
    [
        ["run"], ["presets"], ["segment"], ["clv"], ["care", "agenda"], ["care", "diagram"], ["replay"], ["customer"],
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_InVietnamese_HasNoEnglishPlaceholder(string[] command)
    {
        var (_, vi, _) = CliRunner.Run([.. command, "--help", "--lang", "vi"]);
        var (_, en, _) = CliRunner.Run([.. command, "--help", "--lang", "en"]);
        var english = Placeholders(en).Where(p => !p.Contains('|', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var left = Placeholders(vi).Where(english.Contains).ToList();
        Assert.True(left.Count == 0, $"{string.Join(' ', command)}: {string.Join(", ", left)}\n{vi}");
    }

    private static IEnumerable<string> Placeholders(string help) => Placeholder().Matches(help).Select(m => m.Groups[1].Value).Where(p => !p.StartsWith('-'));

    [GeneratedRegex("<([^<>\\s]+)>")]
    private static partial Regex Placeholder();

    // 4. An unknown segment: the nearest names, diacritic-insensitive, in both languages.
    [Theory]
    [InlineData("vipp")]
    [InlineData("VIP")]
    public void Nearest_FindsTheSegmentByIdOrNameIgnoringCaseAndDiacritics(string typed)
        => Assert.Contains("vip", SegmentMembers.Nearest(typed, BuiltInSegments.Catalog).Select(s => s.Id));

    [Fact]
    public void Nearest_VietnameseNameWithoutDiacritics_FindsTheSegment()
    {
        var vip = BuiltInSegments.Catalog.Segments.Single(s => s.Id == "vip");
        var folded = TextFold.ForMatching(vip.Name.Get(CultureInfo.GetCultureInfo("vi")));
        Assert.Contains("vip", UiLanguage.Vietnamese.Apply(() => SegmentMembers.Nearest(folded, BuiltInSegments.Catalog)).Select(s => s.Id));
    }

    [Theory]
    [InlineData("en", "'vipp' is not a segment of the catalogue. Did you mean 'vip'")]
    [InlineData("vi", "'vipp' không phải nhóm khách nào trong danh mục. Có phải ý bạn là 'vip'")]
    public void SegmentMembers_UnknownSegment_SuggestsTheNearest(string lang, string expected)
    {
        var (code, _, error) = CliRunner.Run("segment", "--members", "vipp", "--out", Path.Combine(Path.GetTempPath(), "crmkit-vi24-never.csv"), "--lang", lang);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    // 5. presets NAME is optional: the help says so.
    [Theory]
    [InlineData("en", "[<name>]", "<name>  Optional. A preset")]
    [InlineData("vi", "[<tên>]", "<tên>  Không bắt buộc. Tên mẫu")]
    public void PresetsHelp_ShowsTheNameAsOptional(string lang, string usage, string argument)
    {
        var (_, help, _) = CliRunner.Run("presets", "--help", "--lang", lang);
        Assert.Contains(usage, help, StringComparison.Ordinal);
        Assert.Contains(argument, help, StringComparison.Ordinal);
    }

    // 6. One Vietnamese term per concept (docs/vietnamese.md): the rejected variants appear in no Vietnamese resource.
    [Fact]
    public void VietnameseResources_UseTheGlossarysTerms()
    {
        string[] rejected = ["tin quảng cáo", "liên hệ quảng cáo", "nhận quảng cáo", "bỏ qua hoặc huỷ", "giờ nghỉ", "giờ yên tĩnh", "công việc", "bộ máy chăm sóc", "hiệu chỉnh", "FOLDER", " FILE"];
        var files = Directory.GetFiles(Path.Combine(Repo(), "src"), "*.vi.resx", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var found = files.SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => (File: Path.GetFileName(f), Key: (string)d.Attribute("name")!, Value: d.Element("value")!.Value)))
            .Where(x => rejected.Any(r => x.Value.Contains(r, StringComparison.Ordinal)))
            .Select(x => $"{x.File} {x.Key}: {x.Value}").ToList();
        Assert.Empty(found);
        Assert.Equal("tiếp thị", UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(ContactPurpose.Marketing)));
        Assert.Equal(UiLanguage.Vietnamese.Apply(() => ReportNames.Purpose(ContactPurpose.Marketing)), UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(ContactPurpose.Marketing)));
        Assert.Equal("bỏ qua", UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(AgendaStatus.Skipped)));
        Assert.Equal("bỏ lỡ", UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(AgendaStatus.Dropped)));
    }

    // 7. Channels by display name in every text output, in both languages; the report asks the same place.
    [Theory]
    [InlineData(ContactChannel.Zalo, "Zalo", "Zalo")]
    [InlineData(ContactChannel.Sms, "SMS", "SMS")]
    [InlineData(ContactChannel.Email, "email", "email")]
    [InlineData(ContactChannel.PhoneCall, "phone call", "gọi điện")]
    [InlineData(ContactChannel.InPerson, "in person", "gặp trực tiếp")]
    public void Channel_IsADisplayName_InTextAndReport(ContactChannel channel, string english, string vietnamese)
    {
        Assert.Equal(english, UiLanguage.English.Apply(() => DisplayNames.Of(channel)));
        Assert.Equal(vietnamese, UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(channel)));
        Assert.Equal(english, UiLanguage.English.Apply(() => ReportNames.Channel(channel)));
    }

    [Fact]
    public void SalesChannel_InStore_IsADisplayName()
    {
        Assert.Equal("in store", UiLanguage.English.Apply(() => DisplayNames.Of(SalesChannel.InStore)));
        Assert.Equal("tại cửa hàng", UiLanguage.Vietnamese.Apply(() => DisplayNames.Of(SalesChannel.InStore)));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public void CareAgenda_BySegment_NamesTheSegments(string lang)
    {
        var (code, text, _) = CliRunner.Run("care", "agenda", "--lang", lang);
        Assert.Equal(0, code);
        var names = UiLanguage.Find(lang)!.Apply(() => BuiltInSegments.Catalog.Segments.Select(s => s.DisplayName()).ToList());
        var rows = text.Split('\n').SkipWhile(l => !l.StartsWith(UiLanguage.Find(lang)!.Apply(() => Strings.CareAgendaBySegment), StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(names, n => r.TrimStart().StartsWith(n, StringComparison.Ordinal)));
    }

    // 8. No ".;" in generated text: a sentence's full stop is not followed by the joining semicolon.
    [Theory]
    [InlineData("en")]
    [InlineData("vi")]
    public void RunSummary_HasNoFullStopBeforeASemicolon(string lang)
    {
        var (_, text, error) = CliRunner.Shared("run", "--no-report", "--lang", lang);
        Assert.DoesNotContain(".;", text + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Clauses_DropTheStopBeforeTheSemicolon_KeepTheLast()
    {
        Assert.Equal("The BG/NBD fit failed: a; The Gamma-Gamma fit failed: b.", Display.Clauses(["The BG/NBD fit failed: a.", "The Gamma-Gamma fit failed: b."]));
        Assert.Equal("a; b", Display.Clauses(["a", "b"]));
        Assert.Equal("between 1 … 2; x", Display.Clauses(["between 1 … 2", "x"]));
        var source = string.Concat(Directory.GetFiles(Path.Combine(Repo(), "src", "CrmKit.Cli"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("string.Join(\"; \"", source, StringComparison.Ordinal);
    }

    // 9. The sample's median first reply is really 0 business minutes: under an hour is written in minutes.
    [Fact]
    public void Hours_UnderAnHour_InMinutes()
    {
        Assert.Equal("0 min", UiLanguage.English.Apply(() => RunSummary.Hours(Duration.Zero)));
        Assert.Equal("35 phút", UiLanguage.Vietnamese.Apply(() => RunSummary.Hours(Duration.FromMinutes(35))));
        Assert.Equal("1.5 h", UiLanguage.English.Apply(() => RunSummary.Hours(Duration.FromMinutes(90))));
        Assert.Equal("1,5 giờ", UiLanguage.Vietnamese.Apply(() => RunSummary.Hours(Duration.FromMinutes(90))));
        Assert.Equal("–", RunSummary.Hours(null));
    }

    // 10. A year-month-day date column is told by a structured value, not by comparing its English description.
    [Fact]
    public void ImportFileText_YearMonthDay_FromTheStructuredValue()
    {
        var file = new ImportedFile
        {
            Kind = ImportFileKind.Orders,
            File = "orders.csv",
            Type = "csv",
            Encoding = "utf-8",
            Delimiter = ',',
            Zone = "Asia/Ho_Chi_Minh",
            DateOrders = ImmutableDictionaryOf("placed_at", new ColumnReading(ColumnFormatSource.Defaulted, "any description") { Order = DateOrder.DayFirst, AllYearMonthDay = true }),
        };
        Assert.Contains("placed_at: " + UiLanguage.Vietnamese.Apply(() => Strings.ImportOrderIso), UiLanguage.Vietnamese.Apply(() => ImportFileText.Describe(file)), StringComparison.Ordinal);
        var source = File.ReadAllText(Path.Combine(Repo(), "src", "CrmKit.Cli", "Localization", "ImportFileText.cs"));
        Assert.DoesNotContain("Description ==", source, StringComparison.Ordinal);
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, ColumnReading> ImmutableDictionaryOf(string key, ColumnReading value)
        => System.Collections.Immutable.ImmutableDictionary<string, ColumnReading>.Empty.Add(key, value);
}
