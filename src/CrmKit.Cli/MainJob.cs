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
        var asOf = AsOf(settings, dataSet, customers);
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
    /// The instant the job runs for: the end of <see cref="MainJobSettings.AsOf"/> in the shop's zone, else the last sale,
    /// guest sales included (a shop's last day of trade).
    /// </summary>
    internal static Instant AsOf(MainJobSettings settings, CustomerDataSet dataSet, IReadOnlyList<Customer> customers)
    {
        var lastGuestSale = dataSet.GuestSales.Select(g => (Instant?)g.PlacedAt).Max();
        var lastOrder = customers.SelectMany(c => c.History.Orders).Select(o => (Instant?)o.PlacedAt).Max();
        return settings.AsOf is null && lastGuestSale is { } guest && (lastOrder is null || guest > lastOrder) ? guest : AsOfInstant.Of(settings.AsOf, customers as IReadOnlyCollection<Customer> ?? [.. customers], settings.Zone);
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
