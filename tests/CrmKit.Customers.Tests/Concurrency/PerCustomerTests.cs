namespace CrmKit.Customers.Tests;

public class PerCustomerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PerCustomer.MinimumRange * 2)]
    [InlineData(100_003)]
    public void For_VisitsEveryIndexExactlyOnce(int count)
    {
        var visits = new int[count];
        PerCustomer.For(count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                Interlocked.Increment(ref visits[i]);
            }
        });
        Assert.All(visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void Map_KeepsTheOrderOfTheIndexes()
        => Assert.Equal(Enumerable.Range(0, 50_000).Select(i => i * 3L), PerCustomer.Map(50_000, i => i * 3L));

    [Fact]
    public void Map_OfLargeItems_UsesRangesOfOne()
        => Assert.Equal(Enumerable.Range(0, 40).Select(i => $"segment {i}"), PerCustomer.Map(40, i => $"segment {i}", minimumRange: 1));

    [Fact]
    public void For_RethrowsTheExceptionOfTheFirstFailingRange_Unwrapped()
    {
        // Every range from index 30,000 on fails: the exception a loop in order would meet first is the one of the
        // range that holds index 30,000, and it comes as thrown, not inside an AggregateException.
        var starts = new List<int>();
        var thrown = Assert.Throws<InvalidOperationException>(() => PerCustomer.For(100_000, (start, end) =>
        {
            lock (starts)
            {
                starts.Add(start);
            }

            if (end > 30_000)
            {
                throw new InvalidOperationException($"range {start}");
            }
        }));
        var first = starts.Order().Last(s => s <= 30_000);
        Assert.Equal($"range {first}", thrown.Message);
    }

    [Fact]
    public void For_InvalidArguments_Throw()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => PerCustomer.For(-1, (_, _) => { })).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => PerCustomer.For(1, null!)).ParamName);
        Assert.Equal("minimumRange", Assert.Throws<ArgumentOutOfRangeException>(() => PerCustomer.For(1, (_, _) => { }, minimumRange: 0)).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => PerCustomer.Map<int>(1, null!)).ParamName);
    }
}
