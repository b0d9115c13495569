using System.Collections.Immutable;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>
/// CrmKit's settings, bound from the <c>CrmKit</c> configuration section (see <see cref="CrmKitBuilder.Bind"/>) and/or set
/// in code; validated when the host starts, with every problem listed in one message.
/// </summary>
public sealed class CrmKitOptions
{
    /// <summary>The configuration section CrmKit's settings usually live in.</summary>
    public const string SectionName = "CrmKit";

    /// <summary>The shop's time zone (TZDB id) for customers without their own. Default <c>Asia/Ho_Chi_Minh</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Segmentation settings.</summary>
    public SegmentationSettings Segmentation { get; set; } = new();

    /// <summary>Care-process settings.</summary>
    public CareSettings Care { get; set; } = new();

    /// <summary>Customer-lifetime-value settings.</summary>
    public ClvSettings Clv { get; set; } = new();

    /// <summary>Personal-data settings (<c>CrmKit:PersonalData</c>).</summary>
    public PersonalDataSettings PersonalData { get; set; } = new();

    /// <summary>Care engine settings (<c>CrmKit:Engine</c>), used by <see cref="CrmKitBuilder.AddEngine(Action{EngineSettings})"/>.</summary>
    public EngineSettings Engine { get; set; } = new();

    /// <summary>The zone named by <see cref="TimeZone"/> (valid after validation).</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    /// <summary>Configuration values that could not be bound (an enum setting naming no value), reported by validation.</summary>
    internal List<string> BindingProblems { get; } = [];
}

