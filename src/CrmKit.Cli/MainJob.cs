using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using CrmKit.Cli.Localization;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Extensions.DependencyInjection;
using CrmKit.Review;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>What <c>crmkit run</c> is asked to do.</summary>
internal sealed record MainJobSettings
{
    /// <summary>The input files.</summary>
    public required CustomerFiles Files { get; init; }

    /// <summary>What the summary calls the input (a folder or the customers file).</summary>
    public required string Source { get; init; }

    /// <summary>The as-of date (YYYY-MM-DD), or <see langword="null"/> for the instant of the last order.</summary>
    public string? AsOf { get; init; }

    /// <summary>The shop's zone.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>How the files are read (mapping, formats).</summary>
    public CsvImportOptions Import { get; init; } = CsvImportOptions.Default;

    /// <summary>The length of the review period that ends at the as-of instant.</summary>
    public int ReviewDays { get; init; } = 90;

    /// <summary>The agenda lists actions due in the N days up to the as-of instant (<c>care agenda --lookback-days</c>). Default 1.</summary>
    public int AgendaDays { get; init; } = 1;

    /// <summary>The CLV count model: auto (chosen by holdout), bg-nbd, mbg-nbd or pareto-nbd.</summary>
    public string ClvModel { get; init; } = MainJob.AutoModel;

    /// <summary>The CLV horizon in weeks.</summary>
    public double HorizonWeeks { get; init; } = ClvDefaults.Horizon;

    /// <summary>Which duplicate records the merge step joins (<c>--merge</c>).</summary>
    public Customers.Identity.MergePolicy Merge { get; init; } = Customers.Identity.MergePolicy.Strong;

    /// <summary>The segment catalogue.</summary>
    public SegmentCatalog Catalog { get; init; } = BuiltInSegments.Catalog;
}

/// <summary>Everything <c>crmkit run</c> computed.</summary>
internal sealed record MainJobResult(
    MainJobSettings Settings,
    CustomerDataSet DataSet,
    IReadOnlyList<Customer> Customers,
    MergeOutcome Merges,
    Instant AsOf,
    SegmentationResult Segmentation,
    ValueAnalysisResult Clv,
    IReadOnlyList<AgendaItem> Agenda,
    ReviewFigures Review,
    Engine.CareEngineRun Engine,
    ImmutableArray<(string Stage, TimeSpan Elapsed, TimeSpan Cpu)> Stages)
{
    private OrderTotals? _totals;

    /// <summary>How many records the merge step merged away.</summary>
    public int Merged => Merges.Resolution.MergedCount;

    /// <summary>The order totals at <see cref="AsOf"/> (orders placed after it set apart): every total of the summary and the report reads them.</summary>
    public OrderTotals Totals => _totals ??= OrderTotals.Of(Customers, DataSet.GuestSales, AsOf);
}

/// <summary>
/// The main job: import, merge duplicates, fit the CLV models and predict, classify segments (CLV tiers included),
/// compute today's care agenda and the review figures of the period that ends at the as-of instant, and replay the
/// history through the care engine up to the as-of instant (what the journeys did and are doing).
/// </summary>
internal static class MainJob
{
    /// <summary>The <c>--model</c> option of the commands that run the job (<c>run</c>, <c>care agenda</c>).</summary>
    public static Option<string> ClvModelOption()
        => new Option<string>("--model") { Description = Display.Format(Strings.HelpRunClvModel, string.Join(", ", CountModels.All.Select(m => m.Id)), AutoModel), DefaultValueFactory = _ => AutoModel }
            .AcceptOnlyFromAmong([AutoModel, .. CountModels.All.Select(m => m.Id)]);

    /// <summary>The <c>--model</c> value that chooses the count model by holdout.</summary>
    public const string AutoModel = "auto";

    /// <summary>The first stage: reads the files, reporting the issues grouped on the error stream.</summary>
    public static (CustomerDataSet DataSet, TimeSpan Elapsed, TimeSpan Cpu) Import(MainJobSettings settings, TextWriter error, Progress? progress = null)
    {
        progress?.Stage("import");
        var watch = Stopwatch.StartNew();
        var cpu = ProcessorTime();
        var dataSet = CustomerDataSet.Read(settings.Files, settings.Import);
        ImportVerdict.WriteIssues(error, dataSet);
        return (dataSet, watch.Elapsed, ProcessorTime() - cpu);
    }

