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

namespace CrmKit.DependencyInjection;

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

/// <summary>Segmentation settings (<c>CrmKit:Segmentation</c>).</summary>
public sealed class SegmentationSettings
{
    /// <summary>A segment catalogue JSON file; when unset, the built-in catalogue (or <see cref="Catalog"/>) is used.</summary>
    public string? CatalogFile { get; set; }

    /// <summary>A catalogue set in code; wins over <see cref="CatalogFile"/>. Default: none.</summary>
    public SegmentCatalog? Catalog { get; set; }

    /// <summary>The catalogue in use: <see cref="Catalog"/>, else <see cref="CatalogFile"/> parsed, else the built-in one.</summary>
    /// <exception cref="InvalidRuleException">The file is not a valid catalogue.</exception>
    internal SegmentCatalog LoadCatalog() => Catalog ?? (CatalogFile is { } file ? SegmentCatalog.Parse(File.ReadAllText(file)) : BuiltInSegments.Catalog);
}

/// <summary>Care-process settings (<c>CrmKit:Care</c>).</summary>
public sealed class CareSettings
{
    /// <summary>How far back the agenda looks for due actions, in hours. Default 24.</summary>
    public int LookbackHours { get; set; } = 24;

    /// <summary>A folder of process definition JSON files, loaded beside the built-in processes. Default: none.</summary>
    public string? ProcessFolder { get; set; }

    /// <summary>The contact policy (set in code). Default <see cref="ContactPolicy.Vietnam"/>.</summary>
    public ContactPolicy Policy { get; set; } = ContactPolicy.Vietnam;

    /// <summary>The care plans (set in code). Default <see cref="BuiltInCarePlans.All"/>.</summary>
    public IReadOnlyList<CarePlan> Plans { get; set; } = BuiltInCarePlans.All;

    /// <summary>
    /// <paramref name="builtIn"/> with each definition in <see cref="ProcessFolder"/> (file name order), if set: a folder
    /// definition with a built-in's id replaces it in place, any other is appended.
    /// </summary>
    /// <exception cref="InvalidOperationException">Two folder files define the same process id (both files named).</exception>
    internal ImmutableArray<ProcessDefinition> WithFolderProcesses(IEnumerable<ProcessDefinition> builtIn)
    {
        var folder = ReadFolderProcesses();
        if (DuplicateFolderProcesses(folder).FirstOrDefault() is { } duplicate)
        {
            throw new InvalidOperationException($"{CrmKitOptions.SectionName}:Care:ProcessFolder: {duplicate}");
        }

        var all = builtIn.ToList();
        foreach (var (_, definition) in folder)
        {
            var index = all.FindIndex(p => p.Id == definition.Id);
            if (index >= 0)
            {
                all[index] = definition;
            }
            else
            {
                all.Add(definition);
            }
        }

        return [.. all];
    }

    /// <summary>The folder definitions that replace one of <paramref name="builtIn"/>: (file name, process id).</summary>
    internal IEnumerable<(string File, string Id)> ReplacedProcesses(IEnumerable<ProcessDefinition> builtIn)
    {
        var ids = builtIn.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return ReadFolderProcesses().Where(f => ids.Contains(f.Definition.Id)).Select(f => (f.File, f.Definition.Id));
    }

    /// <summary>Every folder file's definition, with its file name, in file name order; none without a folder.</summary>
    internal List<(string File, ProcessDefinition Definition)> ReadFolderProcesses()
        => ProcessFolder is { } folder
            ? [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), ProcessJson.ReadDefinition(File.ReadAllText(f))))]
            : [];

    /// <summary>One problem per process id defined by more than one folder file, naming the files.</summary>
    internal static IEnumerable<string> DuplicateFolderProcesses(IEnumerable<(string File, ProcessDefinition Definition)> folder)
        => folder.GroupBy(f => f.Definition.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"process '{g.Key}' is defined by more than one file: {string.Join(", ", g.Select(f => f.File))}; keep one.");
}

/// <summary>Customer-lifetime-value settings (<c>CrmKit:Clv</c>).</summary>
public sealed class ClvSettings
{
    /// <summary>The count model: <c>bg-nbd</c>, <c>mbg-nbd</c> or <c>pareto-nbd</c>. Default <c>bg-nbd</c>.</summary>
    public string Model { get; set; } = "bg-nbd";

    /// <summary>The period unit: <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c>. Default <c>week</c>.</summary>
    public string PeriodUnit { get; set; } = "week";

    /// <summary>The prediction horizon in periods. Default 52.</summary>
    public double Horizon { get; set; } = 52;

    /// <summary>The discount rate per step of the value (the horizon is cut into 12 steps), in [0, 1). Default 0.01.</summary>
    public double DiscountRate { get; set; } = 0.01;

    /// <summary>The profit margin applied to spend, in (0, 1]. Default 1 (revenue).</summary>
    public double Margin { get; set; } = 1;

    /// <summary>The L2 penalty of the fits, ≥ 0. Default 0.</summary>
    public double Penalizer { get; set; }

    internal static readonly string[] Models = ["bg-nbd", "mbg-nbd", "pareto-nbd"];
    internal static readonly string[] Units = ["day", "week", "month", "year"];

    internal ValueAnalysisOptions ToAnalysisOptions() => new()
    {
        Model = Model switch { "mbg-nbd" => CountModelKind.ModifiedBetaGeo, "pareto-nbd" => CountModelKind.ParetoNbd, _ => CountModelKind.BetaGeo },
        Unit = PeriodUnit switch { "day" => TimeUnit.Day, "month" => TimeUnit.Month, "year" => TimeUnit.Year, _ => TimeUnit.Week },
        Value = new ClvOptions { Horizon = Horizon, DiscountRate = DiscountRate, Margin = Margin },
        Fit = new FitOptions { Penalizer = Penalizer },
    };
}

/// <summary>Personal-data settings (<c>CrmKit:PersonalData</c>).</summary>
public sealed class PersonalDataSettings
{
    /// <summary>
    /// How many years a customer may stay inactive before the retention policy applies; <see langword="null"/> (the
    /// default) means no retention policy — the shop must then decide one (see docs/personal-data.md).
    /// </summary>
    public int? RetentionYears { get; set; }

    /// <summary>What the retention policy does: <c>Flag</c> (default) or <c>Erase</c>.</summary>
    public RetentionAction RetentionAction { get; set; } = RetentionAction.Flag;

    internal RetentionPolicy? ToPolicy() => RetentionYears is { } years ? new RetentionPolicy { InactiveFor = Period.FromYears(years), Action = RetentionAction } : null;
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
