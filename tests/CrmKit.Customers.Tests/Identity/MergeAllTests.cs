using CrmKit.Customers.Identity;

namespace CrmKit.Customers.Tests;

/// <summary><see cref="CustomerMerge.MergeAllAsync"/>: the merge step of <c>crmkit run</c>, moved from the CLI (issue 20).</summary>
public class MergeAllTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);
    private static readonly PhoneNumber SharedPhone = PhoneNumber.Parse("0912345678");

    private static Customer Person(string id, string name, int createdDay = 0) => new() { Id = new CustomerId(id), DisplayName = name, CreatedAt = T0.Plus(Duration.FromDays(createdDay)) };

    private static Customer[] Population() =>
    [
        Person("KH3", "Trần Thị Mai"),
        Person("KH2", "Nguyen Van An", createdDay: 5) with { Phones = [PhoneNumber.Parse("+84 912 345 678")] },
        Person("KH1", "Nguyễn Văn An") with { Phones = [SharedPhone] },
    ];

    [Fact]
    public async Task MergeAllAsync_StrongDuplicates_MergedIntoTheSurvivor_OthersKept_OrderedById()
    {
        var customers = Population();

        var result = await CustomerMerge.MergeAllAsync(customers);

        Assert.Equal(["KH1", "KH3"], result.Customers.Select(c => c.Id.Value));
        var survivor = result.Customers[0];
        Assert.Equal(["KH2"], survivor.MergedIds.Select(id => id.Value));
        Assert.Same(customers[0], result.Customers[1]); // outside every group: the record itself
        var group = Assert.Single(result.Resolution.Groups);
        Assert.Equal(new CustomerId("KH1"), group.Survivor);
        Assert.Equal(MergePolicy.Strong, result.Resolution.Policy);
    }

    [Fact]
    public async Task MergeAllAsync_PolicyNone_ReturnsEveryRecordAsItWas()
    {
        var customers = Population();

        var result = await CustomerMerge.MergeAllAsync(customers, MergePolicy.None);

        Assert.Equal(customers.OrderBy(c => c.Id), result.Customers);
        Assert.Empty(result.Resolution.Groups);
    }

    [Fact]
    public async Task MergeAllAsync_TwoRecordsWithOneId_Throws()
    {
        Customer[] customers = [Person("KH1", "An"), Person("KH1", "Bình")];
        var ex = await Assert.ThrowsAsync<DuplicateCustomerIdException>(async () => await CustomerMerge.MergeAllAsync(customers));
        Assert.Contains("KH1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAllAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await CustomerMerge.MergeAllAsync(Population(), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task MergeAllAsync_Null_Throws()
        => Assert.Equal("customers", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await CustomerMerge.MergeAllAsync(null!))).ParamName);
}