    // The processor time of the whole process (every thread, the garbage collector's included): on a shared machine
    // the work a stage did, which its wall time shows only when the machine is idle.
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Reads the files and runs the job (for callers that need no verdict in between).</summary>
    public static MainJobResult Run(MainJobSettings settings, TextWriter error, Progress? progress = null)
        => Run(settings, Import(settings, error, progress), error, progress);

    /// <summary>The stages after the import.</summary>
    public static MainJobResult Run(MainJobSettings settings, (CustomerDataSet DataSet, TimeSpan Elapsed, TimeSpan Cpu) imported, TextWriter error, Progress? progress = null)
    {
        progress ??= Progress.Hidden;
        var stages = ImmutableArray.CreateBuilder<(string, TimeSpan, TimeSpan)>();
        stages.Add(("import", imported.Elapsed, imported.Cpu));
        var watch = Stopwatch.StartNew();
        T Step<T>(string name, Func<T> work)
        {
            progress.Stage(name);
            var (started, cpu) = (watch.Elapsed, ProcessorTime());
            var result = work();
            stages.Add((name, watch.Elapsed - started, ProcessorTime() - cpu));
            return result;
        }

        var dataSet = imported.DataSet;
        var (customers, merged) = Step("merge duplicates", () => CustomerLoading.Merge(dataSet, settings.Merge));
        var zone = settings.Zone;
        var asOf = AsOf(settings, dataSet, customers, error);
        var clv = Step("fit CLV models", () => ValueAnalysis.Run(customers, asOf, zone, ClvOptions(settings)));
        var context = new EvaluationContext(asOf, zone);
        var segmentation = Step("classify segments", () => new Segmenter(settings.Catalog).Run(customers, context, clv.Estimates()));
        var subjects = customers.Select(c => CareSubject.From(c, segmentation.Memberships[c.Id], zone)).ToList();
        var agenda = new CareAgenda(BuiltInCarePlans.All);
        var today = Step("care agenda", () => agenda.ForPopulation(subjects, asOf, Duration.FromDays(settings.AgendaDays)));
        var period = new Interval(asOf - Duration.FromDays(settings.ReviewDays) + Duration.Epsilon, asOf + Duration.Epsilon);
        var review = Step("review figures", () =>
        {
            var due = agenda.ForPopulation(subjects, asOf, Duration.FromDays(settings.ReviewDays));
            return ReviewCalculator.Compute(customers, period, new ReviewOptions
            {
                Zone = zone,
                Memberships = segmentation.Memberships,
                DueActions = [.. due],
            });
        });
        // The engine classifies with the run's catalogue and the RFM (and, for one currency, value tier) thresholds this
        // run fitted, frozen, as a live host would after its nightly full run.
        var engineOptions = EngineOptions(settings, segmentation);
        var engine = Step("care engine", () => Engine.CareEngineRun.Replay(customers, asOf, engineOptions, progress));
        return new MainJobResult(settings, dataSet, customers, merged, asOf, segmentation, clv, today, review, engine, stages.ToImmutable());
    }

    /// <summary>
    /// The instant the job runs for: the end of <see cref="MainJobSettings.AsOf"/> in the shop's zone; else the last
    /// sale (guest sales included: a shop's last day of trade), or, when a file's consent columns were read, the time
    /// of that export if it is later (<see cref="ImportedFile.ConsentsExportedAt"/>: those consents exist from then
    /// on, so an as-of before it would hold none of them — seventh trial, issue 21). Without a sale, the last
    /// customer's creation. With <paramref name="warnings"/>, an <c>--as-of</c> day after everything the data knows
    /// (the last sale, the files' export times) is warned about there.
    /// </summary>
    internal static Instant AsOf(MainJobSettings settings, CustomerDataSet dataSet, IReadOnlyList<Customer> customers, TextWriter? warnings = null)
    {
        var lastSale = LastSale(dataSet, customers);
        if (settings.AsOf is null)
        {
            var end = lastSale ?? customers.Select(c => (Instant?)c.CreatedAt).Max();
            if (ConsentsExport(dataSet) is { } export && (end is null || export.At > end))
            {
                return export.At;
            }

            return end ?? AsOfInstant.Of(null, [], settings.Zone); // no customer at all: the error that asks for --as-of
        }

        var asOf = AsOfInstant.Of(settings.AsOf, customers as IReadOnlyCollection<Customer> ?? [.. customers], settings.Zone);
        if (warnings is not null && AfterTheData(settings, dataSet, lastSale, asOf) is { } warning)
        {
            warnings.WriteLine($"crmkit: {warning}");
        }

        return asOf;
    }

