namespace CrmKit.Cli.Tests;

/// <summary>
/// Issue 18, item 7: an output path that names a folder or cannot be written is wrong usage (exit code 2) found
/// before the job starts — the whole error is the one message, nothing was imported or printed.
/// </summary>
public sealed class OutputFilesTests
{
    private const string Help = "\nRun 'crmkit run --help' for its options.";

    private static string Folder() => Directory.CreateTempSubdirectory("crmkit-out-").FullName;

    [Theory]
    [InlineData("--report", "crmkit-report.html")]
    [InlineData("--rejects", "rejects.csv")]
    [InlineData("--merges", "merges.csv")]
    public void Run_OutputPathIsAFolder_IsWrongUsageBeforeTheJob(string option, string example)
    {
        var folder = Folder();
        var args = option == "--report" ? new[] { "run", "--report", folder } : ["run", "--no-report", option, folder];
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal($"crmkit: Invalid {option}: '{folder}' is a folder. Give a file name, e.g. {Path.Combine(folder, example)}.{Help}", error.Trim().ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, output);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--rejects")]
    [InlineData("--merges")]
    public void Run_OutputFileCannotBeWritten_IsWrongUsageBeforeTheJob(string option)
    {
        // A path below a regular file can be neither created nor written, whoever runs the test (root included,
        // for whom permission bits would not stop the write).
        var blocker = Path.Combine(Folder(), "plain.txt");
        File.WriteAllText(blocker, "not a folder");
        var target = Path.Combine(blocker, "out.html");
        var args = option == "--report" ? new[] { "run", "--report", target } : ["run", "--no-report", option, target];
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith($"crmkit: Invalid {option}: '{target}' cannot be written: ", error, StringComparison.Ordinal);
        Assert.Equal(2, error.Trim().ReplaceLineEndings("\n").Split('\n').Length);
        Assert.Equal(string.Empty, output);
        Assert.Equal("not a folder", File.ReadAllText(blocker));
    }

    [Fact]
    public void Run_ExistingWritableReport_IsCheckedWithoutBeingChanged()
    {
        var report = Path.Combine(Folder(), "old.html");
        File.WriteAllText(report, "previous report");
        OutputFiles.CheckFile(new FileInfo(report), "--report");
        Assert.Equal("previous report", File.ReadAllText(report));

        var fresh = new FileInfo(Path.Combine(Folder(), "new", "report.html"));
        OutputFiles.CheckFile(fresh, "--report");
        Assert.False(File.Exists(fresh.FullName));
        Assert.True(Directory.Exists(fresh.DirectoryName));
    }

    [Fact]
    public void SeedsGenerate_OutIsAFile_IsWrongUsage()
    {
        var file = Path.Combine(Folder(), "plain.txt");
        File.WriteAllText(file, "x");
        var (code, output, error) = SeedsRunner.Run("generate", "--out", file, "--customers", "10");
        Assert.Equal(2, code);
        Assert.Equal($"crmkit: Invalid --out: '{file}' is a file, not a folder.\nRun 'crmkit-seeds generate --help' for its options.", error.Trim().ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, output);
    }
}
