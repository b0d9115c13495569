namespace CrmKit.CareProcess.Tests;

/// <summary>
/// <see cref="ProcessJson.ReadFolder"/> / <see cref="ProcessJson.ReadFiles"/>: the one reader of process definition
/// files (the DI package's folder, its start-up validation and <c>crmkit replay --process</c>). Expected positions are
/// counted by hand from the documents written here (1-based lines and columns, columns in characters).
/// </summary>
public sealed class ProcessFolderTests
{
    private const string Broken = """
        {
          "id": "broken",
          "name": "Broken",
          "initial": "nowhere",
          "states": [{"id": "a"}],
          "triggers": [],
          "transitions": [{"from": "zz", "trigger": "go", "to": "a"}]
        }
        """;

    [Fact]
    public void ReadFolder_ValidFiles_InOrdinalFileNameOrder_NonJsonIgnored()
    {
        using var folder = new TemporaryFolder("crmkit-read-folder-");
        var definition = File.ReadAllText(RepositoryRoot.Path("seeds", "processes", "after-sale.json"));
        folder.Write("b.json", definition);
        folder.Write("A.json", definition.Replace("\"id\": \"after-sale\"", "\"id\": \"after-sale-2\"", StringComparison.Ordinal));
        folder.Write("notes.txt", "not a process");

        var read = ProcessJson.ReadFolder(folder.Path);

        Assert.Equal(["A.json", "b.json"], read.Select(f => f.Name));
        Assert.Equal(["after-sale-2", "after-sale"], read.Select(f => f.Definition.Id));
    }

    [Fact]
    public void ReadFolder_InvalidFile_EveryProblemAtFileLineColumn_WithItsJsonPath()
    {
        using var folder = new TemporaryFolder("crmkit-read-folder-");
        folder.Write("broken.json", Broken);

        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadFolder(folder.Path));

        // "initial" is the fourth line's property, after two spaces of indentation.
        Assert.Contains(ex.Problems, p => p.Location == "broken.json:4:3" && p.Message == "$.initial: unknown state 'nowhere' (known: a)");
        Assert.True(ex.Problems.Length >= 2, string.Join(Environment.NewLine, ex.Problems));
        Assert.All(ex.Problems, p => Assert.Matches(@"^broken\.json:[47]:\d+$", p.Location));
        Assert.All(ex.Problems.Where(p => p.Message.StartsWith("$.transitions", StringComparison.Ordinal)), p => Assert.StartsWith("broken.json:7:", p.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolder_MalformedFile_IsPlacedAtItsSyntaxError_AndTheOtherFilesProblemsAreReportedToo()
    {
        using var folder = new TemporaryFolder("crmkit-read-folder-");
        folder.Write("a.json", "{\"id\": \"x\",\n  \"name\": }");
        folder.Write("broken.json", Broken);

        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadFolder(folder.Path));

        Assert.StartsWith("a.json:2:", ex.Problems[0].Location, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.Location == "broken.json:4:3");
    }

    [Fact]
    public void ReadFolder_TwoFilesWithOneId_IsAProblemAtTheSecondFilesId()
    {
        using var folder = new TemporaryFolder("crmkit-read-folder-");
        var definition = File.ReadAllText(RepositoryRoot.Path("seeds", "processes", "after-sale.json"));
        Assert.StartsWith("{\n  \"id\": \"after-sale\",", definition.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        folder.Write("a.json", definition);
        folder.Write("b.json", definition);

        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadFolder(folder.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new Problem("b.json:2:3", "process 'after-sale' is defined by more than one file: a.json, b.json; keep one."), problem);
    }

    [Fact]
    public void ReadFiles_NamesFilesByThePathGiven_AndRefusesAMissingFile()
    {
        using var folder = new TemporaryFolder("crmkit-read-files-");
        var path = folder.Write("broken.json", Broken);

        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadFiles([path]));
        Assert.Contains(ex.Problems, p => p.Location == $"{path}:4:3");

        var missing = Path.Combine(folder.Path, "none.json");
        var notFound = Assert.Throws<FileNotFoundException>(() => ProcessJson.ReadFiles([missing]));
        Assert.Equal($"The process file '{missing}' does not exist.", notFound.Message);
        Assert.Throws<DirectoryNotFoundException>(() => ProcessJson.ReadFolder(Path.Combine(folder.Path, "nowhere")));
        Assert.Empty(ProcessJson.ReadFiles([]));
    }

    [Theory]
    [InlineData("$.initial", 1, 20)]         // after "Chăm sóc": columns count characters, not UTF-8 bytes (22)
    [InlineData("$.states[1]", 1, 55)]       // an array element: its value
    [InlineData("$.states[1].id", 1, 56)]    // a property: its name
    [InlineData("$.states[7].id", 1, 34)]    // not in the document: its nearest existing parent ("states")
    [InlineData("$", 1, 1)]
    public void JsonPosition_OfAPath_IsItsLineAndColumn(string path, int line, int column)
    {
        const string json = """{"name":"Chăm sóc","initial":"x","states":[{"id":"a"},{"id":"b"}]}""";
        Assert.Equal((line, column), JsonPosition.Of(json, path));
    }
}