/// <summary>Checks every CrmKit setting and reports all problems at once, each with its configuration path.</summary>
internal sealed class CrmKitOptionsValidator(ClockRegistration? clocks = null) : IValidateOptions<CrmKitOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmKitOptions options)
    {
        var problems = new List<string>();
        void Check(bool ok, string path, string problem)
        {
            if (!ok)
            {
                problems.Add($"{CrmKitOptions.SectionName}:{path}: {problem}");
            }
        }

        var inv = CultureInfo.InvariantCulture;
        problems.AddRange(options.BindingProblems);
        if (clocks?.StrayClock() is { } stray)
        {
            problems.Add($"IClock: a clock is registered as {stray.Name} but not as IClock, so CrmKit would run on the system clock; register it with services.AddSingleton<IClock>(clock).");
        }

        Check(options.TimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is not null, "TimeZone", $"'{options.TimeZone}' is not a TZDB time zone id (example: Asia/Ho_Chi_Minh).");

        var segmentation = options.Segmentation;
        if (segmentation.Catalog is null && segmentation.CatalogFile is { } file)
        {
            if (!File.Exists(file))
            {
                problems.Add($"{CrmKitOptions.SectionName}:Segmentation:CatalogFile: '{file}' does not exist.");
            }
            else
            {
                try
                {
                    SegmentCatalog.Parse(File.ReadAllText(file));
                }
                catch (CrmKitException ex)
                {
                    problems.Add($"{CrmKitOptions.SectionName}:Segmentation:CatalogFile: '{file}' is not a valid catalogue: {ex.Message}");
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
                problems.Add($"{CrmKitOptions.SectionName}:Care:ProcessFolder: '{folder}' does not exist.");
            }
            else
            {
                var read = new List<(string File, ProcessDefinition Definition)>();
                foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
                {
                    try
                    {
                        read.Add((Path.GetFileName(path), ProcessJson.ReadDefinition(File.ReadAllText(path))));
                    }
                    catch (CrmKitException ex)
                    {
                        problems.Add($"{CrmKitOptions.SectionName}:Care:ProcessFolder: {Path.GetFileName(path)}: {ex.Message}");
                    }
                }

                problems.AddRange(CareSettings.DuplicateFolderProcesses(read).Select(p => $"{CrmKitOptions.SectionName}:Care:ProcessFolder: {p}"));
            }
        }

        var clv = options.Clv;
        Check(ClvSettings.Models.Contains(clv.Model), "Clv:Model", $"'{clv.Model}' is not one of {string.Join(", ", ClvSettings.Models)}.");
        Check(ClvSettings.Units.Contains(clv.PeriodUnit), "Clv:PeriodUnit", $"'{clv.PeriodUnit}' is not one of {string.Join(", ", ClvSettings.Units)}.");
        Check(clv.Horizon > 0 && double.IsFinite(clv.Horizon), "Clv:Horizon", string.Create(inv, $"{clv.Horizon} is not a positive number of periods."));
        Check(clv.DiscountRate is >= 0 and < 1, "Clv:DiscountRate", string.Create(inv, $"{clv.DiscountRate} is not in [0, 1)."));
        Check(clv.Margin is > 0 and <= 1, "Clv:Margin", string.Create(inv, $"{clv.Margin} is not in (0, 1]."));
        Check(clv.Penalizer >= 0 && double.IsFinite(clv.Penalizer), "Clv:Penalizer", string.Create(inv, $"{clv.Penalizer} is not a finite number ≥ 0."));

        ValidateEngine(options, problems);

        var personal = options.PersonalData;
        Check(personal.RetentionYears is null or > 0, "PersonalData:RetentionYears", string.Create(inv, $"{personal.RetentionYears} is not a positive number of years."));
        Check(Enum.IsDefined(personal.RetentionAction), "PersonalData:RetentionAction", $"'{personal.RetentionAction}' is not Flag or Erase.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Hosting and dispatch settings always; journeys (folder files, references to processes and segments) once <c>AddEngine</c> is called.</summary>
    private static void ValidateEngine(CrmKitOptions options, List<string> problems)
    {
        const string Prefix = CrmKitOptions.SectionName + ":Engine:";
        var engine = options.Engine;
        if (engine is null)
        {
            problems.Add(Prefix[..^1] + ": no engine settings are set.");
            return;
        }

        if (engine.Hosting is null || engine.Dispatch is null || engine.Journeys is null)
        {
            problems.Add(Prefix + (engine.Hosting is null ? "Hosting" : engine.Dispatch is null ? "Dispatch" : "Journeys") + ": is not set.");
            return;
        }

        problems.AddRange(engine.Hosting.Validate().Select(p => Prefix + "Hosting:" + p));
        problems.AddRange(engine.Dispatch.Validate().Select(p => Prefix + "Dispatch:" + p));
        if (!engine.Registered)
        {
            return;
        }

        if (engine.JourneyFolder is { } folder && !Directory.Exists(folder))
        {
            problems.Add($"{Prefix}JourneyFolder: '{folder}' does not exist.");
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
                .Select(p => origins.FirstOrDefault(o => p.StartsWith(o.Key, StringComparison.Ordinal)).Value is { } from ? $"{Prefix}Journeys: {from}: {p}" : $"{Prefix}Journeys: {p}"));
        }
        catch (CrmKitException ex)
        {
            // A journey file that does not parse (InvalidJourneyException names the file and every problem), or a
            // catalogue or process file already reported above.
            problems.Add($"{Prefix}{(ex is InvalidJourneyException ? "JourneyFolder" : "Journeys")}: {ex.Message}");
        }
    }

    /// <summary>The processes journeys are checked against; the built-in ones when the folder's problems are reported above.</summary>
    private static ImmutableArray<ProcessDefinition> ProcessesForJourneys(CareSettings care)
    {
        try
        {
            return care.ProcessFolder is { } folder && !Directory.Exists(folder) ? [.. BuiltInJourneys.Processes] : care.WithFolderProcesses(BuiltInJourneys.Processes);
        }
        catch (InvalidOperationException)
        {
            return [.. BuiltInJourneys.Processes];   // two files with one id: reported with the folder's other problems
        }
    }
}
