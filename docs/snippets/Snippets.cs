using System.Diagnostics.Metrics;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Extensions.DependencyInjection;
using CrmKit.Segmentation;
using CrmKit.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Docs.Snippets;

/// <summary>Documented code, one region per block; each method returns what the block computes so tests can check it.</summary>
public static class Snippets
{
    /// <summary>docs/getting-started.md: why a customer is in each of their segments, in the language asked for.</summary>
    public static string ExplainCustomer(Customer customer, Instant asOf, System.Globalization.CultureInfo language)
    {
        #region explain-customer
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var catalog = BuiltInSegments.Catalog;
        var record = CustomerRecord.From(customer, zone);        // pass CustomerScores for the RFM/CLV-based segments
        var explanations = catalog.Explain(record, new EvaluationContext(asOf, zone));   // one per segment, in order

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < catalog.Segments.Length; i++)
        {
            if (explanations[i].Holds)                           // the final membership (exclusive groups applied)
            {
                text.AppendLine(catalog.Segments[i].Name.Get(language));
                text.AppendLine(explanations[i].Describe(language));   // "✓ tất cả: cả 2 điều kiện đều đúng" in vi
            }
        }
        #endregion
        return text.ToString();
    }

    /// <summary>docs/getting-started.md: the whole care workflow through dependency injection.</summary>
    public static (int Customers, int DueToday, double? Retention) GettingStarted(string folder, IClock clock)
    {
        #region getting-started
        var services = new ServiceCollection()
            .AddSingleton<IClock>(clock)             // your IClock wins over the system clock
            .AddCrmKit()                             // segmentation, care process and CLV with their defaults
            .BuildServiceProvider();

        var customers = CustomerDataSet.ReadFolder(folder).Customers;   // or your own store
        var value = services.GetRequiredService<CustomerValueService>().Analyse(customers);
        var segments = services.GetRequiredService<CustomerSegmentation>().Classify(customers, values: value.Estimates());
        var today = services.GetRequiredService<CareService>().DueActions(customers, segments);

        var now = clock.GetCurrentInstant();
        var review = ReviewCalculator.Compute(customers, new Interval(now - Duration.FromDays(90), now),
            new ReviewOptions { Memberships = segments.Memberships, DueActions = today });
        Console.WriteLine($"{today.Count(a => a.Status == AgendaStatus.Due)} care actions due; retention {review.Customers.RetentionRate:P0}");
        #endregion

        return (customers.Length, today.Count(a => a.Status == AgendaStatus.Due), review.Customers.RetentionRate);
    }

    /// <summary>docs/importing.md: a platform's export read with a preset, its issues grouped.</summary>
    public static (int Customers, int GuestSales, decimal GuestRevenue, int RowsKept) Importing(string ordersFile, string customersFile)
    {
        #region importing
        var options = new CsvImportOptions
        {
            Mapping = ImportMapping.Preset("kiotviet"),      // or ImportMapping.Load("my-shop.json")
            Format = new ImportFormat { Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"] },   // wins over the mapping's
            OnIssue = issue => Console.Error.WriteLine(issue),   // every issue as it is found; data.Issues keeps the first 1,000 per file
        };
        var data = CustomerDataSet.Read(new CustomerFiles { Orders = ordersFile, Customers = customersFile }, options);
        foreach (var group in data.IssueGroups)   // exact counts over all data.IssueCount issues
        {
            Console.Error.WriteLine(group);   // orders.csv: 3 rows rejected: column 'Khách cần trả': … — lines 4, 9, 12
        }

        foreach (var file in data.Files)
        {
            Console.WriteLine($"{file.File}: {file.RowsKept} of {file.RowsRead} rows kept, {file.Warnings} warnings");
        }

        var guestRevenue = data.GuestSales.Where(g => g.IsRevenue).Sum(g => g.Total.Amount);   // walk-in sales, apart
        #endregion

        return (data.Customers.Length, data.GuestSales.Length, guestRevenue, data.Files.Sum(f => f.RowsKept));
    }

    /// <summary>docs/dependency-injection.md: settings from appsettings.json, adjusted in code.</summary>
    public static CrmKitOptions Configuration(string appSettingsFile)
    {
        #region di-configuration
        var configuration = new ConfigurationBuilder().AddJsonFile(appSettingsFile).Build();
        var services = new ServiceCollection();
        services.AddCrmKit(crm => crm
            .Bind(configuration.GetSection(CrmKitOptions.SectionName))
            .AddSegmentation()
            .AddCareProcess(care => care.Policy = ContactPolicy.Vietnam)
            .AddClv(clv => clv.Margin = 0.3));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();   // a generic host does this at start
        #endregion

        return provider.GetRequiredService<IOptions<CrmKitOptions>>().Value;
    }

    /// <summary>docs/dependency-injection.md: reading CrmKit's instruments without OpenTelemetry.</summary>
    public static long Metrics(IReadOnlyList<Customer> customers)
    {
        #region di-metrics
        long evaluations = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CrmKitMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, measurement, tags, state) =>
        {
            if (instrument.Name == "crmkit.segment.evaluations")
            {
                Interlocked.Add(ref evaluations, measurement);
            }
        });
        listener.Start();

        using var provider = new ServiceCollection().AddCrmKit().BuildServiceProvider();
        provider.GetRequiredService<CustomerSegmentation>().Classify(customers);
        #endregion

        return evaluations;
    }

    /// <summary>docs/review.md: the figures of one month, overall and by segment.</summary>
    public static ReviewFigures Review(IReadOnlyList<Customer> customers, CrmKit.Segmentation.SegmentationResult segments)
    {
        #region review
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var october = new Interval(
            new LocalDate(2026, 10, 1).AtStartOfDayInZone(zone).ToInstant(),
            new LocalDate(2026, 11, 1).AtStartOfDayInZone(zone).ToInstant());
        var figures = ReviewCalculator.Compute(customers, october, new ReviewOptions { Zone = zone, Memberships = segments.Memberships });

        Console.WriteLine($"retention {figures.Customers.RetentionRate:P0}, churn {figures.Customers.ChurnRate:P0}, NPS {figures.Feedback.Nps:F0}");
        foreach (var (segment, f) in figures.BySegment)
        {
            Console.WriteLine($"{segment}: {f.Buyers} buyers, average order {f.AverageOrderValue}");
        }
        #endregion

        return figures;
    }

    /// <summary>docs/personal-data.md: a customer's requests — stop contacting me, give me my data, forget me.</summary>
    public static async Task<(bool ZaloAllowedInMarch, string Export, ErasureOutcome Outcome, Customer Erased)> PersonalDataRequests(
        IServiceProvider services, CustomerId id, CrmKit.Segmentation.SegmentCatalog segmentCatalog, SegmentMembership membership, IEnumerable<ProcessSnapshot> snapshots)
    {
        #region personal-data
        var store = services.GetRequiredService<ICustomerStore>();
        var privacy = services.GetRequiredService<PersonalDataService>();

        // "Stop sending me offers": one call records a withdrawal for every consent in force.
        await privacy.WithdrawAllConsentAsync(id, source: "Zalo message", recordedBy: "NV07");

        // The ledger still proves what was in force at any past instant.
        var customer = (await store.FindAsync(id))!.Value.Value;
        var march = Instant.FromUtc(2026, 3, 15, 0, 0);
        var zaloAllowedInMarch = customer.Consents.IsGrantedAt(ContactChannel.Zalo, ContactPurpose.Marketing, march);

        // "Send me my data": one JSON document with everything held, segments and care-process state added.
        var export = (await privacy.ExportAsync(id))!;
        var json = export.WithSegments(segmentCatalog, membership).WithCareProcesses(snapshots).ToJson();

        // "Forget me": personal fields go, order amounts and dates stay for revenue and CLV figures.
        var result = await privacy.EraseAsync(id, reference: "DSR-2026-0042");
        Console.WriteLine($"{result.Outcome}: {result.Customer!.Value.Value}"); // Erased: Customer KH0042 (erased)
        #endregion

        return (zaloAllowedInMarch, json, result.Outcome, result.Customer!.Value.Value);
    }
}
