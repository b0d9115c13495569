namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, fifth newcomer trial: usage mistakes a newcomer makes on the command line, each with the exact message it
/// must give in both languages (exit code 2, the command's own help named).
/// </summary>
public sealed class FifthTrialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-fifth-trial-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // An option left without its value took the next option as its value: "--data --lang vi" said "'vi' is not
    // understood", and "--report --no-report" wrote a report named "--no-report".
    [Theory]
    [InlineData("en", new[] { "run", "--data", "--lang", "en", "--no-report" }, "crmkit: --data has no value: the word after it, '--lang', is an option.\nRun 'crmkit run --help' for its options.\n")]
    [InlineData("vi", new[] { "run", "--data", "--lang", "vi", "--no-report" }, "crmkit: --data không có giá trị: từ đứng sau nó, '--lang', là một tuỳ chọn.\nChạy 'crmkit run --help' để xem các tuỳ chọn của lệnh.\n")]
    [InlineData("en", new[] { "run", "--report", "--no-report", "--sample" }, "crmkit: --report has no value: the word after it, '--no-report', is an option.\nRun 'crmkit run --help' for its options.\n")]
    [InlineData("en", new[] { "segment", "--preset", "--help" }, "crmkit: --preset has no value: the word after it, '--help', is an option.\nRun 'crmkit segment --help' for its options.\n")]
    public void OptionWithoutItsValue_IsNamed_NotItsNeighbour(string language, string[] args, string expected)
    {
        var (code, output, error) = CliProcess.Crmkit(_folder, [.. args, .. args.Contains("--lang") ? Array.Empty<string>() : ["--lang", language]]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.ReplaceLineEndings("\n"));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    // A mistyped option with its value ("--present kiotviet"): one line naming the option meant, not three.
    [Theory]
    [InlineData("en", "crmkit: '--present' is not an option here; did you mean --preset?\nRun 'crmkit run --help' for its options.\n")]
    [InlineData("vi", "crmkit: '--present' không phải tuỳ chọn của lệnh này; có phải ý bạn là --preset?\nChạy 'crmkit run --help' để xem các tuỳ chọn của lệnh.\n")]
    public void MistypedOption_IsOneLineWithTheOptionMeant(string language, string expected)
    {
        var (code, _, error) = CliRunner.Run("run", "--present", "kiotviet", "--data", _folder, "--lang", language);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.ReplaceLineEndings("\n"));
    }

    // A mistyped flag (no value) keeps the word after it reported: it is not the flag's.
    [Fact]
    public void MistypedFlag_LeavesTheNextWordReported()
    {
        var (code, _, error) = CliRunner.Run("run", "--no-reprot", "extra", "--sample");

        Assert.Equal(2, code);
        Assert.Equal(
            "crmkit: Unrecognized command or argument 'extra'.\ncrmkit: '--no-reprot' is not an option here; did you mean --no-report?\nRun 'crmkit run --help' for its options.\n",
            error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("en", "crmkit: 'runn' is not a crmkit command; did you mean run?\nRun 'crmkit --help' for the commands and options.\n")]
    [InlineData("vi", "crmkit: 'runn' không phải lệnh của crmkit; có phải ý bạn là run?\nChạy 'crmkit --help' để xem các lệnh và tuỳ chọn.\n")]
    public void MistypedCommand_NamesTheCommandMeant(string language, string expected)
    {
        var (code, _, error) = CliRunner.Run("runn", "--sample", "--lang", language);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.ReplaceLineEndings("\n"));
    }

    // Review: a mistyped option before the command's argument became the argument; a mistyped subcommand; an
    // option's invalid value that names the same word as a mistyped option's value is still reported.
    [Theory]
    [InlineData(new[] { "customer", "--presnt", "KH1", "--sample" }, "crmkit: '--presnt' is not an option here; did you mean --preset?\nRun 'crmkit customer --help' for its options.\n")]
    [InlineData(new[] { "customer", "KH1", "--limt=5", "--sample" }, "crmkit: '--limt' is not an option here; did you mean --limit?\nRun 'crmkit customer --help' for its options.\n")]
    [InlineData(new[] { "care", "agendaa", "--sample" }, "crmkit: 'agendaa' is not a crmkit command; did you mean agenda?\nRun 'crmkit care --help' for its options.\n")]
    [InlineData(new[] { "run", "--sample", "--modl", "bgnbd", "--merge", "bgnbd" }, "crmkit: Argument 'bgnbd' not recognized. Must be one of:\n\t'strong'\n\t'none'\n\t'all'\ncrmkit: '--modl' is not an option here; did you mean --model?\nRun 'crmkit run --help' for its options.\n")]
    public void Mistypes_AreNamedWhereverTheyStand(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.ReplaceLineEndings("\n"));
    }

    // Sixth trial: a folder given to --map was said not to exist (exit 1); the mapping file's problems were English.
    [Theory]
    [InlineData("en", "crmkit: Invalid --map: '{0}' is a folder. See 'crmkit docs importing' for the mapping format.\nRun 'crmkit run --help' for its options.\n")]
    [InlineData("vi", "crmkit: --map không hợp lệ: '{0}' là một thư mục. Cách viết tệp ánh xạ: xem 'crmkit docs importing'.\nChạy 'crmkit run --help' để xem các tuỳ chọn của lệnh.\n")]
    public void FolderGivenAsMap_IsWrongUsage(string language, string expected)
    {
        var (code, _, error) = CliRunner.Run("run", "--sample", "--map", _folder, "--no-report", "--lang", language);

        Assert.Equal(2, code);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, _folder), error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MappingProblems_AreVietnamese()
    {
        var map = Path.Combine(_folder, "shop.json");
        File.WriteAllText(map, """{ "fromat": {}, "customers": { "columns": { "nmae": "Tên" }, "values": { "gender": { "Nam": "man" } } } }""");

        var (code, _, error) = CliRunner.Run("run", "--sample", "--map", map, "--no-report", "--lang", "vi");

        Assert.Equal(1, code); // the file's content is bad input, not wrong usage
        Assert.Equal(
            "crmkit: shop.json không hợp lệ: 3 lỗi:\n"
            + "  $.fromat: khoá không có trong định dạng (gần nhất: 'format'); các khoá dùng được ở đây: name, description, source, format, customers, orders, order_lines, consents, interactions, feedback, tickets, referrals.\n"
            + "  $.customers.columns.nmae: 'nmae' không phải trường của tệp customers (gần nhất: 'name'); các trường là: customer_id, name, first_name, last_name, created_at, kind, phone, email, birth_date, gender, income_tier, province, city, area, tags, source, time_zone, stage, consent.<channel>.<purpose>.\n"
            + "  $.customers.values.gender.Nam: 'man' không nằm trong các giá trị: female, male, other. Cách viết tệp ánh xạ: xem 'crmkit docs importing'.\n",
            error.ReplaceLineEndings("\n"));
    }

    // A file given to --data was said not to exist.
    [Theory]
    [InlineData("en", "crmkit: Invalid --data: '{0}' is a file, not a folder. Give --data the folder that holds it ({1}), or give the file itself with --customers or --orders.\nRun 'crmkit run --help' for its options.\n")]
    [InlineData("vi", "crmkit: --data không hợp lệ: '{0}' là một tệp, không phải thư mục. Hãy đưa cho --data thư mục chứa tệp đó ({1}), hoặc đưa chính tệp đó bằng --customers hay --orders.\nChạy 'crmkit run --help' để xem các tuỳ chọn của lệnh.\n")]
    public void FileGivenAsDataFolder_IsWrongUsageNamingItsFolder(string language, string expected)
    {
        var file = Path.Combine(_folder, "DanhSachKhachHang_KV03122026.csv");
        File.WriteAllText(file, "Mã khách hàng,Tên khách hàng\nKH1,Lan\n");

        var (code, output, error) = CliRunner.Run("run", "--data", file, "--preset", "kiotviet", "--no-report", "--lang", language);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, file, _folder), error.ReplaceLineEndings("\n"));
    }
}