    /// <summary>
    /// The file whose consent columns date the default as-of instant of <paramref name="job"/> (its export time is
    /// later than the last sale), or <see langword="null"/> when the as-of is the last sale or was given.
    /// </summary>
    internal static ImportedFile? AsOfExportFile(MainJobResult job)
        => job.Settings.AsOf is null && ConsentsExport(job.DataSet) is { } export && export.At == job.AsOf
            && (LastSale(job.DataSet, job.Customers) is not { } last || last < export.At)
            ? export.File
            : null;

    /// <summary>The last sale: the latest order of <paramref name="customers"/> or guest sale, or <see langword="null"/>.</summary>
    internal static Instant? LastSale(CustomerDataSet dataSet, IEnumerable<Customer> customers)
    {
        var lastGuestSale = dataSet.GuestSales.Select(g => (Instant?)g.PlacedAt).Max();
        var lastOrder = customers.SelectMany(c => c.History.Orders).Select(o => (Instant?)o.PlacedAt).Max();
        return lastGuestSale > lastOrder || lastOrder is null ? lastGuestSale : lastOrder;
    }

    // The latest export time among the files whose consent columns gave decisions.
    private static (Instant At, ImportedFile File)? ConsentsExport(CustomerDataSet dataSet)
        => dataSet.Files.Where(f => f.ConsentsExportedAt is not null).MaxBy(f => f.ConsentsExportedAt) is { } file ? (file.ConsentsExportedAt!.Value, file) : null;

    // An --as-of day after the day of everything the data knows — the last sale and each file's export time (--exported-at,
    // else its modification time) —: a warning, since days since the last purchase grow past what the files can show.
    private static string? AfterTheData(MainJobSettings settings, CustomerDataSet dataSet, Instant? lastSale, Instant asOf)
    {
        var exports = new[] { ImportFileKind.Customers, ImportFileKind.Orders, ImportFileKind.OrderLines, ImportFileKind.Consents, ImportFileKind.Interactions, ImportFileKind.Tickets, ImportFileKind.Feedback, ImportFileKind.Referrals }
            .Select(settings.Files.Of)
            .OfType<string>()
            .Where(File.Exists)
            .Select(path => settings.Import.ExportedAt ?? Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(path)))
            .Concat(dataSet.Files.Select(f => f.ConsentsExportedAt).OfType<Instant>())
            .Select(i => (Instant?)i)
            .Max();
        var zone = settings.Zone;
        var end = new[] { lastSale, exports }.Max();
        if (end is not { } known || asOf.InZone(zone).Date <= known.InZone(zone).Date)
        {
            return null;
        }

        return Display.Format(
            Strings.WarningAsOfAfterData,
            Display.Date(asOf.InZone(zone).Date),
            lastSale is { } sale ? Display.DateTime(sale, zone) : Strings.RunNone,
            exports is { } exported ? Display.DateTime(exported, zone) : Strings.RunNone);
    }

    /// <summary>How the job fits the CLV models: the settings' horizon and count model (with auto, chosen by holdout).</summary>
    internal static ValueAnalysisOptions ClvOptions(MainJobSettings settings) => new()
    {
        Value = new ClvOptions { Horizon = settings.HorizonWeeks },
        SelectModel = settings.ClvModel == AutoModel,
        // With auto, Model is the fallback when no model can be validated.
        Model = settings.ClvModel == AutoModel ? ClvDefaults.Model : CountModels.Parse(settings.ClvModel).Kind,
    };

    /// <summary>The care engine's options: the run's catalogue, its RFM (and, for one currency, value tier) thresholds frozen, the shop's zone.</summary>
    internal static CrmKit.Engine.CareEngineOptions EngineOptions(MainJobSettings settings, SegmentationResult segmentation) => new()
    {
        Catalog = settings.Catalog,
        RfmThresholds = segmentation.Thresholds,
        ValueTiers = segmentation.ValueTiers.Length == 1 ? segmentation.ValueTiers[0] : null,
        Zone = settings.Zone,
    };
}
