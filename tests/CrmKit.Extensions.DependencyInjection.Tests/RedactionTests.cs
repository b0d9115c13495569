using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Logging;
using NodaTime.Testing;

namespace CrmKit.Extensions.DependencyInjection.Tests;

/// <summary>
/// Scans every exception type CrmKit declares, every event it logs, every metric tag and the <c>ToString</c> of the
/// types that hold personal data for a customer's name, phone number or email address in clear.
/// </summary>
[Collection(MeterListening.Name)] // listens to the process-wide CrmKit meter
public partial class RedactionTests
{
    private const string Name = "Nguyễn Thị Minh Khai";
    private const string PhoneText = "0901 234 567";
    private const string Email = "minhkhai.nguyen@gmail.com";
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 2, 0);

    private static readonly Customer Khai = new Customer
    {
        Id = new CustomerId("0901234567"), // a shop that keys customers by phone number
        DisplayName = Name,
        CreatedAt = T0,
        Phones = [PhoneNumber.Parse(PhoneText)],
        Emails = [EmailAddress.Parse(Email)],
        BirthDate = new LocalDate(1992, 5, 19),
        Consents = ConsentLedger.Empty.Grant(ContactChannel.Zalo, ContactPurpose.Marketing, T0, "Zalo message from " + PhoneText, Email),
        History = new CustomerHistory
        {
            Orders = OrderHistory.From(
            [
                new Order { Id = new OrderId("O1"), CustomerId = new CustomerId("0901234567"), PlacedAt = T0.Plus(Duration.FromDays(2)), Total = Money.Vnd(250_000m) },
                new Order { Id = new OrderId("O2"), CustomerId = new CustomerId("0901234567"), PlacedAt = T0.Plus(Duration.FromDays(40)), Total = Money.Vnd(410_000m) },
            ]),
            Interactions = [new Interaction { Id = new InteractionId("I1"), CustomerId = new CustomerId("0901234567"), At = T0, Channel = ContactChannel.PhoneCall, Direction = InteractionDirection.Inbound, Outcome = InteractionOutcome.Reached, Subject = $"{Name} ({PhoneText}) hỏi đơn hàng" }],
            Feedback = [new Feedback(new FeedbackId("F1"), new CustomerId("0901234567"), T0, FeedbackKind.Csat, 4) { Comment = $"Gọi tôi: {PhoneText}, {Email}" }],
        },
    };

    // Every exception type CrmKit declares, each produced by a call that hands it personal data.
    private static readonly Dictionary<Type, Func<Exception>> Scenarios = new()
    {
        [typeof(InvalidValueException)] = () => Catch(() => PhoneNumber.Parse(PhoneText + " ext")),
        [typeof(CurrencyMismatchException)] = () => Catch(() => Khai.WithOrder(new Order
        {
            Id = new OrderId(PhoneText.Replace(" ", "", StringComparison.Ordinal)),
            CustomerId = Khai.Id,
            PlacedAt = T0,
            Total = Money.Vnd(100_000m),
            Lines = [new OrderLine("SKU", 1, new Money(4m, Currency.Usd), Name)],
        })),
        [typeof(CustomerNotFoundException)] = () => CatchAsync(async () => await new InMemoryCustomerStore().UpdateAsync(Khai.Id, c => c)),
        [typeof(DuplicateCustomerIdException)] = () => CatchAsync(async () =>
        {
            var store = new InMemoryCustomerStore([Khai with { Id = new CustomerId(Email), History = CustomerHistory.Empty }]);
            await store.AddAsync(Khai with { Id = new CustomerId(Email), History = CustomerHistory.Empty });
        }),
        [typeof(ConcurrencyConflictException)] = () => CatchAsync(async () =>
        {
            var store = new InMemoryCustomerStore([Khai]);
            await store.ReplaceAsync(Khai.WithTag("vip"), 1);
            await store.ReplaceAsync(Khai.WithTag("stale"), 1);
        }),
        [typeof(CustomerErasedException)] = () => CatchAsync(async () =>
        {
            var store = new InMemoryCustomerStore([PersonalDataEraser.Erase(Khai, new ErasureRecord(T0, ErasureBasis.DataSubjectRequest))]);
            await store.UpdateAsync(Khai.Id, c => c with { DisplayName = Name, Phones = [PhoneNumber.Parse(PhoneText)] });
        }),
        [typeof(MergeConflictException)] = () => Catch(() => CustomerMerge.Merge(
            Khai with { Id = new CustomerId("+84 901 234 568"), History = CustomerHistory.Empty },
            PersonalDataEraser.Erase(Khai, new ErasureRecord(T0, ErasureBasis.DataSubjectRequest)))),
        [typeof(FitFailedException)] = () => Catch(() => GammaGammaModel.Fit(RfmSummary.Create([1, 2], [3, 4], [5, 6], [0, 10], customerIds: ["0901234567", Email]))),
        [typeof(InvalidRuleException)] = () => Catch(() => RuleJson.Parse($$"""{ "field": "attributes.phone", "op": "between", "value": "{{PhoneText}}" }""")),
        [typeof(InvalidProcessException)] = () => Catch(() => ProcessJson.ReadDefinition($$"""{ "id": "{{Email}}", "name": "{{Name}}", "states": [ { "id": "{{PhoneText}}" } ] }""")),
        [typeof(TriggerRejectedException)] = () => new TriggerRejectedException(new Rejection("after-sale", "waiting", "call " + PhoneText, RejectionReason.BadArguments, ["called"], "argument " + Email)),
    };

    [Fact]
    public void EveryExceptionType_HasAScenario()
    {
        var declared = CrmKitAssemblies().SelectMany(a => a.GetTypes()).Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName).ToList();
        Assert.Equal(declared.Select(t => t.FullName), Scenarios.Keys.OrderBy(t => t.FullName).Select(t => t.FullName));
    }

    [Fact]
    public void ExceptionMessages_HoldNoPersonalDataInClear()
    {
        foreach (var (type, produce) in Scenarios)
        {
            var ex = produce();
            Assert.IsType(type, ex);
            AssertClean($"{type.Name}: {ex.Message}");
            if (ex is CrmKitException { Hint: { } hint })
            {
                AssertClean($"{type.Name} hint: {hint}");
            }
        }
    }

    [Fact]
    public void ImportIssues_HoldNoPersonalDataInClear()
    {
        // A file whose columns slipped: names, phones and emails land where dates, emails, phones and zones belong.
        var csv = string.Join('\n',
            "customer_id,name,phone,email,birth_date,time_zone,created_at",
            $"KH1,{Name},{Email},{PhoneText},{Name},{Name},2025-01-01",
            $"KH2,{Name},{PhoneText}x,{Email.Replace("@", "@@", StringComparison.Ordinal)},{PhoneText},Asia/{PhoneText},{Email}",
            $"{Email},{Name},,,,,{PhoneText}");
        var result = new CsvImporter().ReadCustomers(new StringReader(csv), "customers.csv");
        Assert.True(result.Issues.Length >= 8, string.Join("\n", result.Issues));
        foreach (var issue in result.Issues)
        {
            AssertClean(issue.ToString());
        }
    }

    [Fact]
    public async Task LogEventsAndMetrics_HoldNoPersonalDataInClear()
    {
        var logs = new List<string>();
        var tags = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CrmKitMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, measured, _) =>
        {
            lock (tags)
            {
                tags.AddRange(measured.ToArray().Select(t => $"{instrument.Name} {t.Key}={t.Value}"));
            }
        });
        listener.Start();

        var customers = CustomerDataSet.ReadFolder(RepositoryRoot.Path("seeds", "store")).Customers.Append(Khai).ToList();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new Capture(logs)))
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2029, 1, 1, 0, 0)))
            .AddSingleton<ICustomerStore>(new InMemoryCustomerStore(customers))
            .AddCrmKit(crm => crm.AddSegmentation().AddCareProcess().AddClv().AddPersonalData(p => p.RetentionYears = 3));
        await using var provider = services.BuildServiceProvider();

        var asOf = Instant.FromUtc(2025, 6, 1, 0, 0);
        var value = provider.GetRequiredService<CustomerValueService>().Analyse(customers, asOf);
        var segments = provider.GetRequiredService<CustomerSegmentation>().Classify(customers, asOf, value.Estimates());
        provider.GetRequiredService<CareService>().DueActions(customers, segments, asOf);
        var oneOrder = Khai with { History = Khai.History with { Orders = OrderHistory.From([Khai.History.Orders[0]]) } };
        Assert.Null(provider.GetRequiredService<CustomerValueService>().Analyse([oneOrder], asOf).Count); // nobody repeats → event 3002

        var privacy = provider.GetRequiredService<PersonalDataService>();
        Assert.NotNull(await privacy.ExportAsync(Khai.Id));
        await privacy.WithdrawAllConsentAsync(Khai.Id, "call from " + PhoneText, Email);
        Assert.Equal(ErasureOutcome.Erased, (await privacy.EraseAsync(Khai.Id, "DSR-1")).Outcome);
        Assert.Equal(ErasureOutcome.AlreadyErased, (await privacy.EraseAsync(Khai.Id, "DSR-1")).Outcome);
        Assert.Equal(ErasureOutcome.NotHeld, (await privacy.EraseAsync(new CustomerId(Email))).Outcome);
        await privacy.ApplyRetentionAsync();

        var events = logs.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]).Distinct().Order().ToList();
        Assert.Equal(["1001", "2001", "3001", "3002", "4001", "4002", "4003", "4004"], events);
        Assert.Contains(logs, l => l.Contains("Erasure of customer 0*******67 (DataSubjectRequest): Erased", StringComparison.Ordinal));
        foreach (var line in logs.Concat(tags))
        {
            AssertClean(line);
        }
    }

    [Fact]
    public void ToString_OfTypesHoldingPersonalData_IsMasked()
    {
        var export = new PersonalDataExport { Customer = Khai, ExportedAt = T0, Segments = [new("vip", "VIP")] };
        var subject = CareSubject.From(Khai, SegmentMembership.None, DateTimeZone.Utc);
        object[] values =
        [
            Khai, Khai.Phones[0], Khai.Emails[0], Khai.Consents, Khai.Consents[0], Khai.History, Khai.History.Interactions[0],
            Khai.History.Feedback[0], export, subject, new DuplicateMatch(Khai.Id, new CustomerId(Email), MatchEvidence.SamePhone, MatchStrength.Strong),
        ];
        Assert.Equal("Customer 0*******67 N***** T** M*** K***", Khai.ToString());
        foreach (var value in values)
        {
            AssertClean($"{value.GetType().Name}: {value}");
        }
    }

    private static void AssertClean(string text)
    {
        var digits = Separators().Replace(text, string.Empty);
        Assert.False(digits.Contains("901234567", StringComparison.Ordinal), $"phone number in clear: {text}");
        Assert.DoesNotContain("minhkhai.nguyen", text, StringComparison.OrdinalIgnoreCase);
        foreach (var form in new[] { Name, TextFold.ForMatching(Name), Name.ToUpperInvariant(), "Minh Khai" })
        {
            Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"name in clear: {text}");
        }
    }

    private static IEnumerable<Assembly> CrmKitAssemblies() =>
    [
        typeof(Customer).Assembly, typeof(RfmSummary).Assembly, typeof(Segment).Assembly, typeof(ProcessDefinition).Assembly,
        typeof(Review.ReviewCalculator).Assembly, typeof(CrmKitMetrics).Assembly,
    ];

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("the scenario threw nothing");
    }

    private static Exception CatchAsync(Func<Task> action) => Catch(() => action().GetAwaiter().GetResult());

    [GeneratedRegex(@"[ .\-()]")]
    private static partial Regex Separators();

    private sealed class Capture(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The rendered message and every structured value a log sink would store.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                lock (lines)
                {
                    lines.Add($"{eventId.Id} {formatter(state, exception)} | {values} {exception}");
                }
            }
        }
    }
}
