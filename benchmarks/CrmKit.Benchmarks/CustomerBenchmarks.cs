using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using CrmKit.Customers;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using NodaTime;

namespace CrmKit.Benchmarks;

/// <summary>
/// Window queries of <see cref="OrderHistory"/> (binary search and prefix sums) against the LINQ scan a host would
/// otherwise write, for customers with few and with many orders.
/// </summary>
[MemoryDiagnoser]
public partial class OrderHistoryBenchmarks
{
    private OrderHistory _history = OrderHistory.Empty;
    private Order[] _orders = [];
    private Interval _window;

    [Params(10, 1000)]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        var random = new Random(42);
        var customer = new CustomerId("KH1");
        _orders = [.. Enumerable.Range(0, Orders).Select(i => new Order
        {
            Id = new OrderId($"O{i}"),
            CustomerId = customer,
            PlacedAt = start.Plus(Duration.FromHours(random.Next(0, 2 * 365 * 24))),
            Total = Money.Vnd(1000m * random.Next(50, 2000)),
            Status = random.NextDouble() < 0.9 ? OrderStatus.Completed : OrderStatus.Returned,
        })];
        _history = OrderHistory.From(_orders);
        _window = new Interval(start.Plus(Duration.FromDays(300)), start.Plus(Duration.FromDays(390)));
    }

    [Benchmark(Baseline = true)]
    public decimal RevenueInWindow_LinqScan()
        => _orders.Where(o => o.IsRevenue && _window.Contains(o.PlacedAt)).Sum(o => o.Total.Amount);

    [Benchmark]
    public decimal RevenueInWindow_OrderHistory() => _history.RevenueIn(_window);
}

/// <summary>Phone normalisation against a typical regular-expression clean-up (which validates far less).</summary>
[MemoryDiagnoser]
public partial class PhoneNumberBenchmarks
{
    private static readonly string[] Inputs = ["0912 345 678", "+84 912 345 678", "(+84) 912-345-678", "0912.345.678", "024 3826 1234", "912345678"];

    [Benchmark(Baseline = true)]
    public int RegexStripAndPrefix()
    {
        var n = 0;
        foreach (var input in Inputs)
        {
            var digits = NonDigits().Replace(input, string.Empty);
            n += (digits.StartsWith("84", StringComparison.Ordinal) ? "+" + digits : "+84" + digits.TrimStart('0')).Length;
        }

        return n;
    }

    [Benchmark]
    public int PhoneNumberParse()
    {
        var n = 0;
        foreach (var input in Inputs)
        {
            n += PhoneNumber.Parse(input).E164.Length;
        }

        return n;
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigits();
}

/// <summary>Reading the bundled sample shop and finding its duplicates.</summary>
[MemoryDiagnoser]
public class SampleShopBenchmarks
{
    private string _folder = string.Empty;
    private Customer[] _customers = [];

    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmKit.sln")))
            {
                _folder = Path.Combine(dir.FullName, "seeds", "store");
                break;
            }
        }

        _customers = [.. CustomerDataSet.ReadFolder(_folder).Customers];
    }

    [Benchmark]
    public int ReadFolder() => CustomerDataSet.ReadFolder(_folder).Customers.Length;

    [Benchmark]
    public int FindDuplicateGroups() => new DuplicateFinder().FindGroups(_customers).Count;
}
