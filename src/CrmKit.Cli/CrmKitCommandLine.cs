using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using CrmKit.Cli.Localization;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>
/// The commands of the <c>crmkit</c> tool. Exit codes: 0 success, 1 bad input, 2 wrong usage, 3 an internal error
/// (an exception CrmKit did not expect: a bug, reported with its type and message, never a stack trace).
/// </summary>
internal static class CrmKitCommandLine
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Usage = 2;
    public const int InternalError = 3;

    /// <summary>
    /// Runs the tool: chooses the language (<see cref="UiLanguage.Resolve"/>: <c>--lang</c>, <c>CRMKIT_LANG</c>, the
    /// current culture), then parses and runs <paramref name="args"/> in it.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var language = UiLanguage.Resolve(args, Environment.GetEnvironmentVariable, CultureInfo.CurrentUICulture, out var unknown);
        return language.Apply(() =>
        {
            if (unknown is not null)
            {
                error.WriteLine($"crmkit: {UiLanguage.OptionName} / {UiLanguage.EnvironmentVariable}: {Display.Format(Strings.UnknownLanguage, unknown)}");
                error.WriteLine(Display.Format(Strings.RunHelpHint, "crmkit"));
                return Usage;
            }

            return Invoke(Build(output, error), args, output, error);
        });
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/> against <paramref name="root"/> with the tool's exit codes and error
    /// reporting (also used by the repository's own tool, <c>crmkit-seeds</c>).
    /// </summary>
    internal static int Invoke(RootCommand root, string[] args, TextWriter output, TextWriter error, string tool = "crmkit")
    {
        var parsed = root.Parse(args);
        var command = parsed.CommandResult;
        var hint = HelpHint(command, tool);

        // An option given without its value takes the next option as its value ("--data --lang vi": --data = "--lang",
        // then "vi" is unrecognized; "--report --no-report" even parses): named as such, and nothing else reported.
        var swallowed = SwallowedOptions(parsed).ToList();
        if (swallowed.Count > 0)
        {
            foreach (var (option, value) in swallowed)
            {
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorOptionMissingValue, option, value)}{ValueHint(option)}");
            }

            error.WriteLine(hint);
            return Usage;
        }

        // A mistyped option before the command's argument ("crmkit customer --presnt KH1") is taken as the argument's
        // value and reported by nobody: named with the option meant.
        var typedAsArgument = command.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Where(t => t.Value.StartsWith("--", StringComparison.Ordinal))
            .Select(t => (Token: t.Value.Split('=', 2)[0], Nearest: NearestOptionOf(command, t.Value)))
            .Where(x => x.Nearest is not null)
            .ToList();
        if (typedAsArgument.Count > 0)
        {
            foreach (var (token, nearest) in typedAsArgument)
            {
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorDidYouMeanOption, token, nearest!.Value.Name)}");
            }

            error.WriteLine(hint);
            return Usage;
        }

        if (parsed.Errors.Count > 0)
        {
            // A command's required argument left out: System.CommandLine says only "missing for command 'customer'";
            // crmkit names the argument and prints the command's usage line instead.
            var missing = command.Command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 && command.GetResult(a) is not { Tokens.Count: > 0 }).ToList();

            // A mistyped option ("--present kiotviet") is reported once, with the option meant; its value, the word after
            // it, is not reported as a second unrecognized argument.
            var meant = new Dictionary<string, string>(StringComparer.Ordinal);
            var quiet = new HashSet<string>(StringComparer.Ordinal);
            var unmatched = parsed.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith('-') || !unmatched.Contains(args[i]) || meant.ContainsKey(args[i].Split('=', 2)[0]) || NearestOptionOf(command, args[i]) is not { } nearest)
                {
                    continue;
                }

                meant[args[i].Split('=', 2)[0]] = nearest.Name;
                quiet.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && nearest.TakesValue && i + 1 < args.Length && !args[i + 1].StartsWith('-') && unmatched.Contains(args[i + 1]))
                {
                    quiet.Add(args[i + 1]);
                }
            }

            // A mistyped command ("crmkit runn", "crmkit care agendaa"): the command meant, instead of "Required command was not provided" and
            // "Unrecognized command or argument 'runn'".
            var commandMeant = command.Command.Subcommands.Count > 0 && args.FirstOrDefault(a => !a.StartsWith('-') && unmatched.Contains(a)) is { } word
                && NearestNames.Of(word, command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), 1) is [var nearestCommand, ..]
                ? (Word: word, Name: nearestCommand)
                : ((string Word, string Name)?)null;
            if (commandMeant is { } typo)
            {
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorDidYouMeanCommand, typo.Word, typo.Name)}");
                error.WriteLine(hint);
                return Usage;
            }

            foreach (var parseError in parsed.Errors)
            {
                if (missing.Count > 0 && parseError.Message.Contains($"'{command.Command.Name}'", StringComparison.Ordinal))
                {
                    continue;
                }

                // An option at the end with no value: System.CommandLine's sentence is English; named in the language, with
                // the form its value takes and an example (seventh trial: "--as-of" alone).
                if (parseError.SymbolResult is System.CommandLine.Parsing.OptionResult { Implicit: false, IdentifierToken: not null, Tokens.Count: 0 } noValue && noValue.Option.ValueType != typeof(bool))
                {
                    error.WriteLine($"crmkit: {Display.Format(Strings.ErrorOptionNoValue, noValue.Option.Name)}{ValueHint(noValue.Option.Name)}");
                    continue;
                }

                // Only the command's own "unrecognized" errors: an option's invalid value naming the same word stays.
                if (parseError.SymbolResult is System.CommandLine.Parsing.CommandResult && quiet.Any(t => parseError.Message.Contains($"'{t}'", StringComparison.Ordinal)))
                {
                    continue;
                }

                error.WriteLine($"crmkit: {parseError.Message}");
            }

            foreach (var (token, name) in meant)
            {
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorDidYouMeanOption, token, name)}");
            }

            if (missing.Count > 0)
            {
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorMissingArgument, string.Join(", ", missing.Select(a => $"<{a.Name}>")), UsageLine(command))}");
            }

            error.WriteLine(hint);
            return Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine($"crmkit: {ex.Message}");
            return BadInput;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"crmkit: {ex.Message}");
            return BadInput;
        }
        catch (InvalidValueException ex) when (ex.Field.StartsWith("--", StringComparison.Ordinal))
        {
            // An option's value that is not valid is wrong usage, like an unknown option.
            error.WriteLine($"crmkit: {Invalid(ex)}");
            error.WriteLine(hint);
            return Usage;
        }
        catch (InvalidValueException ex)
        {
            error.WriteLine($"crmkit: {Invalid(ex)}");
            return BadInput;
        }
        catch (Clv.Models.FitFailedException ex)
        {
            // The fit's reason in the invocation's language (the exception's Message is the invariant English form).
            error.WriteLine($"crmkit: {ClvText.Problem(ex.Problem)}");
            return BadInput;
        }
        catch (CommandFailedException ex)
        {
            error.WriteLine($"crmkit: {ex.Message}");
            return BadInput;
        }
        catch (CrmKitException ex)
        {
            error.WriteLine($"crmkit: {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that exists but cannot be read (permissions, a folder given as a file, a device error).
            error.WriteLine($"crmkit: {ex.Message}");
            return BadInput;
        }
#pragma warning disable CA1031 // The last resort: no exception other than CrmKit's may reach a user as a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"crmkit: internal error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            error.WriteLine(Strings.InternalErrorAdvice);
            return InternalError;
        }
    }

    /// <summary>
    /// The option of <paramref name="command"/> (or one its parents pass down) nearest to the mistyped
    /// <paramref name="token"/> (<c>--present</c> → <c>--preset</c>), or <see langword="null"/> when none is near.
    /// </summary>
    internal static string? NearestOption(System.CommandLine.Parsing.CommandResult command, string token)
        => NearestOptionOf(command, token)?.Name;

    private static (string Name, bool TakesValue)? NearestOptionOf(System.CommandLine.Parsing.CommandResult command, string token)
    {
        var name = token.Split('=', 2)[0];
        var known = KnownOptions(command).ToList();

        // Compared without the dashes, so "-preset" and "--present" are both near "--preset".
        var nearest = NearestNames.Of(name.TrimStart('-'), known.Select(k => k.Name.TrimStart('-')), 1);
        if (nearest.Count == 0)
        {
            return null;
        }

        var option = known.First(k => k.Name.TrimStart('-') == nearest[0]).Option;
        return ("--" + nearest[0], option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool));
    }

    // The visible options of the command and those its parents pass down, by name and by each "--" alias.
    private static IEnumerable<(string Name, Option Option)> KnownOptions(System.CommandLine.Parsing.CommandResult command)
    {
        for (var r = command; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            foreach (var option in r.Command.Options.Where(o => !o.Hidden && (r == command || o.Recursive)))
            {
                yield return (option.Name, option);
                foreach (var alias in option.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
                {
                    yield return (alias, option);
                }
            }
        }
    }

    // Options whose value is one of the command's option names: the value was left out and the next option taken.
    private static IEnumerable<(string Option, string Value)> SwallowedOptions(ParseResult parsed)
    {
        var names = KnownOptions(parsed.CommandResult).Select(k => k.Name).Append("--help").Append("-h").Append("-?").ToHashSet(StringComparer.Ordinal);
        for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            foreach (var option in r.Children.OfType<System.CommandLine.Parsing.OptionResult>())
            {
                foreach (var token in option.Tokens.Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && names.Contains(t.Value.Split('=', 2)[0])))
                {
                    yield return (option.Option.Name, token.Value);
                }
            }
        }
    }

    /// <summary>
    /// The last line of a usage error: the command's own help (<c>Run 'crmkit run --help' for its options.</c>), or the
    /// tool's when no command was recognised.
    /// </summary>
    internal static string HelpHint(System.CommandLine.Parsing.CommandResult command, string tool = "crmkit")
        => command.Command is RootCommand ? Display.Format(Strings.RunHelpHint, tool) : Display.Format(Strings.RunCommandHelpHint, CommandPath(command, tool));

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result, string tool = "crmkit")
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command is RootCommand ? tool : r.Command.Name);
        }

        return string.Join(" ", names);
    }

    /// <summary>The usage line of the command <paramref name="result"/> names: <c>crmkit customer &lt;khách&gt; [tuỳ chọn]</c>.</summary>
    internal static string UsageLine(System.CommandLine.Parsing.CommandResult result)
    {
        var arguments = result.Command.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues > 0 ? $"<{a.Name}>" : $"[<{a.Name}>]");
        return string.Join(" ", [CommandPath(result), .. arguments, Strings.UsageOptions]);
    }

    // The form an option's value takes, with an example, after a message that the value is missing (" Write the day as
    // YYYY-MM-DD, e.g. --as-of 2026-10-31."); empty for options whose help says it well enough.
    private static string ValueHint(string option) => option switch
    {
        "--as-of" or "--from" or "--to" => " " + OptionRanges.DateHint(option, null),
        "--exported-at" => " " + Display.Format(Strings.ErrorUseExportTime, option, NodaTime.Text.LocalDatePattern.Iso.Format(OptionRanges.ExampleDate)),
        _ => string.Empty,
    };

    // "Invalid --as-of: …" in the invocation's language (the exception's Message is the invariant English form).
    private static string Invalid(InvalidValueException ex)
        => PersonalData.Redact(Display.Format(Strings.ErrorInvalidValue, ex.Field, ex.Reason) + (ex.Hint is null ? string.Empty : " " + ex.Hint));

    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(Strings.RootDescription);
        // Read before parsing (UiLanguage.Resolve) so that the help is in the language too; declared for --help and so
        // that every command accepts it.
        root.Options.Add(new Option<string>(UiLanguage.OptionName) { Description = Strings.LangOptionDescription, Recursive = true, HelpName = "vi|en" });
        root.Subcommands.Add(RunCommand(output, error));
        root.Subcommands.Add(PresetsCommand(output));
        root.Subcommands.Add(SegmentCommand.Build(output, error));
        root.Subcommands.Add(ClvCommand.Build(output, error));
        root.Subcommands.Add(CareCommand.Build(output, error));
        root.Subcommands.Add(Engine.ReplayCommand.Build(output, error));
        root.Subcommands.Add(Profile.CustomerCommand.Build(output, error));
        root.Subcommands.Add(DocsCommand.Build(output, error));
        NamePlaceholders(root);
        return root;
    }

    /// <summary>
    /// The placeholders of the help (<c>&lt;file&gt;</c>, <c>&lt;query&gt;</c>) in the invocation's language, for every
    /// argument and option of <paramref name="command"/> and its subcommands at once: the text of <see cref="Strings"/>
    /// <c>Placeholder_</c> + the placeholder's English word (its help name, else its name without dashes, <c>-</c> as
    /// <c>_</c>); a placeholder with no text there (a value list such as <c>vi|en</c>, the values of a choice) is left as
    /// System.CommandLine writes it. An optional argument (<c>presets [&lt;name&gt;]</c> in the usage line) says so in the
    /// arguments' list too, where System.CommandLine writes <c>&lt;name&gt;</c> alone: its description begins <c>Optional.</c> / <c>Không bắt buộc.</c>
    /// </summary>
    internal static void NamePlaceholders(Command command)
    {
        foreach (var argument in command.Arguments)
        {
            if (Placeholder(argument.HelpName ?? argument.Name) is { } text)
            {
                argument.HelpName = text;
            }

            if (argument.Arity.MinimumNumberOfValues == 0 && argument.Description is { } description)
            {
                argument.Description = Display.Format(Strings.HelpOptionalArgument, description);
            }
        }

        foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool)))
        {
            if (Placeholder(option.HelpName ?? option.Name.TrimStart('-')) is { } text)
            {
                option.HelpName = text;
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            NamePlaceholders(subcommand);
        }
    }

    /// <summary>
    /// An argument's name in the invocation's language (<c>query</c> / <c>từ-khoá</c>): System.CommandLine writes the
    /// usage line (<c>crmkit customer &lt;query&gt;</c>) from the name itself, not from the help name, so arguments are
    /// created with it. The name is never typed: arguments are positional.
    /// </summary>
    internal static string ArgumentName(string word) => Placeholder(word) ?? word;

    private static string? Placeholder(string word) => Strings.ResourceManager.GetString("Placeholder_" + word.Replace('-', '_'), CultureInfo.CurrentUICulture);

    private static Command RunCommand(TextWriter output, TextWriter error)
    {
        var data = new ShopDataOptions();
        var reviewDays = new Option<int>("--review-days") { Description = Strings.HelpRunReviewDays, DefaultValueFactory = _ => 90 };
        var report = new Option<FileInfo>("--report") { Description = Strings.HelpRunReport, DefaultValueFactory = _ => new FileInfo("crmkit-report.html") };
        var noReport = new Option<bool>("--no-report") { Description = Strings.HelpRunNoReport };
        var showContacts = new Option<bool>("--show-contacts") { Description = ReportStrings.ShowContactsOption };
        var json = new Option<bool>("--json") { Description = Strings.HelpRunJson };
        var strict = new Option<bool>("--strict") { Description = Strings.HelpRunStrict };
        var mergesFile = MergeOutcome.FileOption();
        var command = new Command("run", Strings.HelpRunCommand)
        {
            reviewDays, report, noReport, showContacts, json, strict, mergesFile,
        };
        data.AddTo(command);
        command.SetAction(parsed =>
        {
            var watch = Stopwatch.StartNew();
            var days = OptionRanges.Days("--review-days", parsed.GetValue(reviewDays));
            if (!parsed.GetValue(noReport))
            {
                OutputFiles.CheckFile(parsed.GetValue(report)!, "--report");
            }

            if (parsed.GetValue(mergesFile) is { } merges)
            {
                OutputFiles.CheckFile(merges, "--merges");
            }

            var settings = data.Settings(parsed) with { ReviewDays = days };
            var source = settings.Source;
            // The long part (import to report) under one progress display; warnings written meanwhile follow it.
            var (imported, verdict, job, reportPath) = Progress.Show(error, parsed.GetValue(json), (progress, warnings) =>
            {
                var (imported, verdict) = data.Read(parsed, settings, warnings, progress, parsed.GetValue(strict));
                if (!verdict.Usable)
                {
                    return (imported, verdict, (MainJobResult?)null, (string?)null);
                }

                var job = MainJob.Run(settings, imported, warnings, progress);
                if (parsed.GetValue(mergesFile) is { } mergesCsv)
                {
                    job.Merges.WriteCsv(mergesCsv);
                }

                string? reportPath = null;
                if (!parsed.GetValue(noReport))
                {
                    progress.Stage("write report");
                    var file = parsed.GetValue(report)!;
                    file.Directory?.Create();
                    System.IO.File.WriteAllText(file.FullName, Report.HtmlReport.Render(job, parsed.GetValue(showContacts)));
                    reportPath = file.FullName;
                }

                return (imported, verdict, job, reportPath);
            });

            if (job is null)
            {
                verdict.Write(error);

                if (parsed.GetValue(json))
                {
                    RunSummary.WriteImportJson(output, source, imported.DataSet, verdict);
                }

                return BadInput;
            }

            if (ConsentsAfterAsOf(job) is { } consentWarning)
            {
                error.WriteLine($"crmkit: {consentWarning}");
            }

            if (reportPath is not null && parsed.GetValue(showContacts))
            {
                error.WriteLine("crmkit: " + Display.Format(ReportStrings.PersonalDataWarning, reportPath));
            }

            if (parsed.GetValue(json))
            {
                RunSummary.WriteJson(output, job, reportPath, watch.Elapsed, verdict);
            }
            else
            {
                RunSummary.Write(output, job, reportPath, watch.Elapsed);
            }

            verdict.Write(error);
            return verdict.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// A warning when consent decisions are dated after the job's as-of day (they do not count): typically consent
    /// columns of a customers export, dated at the file's time, later than the last order (newcomer trial, issue 21).
    /// </summary>
    internal static string? ConsentsAfterAsOf(MainJobResult job)
    {
        // Only decisions after the as-of day: a few minutes' lead on the day itself is the data's own history, and the
        // advice (a later --as-of day) could not help it.
        var zone = job.Settings.Zone;
        var nextDay = job.AsOf.InZone(zone).Date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var late = job.Customers.SelectMany(c => c.Consents.Where(d => d.At >= nextDay).Select(d => (Customer: c.Id, Decision: d))).ToList();
        if (late.Count == 0)
        {
            return null;
        }

        var latest = late.MaxBy(l => l.Decision.At).Decision;
        return Display.Format(
            Strings.WarningConsentsAfterAsOf,
            late.Count,
            late.Select(l => l.Customer).Distinct().Count(),
            Display.DateTime(job.AsOf, zone),
            Display.DateTime(latest.At, zone),
            latest.Source ?? "–",
            latest.At.InZone(zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A preset's description in the invocation's language: the resource <c>Preset_</c> + its name (<c>-</c> as
    /// <c>_</c>) in <see cref="Strings"/>, whose English is the preset's own <see cref="ImportMapping.Description"/> (a test
    /// keeps them equal); the preset's description when the table has none.
    /// </summary>
    internal static string PresetDescription(string preset)
        => Strings.ResourceManager.GetString("Preset_" + preset.Replace('-', '_'), CultureInfo.CurrentUICulture) ?? ImportMapping.Preset(preset).Description ?? string.Empty;

    private static Command PresetsCommand(TextWriter output)
    {
        var name = new Argument<string>(ArgumentName("name")) { Description = Strings.HelpPresetsName, Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("presets", Strings.HelpPresetsCommand) { name };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(name) is { } preset)
            {
                _ = ImportOptions.Preset(preset); // an unknown name: the error in the invocation's language
                output.Write(ImportMapping.PresetJson(preset));
                return Success;
            }

            foreach (var presetName in ImportMapping.PresetNames)
            {
                output.WriteLine($"{presetName,-14} {PresetDescription(presetName)}");
            }

            output.WriteLine();
            output.WriteLine(Strings.PresetsUsage);
            return Success;
        });
        return command;
    }
}
