using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmKit.Cli.Tests;

/// <summary>
/// <c>crmkit docs</c>: the repository's documentation pages travel inside the tool, so an installed tool can show the page
/// its messages name (the fourth newcomer trial: messages named docs/*.md files an installed tool does not have).
/// </summary>
public sealed partial class DocsCommandTests
{
    private static string[] RepositoryPages()
        => [.. Directory.GetFiles(RepositoryRoot.Path("docs"), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Docs_ListsEveryPageOfTheRepository_WithItsTitle()
    {
        var (code, output, error) = CliRunner.Run("docs");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var listed = output.Split('\n').TakeWhile(l => l.Length > 0).Select(l => l.Split(' ', 2)[0]).ToArray();
        Assert.Equal(RepositoryPages(), listed);
        Assert.Contains("importing              Importing a shop's export", output, StringComparison.Ordinal);
        Assert.Contains("'crmkit docs PAGE' prints a page", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("importing")]
    [InlineData("importing.md")]
    [InlineData("docs/importing.md")]
    [InlineData("Importing")]
    public void Docs_Page_PrintsTheFileAsItIs(string name)
    {
        var (code, output, error) = CliRunner.Run("docs", name);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(File.ReadAllText(RepositoryRoot.Path("docs", "importing.md")), output);
    }

    [Fact]
    public void Docs_UnknownPage_IsAUsageError_NamingTheNearestPage_InTheRunsLanguage()
    {
        var (code, output, error) = CliRunner.Run("docs", "importng", "--lang", "vi");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("crmkit: Không có trang hướng dẫn 'importng'; các trang gần giống: importing. 'crmkit docs' liệt kê tất cả.", error.TrimEnd());
    }

    /// <summary>Every page a message of the tool points to (<c>crmkit docs PAGE</c> or <c>docs/PAGE.md</c>) is one the tool carries.</summary>
    [Fact]
    public void EveryPageTheToolsMessagesName_IsCarriedByTheTool()
    {
        var texts = Directory.GetFiles(RepositoryRoot.Path("src", "CrmKit.Cli", "Localization"), "*.resx")
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => d.Element("value")!.Value))
            .Concat(Directory.GetFiles(RepositoryRoot.Path("src", "CrmKit.Cli"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var named = texts.SelectMany(t => PageReference().Matches(t)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToArray();

        Assert.NotEmpty(named);
        Assert.All(named, page => Assert.Contains(page, RepositoryPages()));
    }

    [GeneratedRegex(@"crmkit docs ([a-z][a-z-]+)|docs/([a-z][a-z-]+)\.md")]
    private static partial Regex PageReference();
}
