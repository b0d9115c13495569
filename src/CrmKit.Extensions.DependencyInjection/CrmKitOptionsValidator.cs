using System.Collections.Immutable;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>Checks every CrmKit setting and reports all problems at once, each with its configuration path.</summary>
internal sealed class CrmKitOptionsValidator(ClockRegistration? clocks = null) : IValidateOptions<CrmKitOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmKitOptions options)
    {
        var problems = new List<Problem>();
        void Check(bool ok, string path, string problem)
        {
            if (!ok)
            {
                problems.Add(At(path, problem));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        problems.AddRange(options.BindingProblems);
        if (clocks?.StrayClock() is { } stray)
        {
            problems.Add(new Problem("IClock", $"a clock is registered as {stray.Name} but not as IClock, so CrmKit would run on the system clock; register it with services.AddSingleton<IClock>(clock)."));
        }

        Check(options.TimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is not null, "TimeZone", $"'{options.TimeZone}' is not a TZDB time zone id (example: Asia/Ho_Chi_Minh).");

        var segmentation = options.Segmentation;
        if (segmentation.Catalog is null && segmentation.CatalogFile is { } file)
        {
            if (!File.Exists(file))
            {
                problems.Add(At("Segmentation:CatalogFile", $"'{file}' does not exist."));
            }
            else
            {
                try
                {
                    SegmentCatalog.Parse(File.ReadAllText(file));
                }
                catch (CrmKitException ex)
                {
                    problems.Add(At("Segmentation:CatalogFile", $"'{file}' is not a valid catalogue: {OneLine(ex.Message)}"));
                }
            }
        }

        var care = options.Care;
        Check(care.LookbackHours > 0, "Care:LookbackHours", string.Create(inv, $"{care.LookbackHours} is not a positive number of hours."));
        Check(care.Policy is not null, "Care:Policy", "no contact policy is set.");
        Check(care.Plans is not null, "Care:Plans", "no care plans are set (use an empty list for none).");
        if (care.ProcessFolder is { } folder)
        {
            if (!Directory.Exists(folder))
            {
                problems.Add(At("Care:ProcessFolder", $"'{folder}' does not exist."));
            }
            else
            {
                try
                {
                    ProcessJson.ReadFolder(folder);
                }
                catch (InvalidProcessException ex)
                {
                    problems.AddRange(ex.Problems.Select(p => At("Care:ProcessFolder", p.ToString())));
                }
            }
        }

        var clv = options.Clv;
        Check(CountModels.Find(clv.Model) is not null, "Clv:Model", $"'{clv.Model}' is not one of {string.Join(", ", CountModels.All.Select(m => m.Id))}.");
        Check(TimeUnits.Find(clv.PeriodUnit) is not null, "Clv:PeriodUnit", $"'{clv.PeriodUnit}' is not one of {string.Join(", ", TimeUnits.Ids)}.");
        Check(clv.Horizon > 0 && double.IsFinite(clv.Horizon), "Clv:Horizon", string.Create(inv, $"{clv.Horizon} is not a positive number of periods."));
        Check(clv.DiscountRate is >= ClvDefaults.MinConfiguredDiscountRate and < ClvDefaults.MaxConfiguredDiscountRate, "Clv:DiscountRate", string.Create(inv, $"{clv.DiscountRate} is not in [{ClvDefaults.MinConfiguredDiscountRate}, {ClvDefaults.MaxConfiguredDiscountRate})."));
        Check(clv.Margin is > 0 and <= ClvDefaults.MaxConfiguredMargin, "Clv:Margin", string.Create(inv, $"{clv.Margin} is not in (0, {ClvDefaults.MaxConfiguredMargin}]."));
        Check(clv.Penalizer >= 0 && double.IsFinite(clv.Penalizer), "Clv:Penalizer", string.Create(inv, $"{clv.Penalizer} is not a finite number ≥ 0."));

        ValidateEngine(options, problems);

        var personal = options.PersonalData;
        Check(personal.RetentionYears is null or > 0, "PersonalData:RetentionYears", string.Create(inv, $"{personal.RetentionYears} is not a positive number of years."));
        Check(Enum.IsDefined(personal.RetentionAction), "PersonalData:RetentionAction", $"'{personal.RetentionAction}' is not Flag or Erase.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    /// <summary>Hosting and dispatch settings always; journeys (folder files, references to processes and segments) once <c>AddEngine</c> is called.</summary>
    private static void ValidateEngine(CrmKitOptions options, List<Problem> problems)
    {
        var engine = options.Engine;
        if (engine is null)
        {
            problems.Add(At("Engine", "no engine settings are set."));
            return;
        }

        if (engine.Hosting is null || engine.Dispatch is null || engine.Journeys is null)
        {
            problems.Add(At("Engine:" + (engine.Hosting is null ? "Hosting" : engine.Dispatch is null ? "Dispatch" : "Journeys"), "is not set."));
            return;
        }

        // The engine's option classes report "Key: problem" relative to their own section.
        problems.AddRange(engine.Hosting.Validate().Select(p => Nested("Engine:Hosting", p)));
        problems.AddRange(engine.Dispatch.Validate().Select(p => Nested("Engine:Dispatch", p)));
        if (!engine.Registered)
        {
            return;
        }

        if (engine.JourneyFolder is { } folder && !Directory.Exists(folder))
        {
            problems.Add(At("Engine:JourneyFolder", $"'{folder}' does not exist."));
            return;
        }

        try
        {
            var sources = engine.LoadJourneySources();
            var journeys = sources.Select(j => j.Journey).ToImmutableArray();
            // A missing or broken catalogue file is reported above; journeys are then checked against the built-in catalogue.
            var segmentation = options.Segmentation;
            var catalog = segmentation.CatalogFile is { } file && !File.Exists(file) && segmentation.Catalog is null ? BuiltInSegments.Catalog : segmentation.LoadCatalog();
            var processes = ProcessesForJourneys(options.Care);
            // The validator names each journey by id@version; say where it came from (built-in, the file, code), every
            // origin when one id@version is listed more than once.
            var origins = sources.GroupBy(j => j.Journey.VersionedId, StringComparer.Ordinal).ToDictionary(g => g.Key + ": ", g => string.Join(", ", g.Select(j => j.Origin)), StringComparer.Ordinal);
            problems.AddRange(JourneyValidator.Validate(journeys, processes, catalog)
                .Select(p => At("Engine:Journeys", origins.FirstOrDefault(o => p.Location.StartsWith(o.Key, StringComparison.Ordinal)).Value is { } from ? $"{from}: {p}" : p.ToString())));
        }
        catch (CrmKitException ex)
        {
            // A journey file that does not parse (InvalidJourneyException names the file and every problem), or a
            // catalogue or process file already reported above.
            problems.Add(At(ex is InvalidJourneyException ? "Engine:JourneyFolder" : "Engine:Journeys", OneLine(ex.Message)));
        }
    }

    /// <summary>The processes journeys are checked against; the built-in ones when the folder's problems are reported above.</summary>
    private static ImmutableArray<ProcessDefinition> ProcessesForJourneys(CareSettings care)
    {
        try
        {
            return care.ProcessFolder is { } folder && !Directory.Exists(folder) ? [.. BuiltInJourneys.Processes] : care.WithFolderProcesses(BuiltInJourneys.Processes);
        }
        catch (InvalidProcessException)
        {
            return [.. BuiltInJourneys.Processes];   // a broken file or two files with one id: reported with the folder's other problems
        }
    }

    /// <summary>A problem at <paramref name="path"/> under the CrmKit section (<c>CrmKit:Care:LookbackHours</c>).</summary>
    internal static Problem At(string path, string message) => new($"{CrmKitOptions.SectionName}:{path}", message);

    /// <summary>A problem of a nested options class (located at its setting's name), at its full key path.</summary>
    private static Problem Nested(string section, Problem problem) => At($"{section}:{problem.Location}", problem.Message);

    /// <summary>
    /// An exception's message on one line: a message listing its problems one per indented line (an invalid rule or
    /// process) becomes <c>head: first; second</c>, since an options problem is one line of the start-up failure.
    /// </summary>
    private static string OneLine(string message)
    {
        var lines = message.Split(["\r\n", "\n"], StringSplitOptions.None).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count <= 1 ? message : lines[0] + (lines[0].EndsWith(':') ? " " : " ") + string.Join("; ", lines.Skip(1));
    }
}
