using System.Collections;
using System.Globalization;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: CLV problems are written from their kind and figures (<see cref="ClvProblem"/>), never by reading the
/// library's English. Every kind has a text in both languages; the English text rebuilt from a real problem's figures is
/// the library's own message word for word (so the figures carry everything the sentence says); the Vietnamese one has
/// no English left.
/// </summary>
public sealed class ClvProblemTextTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    [Fact]
    public void EveryKind_HasAnEnglishAndAVietnameseText()
    {
        var english = Table(CultureInfo.InvariantCulture);
        var vietnamese = Table(Vietnamese);
        var kinds = Enum.GetValues<ClvProblemKind>();
        Assert.True(kinds.Length >= 29, $"{kinds.Length} kinds");
        Assert.All(kinds, kind =>
        {
            var key = "ClvProblemKind_" + kind;
            Assert.True(english.ContainsKey(key), $"Strings.resx has no {key}");
            Assert.True(vietnamese.ContainsKey(key), $"Strings.vi.resx has no {key}");
            // A wrapper with no words of its own ("{0}: {1}") is the same in both languages.
            if (english[key].Any(char.IsLetter))
            {
                Assert.NotEqual(english[key], vietnamese[key]);
            }
        });
    }

    [Fact]
    public void EveryKind_InVietnamese_HasNoEnglishAndNoHoles()
    {
        Assert.All(Enum.GetValues<ClvProblemKind>(), kind =>
        {
            var text = UiLanguage.Vietnamese.Apply(() => ClvText.Problem(Sample(kind)));
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            LeftoverEnglishTests.AssertNoEnglish(text);
        });
    }

    [Fact]
    public void Vietnamese_IsWrittenFromTheFigures_NotFromTheEnglish()
    {
        // The English message is deliberately unrelated: the Vietnamese text must come from kind, model and figures.
        var problem = new ClvProblem(ClvProblemKind.TooFewRepeatBuyers, "(not read)") { Model = "MBG/NBD", Figures = [12.5, 20] };
        Assert.Equal("MBG/NBD được ước lượng trên 12,5 khách mua lại, trong khi cần ít nhất 20 khách để ước lượng các tham số. Nên làm: dùng lịch sử mua dài hơn, hoặc chờ thêm khách quay lại mua.", UiLanguage.Vietnamese.Apply(() => ClvText.Problem(problem)));
        Assert.Equal("(not read)", UiLanguage.English.Apply(() => ClvText.Problem(problem)));

        var implausible = new ClvProblem(ClvProblemKind.ImplausibleValues, "(not read)") { Model = "Gamma-Gamma", Unit = TimeUnit.Week, Figures = [30030, 52, 10, 3000] };
        Assert.StartsWith("Gamma-Gamma: giá trị dự đoán (30.030 trong 52 tuần) gấp hơn 10 lần chi tiêu mua lại của chính các khách hàng theo nhịp mua trước đây (3.000)", UiLanguage.Vietnamese.Apply(() => ClvText.Problem(implausible)), StringComparison.Ordinal);

        var failed = new ClvProblem(ClvProblemKind.PredictionFailed, "(not read)") { Model = "Pareto/NBD", Figures = [17, 3, 40.5, 52], Detail = "₂F₁(1, 2; 3; 0.9) did not converge in 10000 terms." };
        Assert.Equal("Pareto/NBD: tính dự đoán cho dòng 17 (x = 3, t_x = 40,5, T = 52) bị lỗi số học. Nên làm: báo lỗi này kèm các giá trị trên; không đưa ra dự đoán nào.", UiLanguage.Vietnamese.Apply(() => ClvText.Problem(failed)));
    }

    [Fact]
    public void LibraryProblems_RebuiltInEnglishFromTheirFigures_AreTheirMessages()
    {
        var problems = LibraryProblems().ToList();
        Assert.Superset(
            new HashSet<ClvProblemKind>
            {
                ClvProblemKind.TooFewRepeatBuyers, ClvProblemKind.InfiniteMeanSpend, ClvProblemKind.NoRepeatPurchase, ClvProblemKind.NoRepeatPurchaseForSpend,
                ClvProblemKind.NonPositiveSpend, ClvProblemKind.InvalidRow, ClvProblemKind.InvalidInitialParameters, ClvProblemKind.NoCustomers, ClvProblemKind.NoOrders,
                ClvProblemKind.CountFitFailed, ClvProblemKind.CountFitNotUsed, ClvProblemKind.NoCountModel,
            },
            problems.Select(p => p.Kind).ToHashSet());
        // Implausible values are written grouped for people (30,030), where the library's message has G4 (3.003E+04).
        Assert.All(problems.Where(p => p.Kind is not (ClvProblemKind.ImplausibleValues or ClvProblemKind.ValuesImplausible)), p => Assert.Equal(p.Message, UiLanguage.English.Apply(() => ClvText.Render(p))));
    }

    // Problems as CrmKit.Clv reports them, each with the problems it reports on.
    private static IEnumerable<ClvProblem> LibraryProblems()
    {
        // The 7 repeat buyers of issue 16: too few for any fit, and Gamma-Gamma's q ≤ 1.
        var seven = RfmSummary.Create([1, 2, 2, 2, 2, 1, 3], [5, 8, 9, 7, 10, 4, 12], [20, 20, 20, 20, 20, 20, 20], [1.12, 1752.21, 54.54, 55.36, 177.6, 13.2, 3522.79]);
        var nobodyRepeated = RfmSummary.Create([0, 0, 0], [0, 0, 0], [5, 6, 7], [10, 20, 30]);
        var found = new List<ClvProblem>();
        found.AddRange(BetaGeoModel.Fit(seven).Diagnosis.Problems);
        found.AddRange(GammaGammaModel.Fit(seven).Diagnosis.Problems);
        found.Add(Failure(() => BetaGeoModel.Fit(nobodyRepeated)));
        found.Add(Failure(() => GammaGammaModel.Fit(nobodyRepeated)));
        found.Add(Failure(() => GammaGammaModel.Fit(RfmSummary.Create([1, 2], [3, 4], [5, 6], [0, 10], customerIds: ["KH1", "KH2"]))));
        found.Add(Failure(() => BetaGeoBetaBinomialModel.Fit(RfmSummary.Create([1], [2.5], [4]))));
        found.Add(Failure(() => BetaGeoModel.Fit(seven, new FitOptions { InitialParameters = [1.0, 2.0] })));
        found.Add(Failure(() => BetaGeoModel.Fit(RfmSummary.Create([], [], []))));

        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var asOf = Instant.FromUtc(2025, 9, 1, 0, 0);
        found.AddRange(ValueAnalysis.Run([], asOf, zone).Problems);
        var once = Shop(5, _ => 1, _ => 100_000);
        found.AddRange(ValueAnalysis.Run(once, asOf, zone).Problems);
        var few = ValueAnalysis.Run(Shop(7, i => 2 + (i % 3), i => 1000 * (i + 1)), asOf, zone);
        found.AddRange(few.Problems);
        found.Add(few.ValueMissingReason!);

        // Enough repeat buyers for BG/NBD, with one huge order: Gamma-Gamma's q ≤ 1.
        var heavy = ValueAnalysis.Run(Shop(40, i => 2 + (i % 4), i => i == 0 ? 5_000_000_000 : 10_000 * (1 + (i % 7))), asOf, zone);
        found.AddRange(heavy.Problems);
        if (heavy.ValueMissingReason is { } missing)
        {
            found.Add(missing);
        }

        return found.SelectMany(p => p.Cause is { } cause ? new[] { p, cause } : [p]);
    }

    private static ClvProblem Failure(Action fit) => Assert.Throws<FitFailedException>(fit).Problem;

    // A shop of `customers` customers with `orders(i)` orders every 11·(i+1) days from February 2025, each of the given total.
    private static List<Customer> Shop(int customers, Func<int, int> orders, Func<int, decimal> total) => [.. Enumerable.Range(0, customers).Select(i => new Customer
    {
        Id = new CustomerId($"KH{i}"),
        DisplayName = $"KH{i}",
        CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
        History = new CustomerHistory
        {
            Orders = OrderHistory.From([.. Enumerable.Range(0, orders(i)).Select(k => new Order { Id = new OrderId($"HD{i}-{k}"), CustomerId = new CustomerId($"KH{i}"), PlacedAt = Instant.FromUtc(2025, 2, 1 + (i % 28), 3, 0) + Duration.FromDays(11 * k * ((i % 5) + 1)), Total = Money.Vnd(total(i)), Status = OrderStatus.Completed })]),
        },
    })];

    // A problem of the kind with every member it may carry, for the layout of its text.
    private static ClvProblem Sample(ClvProblemKind kind) => new(kind, "(English)")
    {
        Model = "BG/NBD",
        Parameter = "r",
        Figures = [1.5e7, 1e6, 1, 4],
        Unit = TimeUnit.Week,
        History = new DateInterval(new LocalDate(2026, 1, 2), new LocalDate(2026, 3, 4)),
        Cause = new ClvProblem(ClvProblemKind.TooFewRepeatBuyers, "(English)") { Model = "BG/NBD", Figures = [4, 20] },
        Detail = "KH***",
    };

    private static Dictionary<string, string> Table(CultureInfo culture)
        => Strings.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
}
