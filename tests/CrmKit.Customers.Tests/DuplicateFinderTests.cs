using CrmKit.Customers.Identity;

namespace CrmKit.Customers.Tests;

public class DuplicateFinderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static Customer Person(string id, string name, int createdDay = 0) => new() { Id = new CustomerId(id), DisplayName = name, CreatedAt = T0.Plus(Duration.FromDays(createdDay)) };

    [Fact]
    public void FindMatches_SamePhoneWrittenDifferently_IsStrong()
    {
        var matches = new DuplicateFinder().FindMatches([
            Person("A", "Nguyễn Văn An") with { Phones = [PhoneNumber.Parse("0912345678")] },
            Person("B", "Anh An") with { Phones = [PhoneNumber.Parse("+84 912 345 678")] },
        ]);
        var match = Assert.Single(matches);
        Assert.Equal(new DuplicateMatch(new CustomerId("A"), new CustomerId("B"), MatchEvidence.SamePhone, MatchStrength.Strong), match);
    }

    [Fact]
    public void FindMatches_AccentVariantNameAndBirthDate_IsStrong()
    {
        var birth = new LocalDate(1990, 3, 8);
        var match = Assert.Single(new DuplicateFinder().FindMatches([
            Person("A", "Nguyễn Văn An") with { BirthDate = birth },
            Person("B", "NGUYEN  van an") with { BirthDate = birth },
        ]));
        Assert.Equal(MatchEvidence.SameName | MatchEvidence.SameBirthDate, match.Evidence);
        Assert.Equal(MatchStrength.Strong, match.Strength);
    }

    [Fact]
    public void FindMatches_NameAndProvinceOnly_IsPossibleAndNotGrouped()
    {
        Customer[] customers = [
            Person("A", "Trần Thị Mai") with { Location = new Location("Hà Nội") },
            Person("B", "Tran Thi Mai") with { Location = new Location("Ha Noi") },
        ];
        var finder = new DuplicateFinder();
        Assert.Equal(MatchStrength.Possible, Assert.Single(finder.FindMatches(customers)).Strength);
        Assert.Empty(finder.FindGroups(customers));
        Assert.Empty(new DuplicateFinder(new DuplicateFinderOptions { IncludePossible = false }).FindMatches(customers));
    }

    [Fact]
    public void FindMatches_SameNameOnly_IsNotAMatch()
        => Assert.Empty(new DuplicateFinder().FindMatches([Person("A", "Nguyễn Văn An"), Person("B", "Nguyễn Văn An")]));

    [Fact]
    public void FindMatches_PlaceholderPhoneSharedByMany_IsIgnored()
    {
        var hotline = PhoneNumber.Parse("028 3812 5678");
        var customers = Enumerable.Range(0, 25).Select(i => Person($"C{i:D2}", $"Khách {i}") with { Phones = [hotline] });
        Assert.Empty(new DuplicateFinder().FindMatches(customers));
    }

    [Fact]
    public void FindGroups_IsTransitiveAndPicksTheEarliestAsSurvivor()
    {
        var groups = new DuplicateFinder().FindGroups([
            Person("C", "An", createdDay: 5) with { Phones = [PhoneNumber.Parse("0912345678")] },
            Person("A", "An B", createdDay: 3) with { Phones = [PhoneNumber.Parse("0912345678")], Emails = [EmailAddress.Parse("x@y.vn")] },
            Person("B", "An C", createdDay: 1) with { Emails = [EmailAddress.Parse("X@Y.VN")] },
            Person("D", "Other", createdDay: 0),
        ]);
        var group = Assert.Single(groups);
        Assert.Equal(new CustomerId("B"), group.Survivor);
        Assert.Equal<CustomerId>([new CustomerId("A"), new CustomerId("C")], group.Duplicates);
    }
}
