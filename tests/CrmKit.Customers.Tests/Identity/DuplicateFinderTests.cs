using CrmKit.Customers.Identity;

namespace CrmKit.Customers.Tests;

public class DuplicateFinderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static Customer Person(string id, string name, int createdDay = 0) => new() { Id = new CustomerId(id), DisplayName = name, CreatedAt = T0.Plus(Duration.FromDays(createdDay)) };

    private static readonly PhoneNumber FamilyPhone = PhoneNumber.Parse("0912345678");

    [Fact]
    public void FindMatches_SamePhoneWrittenDifferentlyAndCompatibleName_IsStrong()
    {
        var matches = new DuplicateFinder().FindMatches([
            Person("A", "Nguyễn Văn An") with { Phones = [PhoneNumber.Parse("0912345678")] },
            Person("B", "Nguyen V. An") with { Phones = [PhoneNumber.Parse("+84 912 345 678")] },
        ]);
        var match = Assert.Single(matches);
        Assert.Equal(new DuplicateMatch(new CustomerId("A"), new CustomerId("B"), MatchEvidence.SamePhone | MatchEvidence.CompatibleName, MatchStrength.Strong), match);
    }

    [Fact]
    public void FindMatches_SamePhoneAnotherName_IsASharedContactWithTheConflict()
    {
        var match = Assert.Single(new DuplicateFinder().FindMatches([
            Person("A", "Nguyễn Văn An") with { Phones = [FamilyPhone] },
            Person("B", "Anh An") with { Phones = [PhoneNumber.Parse("+84 912 345 678")] },
        ]));
        Assert.Equal(new DuplicateMatch(new CustomerId("A"), new CustomerId("B"), MatchEvidence.SamePhone, MatchStrength.SharedContact) { Conflicts = IdentityConflict.DifferentName }, match);
    }

    [Fact]
    public void Resolve_FamilyPhone_KeepsThePeopleApartAndReportsTheSharedContact()
    {
        // The case of issue 16: a husband and wife with one phone were merged into one female profile.
        Customer[] family = [
            Person("KH1", "Nguyễn Văn An") with { Phones = [FamilyPhone], Gender = Gender.Male, BirthDate = new LocalDate(1990, 5, 2) },
            Person("KH2", "Vũ Thị Hồng Nhung") with { Phones = [FamilyPhone], Gender = Gender.Female, BirthDate = new LocalDate(1995, 8, 19) },
        ];
        var resolution = new DuplicateFinder().Resolve(family);

        Assert.Empty(resolution.Groups);
        Assert.Equal(0, resolution.MergedCount);
        var shared = Assert.Single(resolution.SharedContacts);
        Assert.Equal(MatchStrength.SharedContact, shared.Strength);
        Assert.Equal(MatchEvidence.SamePhone, shared.Evidence);
        Assert.Equal(IdentityConflict.DifferentName | IdentityConflict.DifferentGender | IdentityConflict.DifferentBirthDate, shared.Conflicts);
        Assert.Equal(new CustomerId("KH1"), resolution.SurvivorOf(new CustomerId("KH1")));
    }

    [Fact]
    public void Resolve_SameNameButConflictingBirthDate_IsKeptApart()
    {
        // Father and son with one name and one phone: the birth dates tell them apart.
        var resolution = new DuplicateFinder().Resolve([
            Person("A", "Trần Văn Hùng") with { Phones = [FamilyPhone], BirthDate = new LocalDate(1965, 1, 1) },
            Person("B", "Tran Van Hung") with { Phones = [FamilyPhone], BirthDate = new LocalDate(1992, 3, 4) },
        ]);
        Assert.Empty(resolution.Groups);
        Assert.Equal(IdentityConflict.DifferentBirthDate, Assert.Single(resolution.SharedContacts).Conflicts);
    }

    [Theory]
    [InlineData(MergePolicy.Strong, 1, 1)]
    [InlineData(MergePolicy.None, 0, 2)]
    [InlineData(MergePolicy.All, 2, 0)]
    public void Resolve_Policy_DecidesWhatIsMerged(MergePolicy policy, int merged, int shared)
    {
        Customer[] customers = [
            Person("A", "Nguyễn Văn An") with { Phones = [FamilyPhone], Gender = Gender.Male },
            Person("B", "NGUYEN VAN AN") with { Emails = [EmailAddress.Parse("an@example.vn")] },
            Person("C", "Vũ Thị Hồng Nhung") with { Phones = [FamilyPhone], Gender = Gender.Female },
        ];
        customers[0] = customers[0] with { Emails = [EmailAddress.Parse("an@example.vn")] };
        var resolution = new DuplicateFinder(new DuplicateFinderOptions { Merge = policy }).Resolve(customers);
        Assert.Equal(merged, resolution.MergedCount);
        Assert.Equal(shared, resolution.SharedContacts.Length);
        Assert.Equal(policy == MergePolicy.None ? new CustomerId("B") : new CustomerId("A"), resolution.SurvivorOf(new CustomerId("B")));
    }

    [Fact]
    public void Resolve_ChainThroughACompatibleRecord_NeverJoinsTwoConflictingPeople()
    {
        // "N. V. A" (initials) is compatible with both "Nguyễn Văn An" and "Nguyễn Vân Anh", but those two differ.
        var resolution = new DuplicateFinder().Resolve([
            Person("A", "Nguyễn Văn An") with { Phones = [FamilyPhone], Gender = Gender.Male },
            Person("B", "N. V. A") with { Phones = [FamilyPhone], Emails = [EmailAddress.Parse("an@example.vn")] },
            Person("C", "Nguyễn Vân Anh") with { Emails = [EmailAddress.Parse("an@example.vn")], Gender = Gender.Female },
        ]);
        var group = Assert.Single(resolution.Groups);
        Assert.Equal(new CustomerId("A"), group.Survivor);
        Assert.Equal<CustomerId>([new CustomerId("B")], group.Duplicates);
        Assert.Contains(resolution.SharedContacts, m => m.Second == new CustomerId("C"));
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "NGUYEN  VAN AN", true)]
    [InlineData("Nguyễn Văn An", "Nguyễn V. An", true)]
    [InlineData("Nguyễn Văn An", "N. V. An", true)]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn", true)]
    [InlineData("Nguyễn Văn An", "", true)]
    [InlineData("Nguyễn Thị Lan", "Lan Nguyễn Thị", true)]
    [InlineData("Nguyễn Văn An", "Văn An", false)]
    [InlineData("Nguyễn Văn An", "Vũ Thị Hồng Nhung", false)]
    [InlineData("Nguyễn Văn An", "Anh An", false)]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn Bình", false)]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn Anh", false)]
    public void NamesCompatible_Cases(string first, string second, bool expected)
    {
        Assert.Equal(expected, DuplicateFinder.NamesCompatible(first, second));
        Assert.Equal(expected, DuplicateFinder.NamesCompatible(second, first));
    }

    // The law of issue 16: under the default policy no group holds two records whose folded names differ and whose
    // birth dates or genders conflict — however the records share phones and emails, directly or through others.
    [Property(MaxTest = 300)]
    public Property FindGroups_NeverJoinsDifferentlyNamedPeopleWithConflictingIdentity()
    {
        var phones = new[] { FamilyPhone, PhoneNumber.Parse("0987654321") };
        var emails = new[] { EmailAddress.Parse("nha@example.vn"), EmailAddress.Parse("shop@example.vn") };
        var names = new[] { "Nguyễn Văn An", "Nguyen V. An", "N. V. An", "Nguyễn Văn", "Vũ Thị Hồng Nhung", "VU THI HONG NHUNG", "Nguyễn Vân Anh", "Khách lẻ" };
        var record =
            from name in Gen.Elements(names)
            from phone in Gen.Elements<PhoneNumber?>([.. phones.Cast<PhoneNumber?>(), null])
            from email in Gen.Elements<EmailAddress?>([.. emails.Cast<EmailAddress?>(), null])
            from gender in Gen.Elements<Gender?>(Gender.Male, Gender.Female, null)
            from year in Gen.Elements<int?>(1990, 1995, null)
            select (name, phone, email, gender, year);
        var population = Gen.Choose(2, 8).SelectMany(n => Gen.ListOf(record, n)).Select(list => list.Select((r, i) => Person($"C{i}", r.name, i) with
        {
            Phones = r.phone is { } p ? [p] : [],
            Emails = r.email is { } e ? [e] : [],
            Gender = r.gender,
            BirthDate = r.year is { } y ? new LocalDate(y, 1, 1) : null,
        }).ToArray());
        return Prop.ForAll(population.ToArbitrary(), customers =>
        {
            var byId = customers.ToDictionary(c => c.Id);
            var resolution = new DuplicateFinder().Resolve(customers);
            var bad = resolution.Groups
                .Select(g => g.Duplicates.Add(g.Survivor).Select(id => byId[id]).ToList())
                .SelectMany(members => members.SelectMany(x => members.Select(y => (x, y))))
                .Where(p => !TextFold.EqualsFolded(p.x.DisplayName, p.y.DisplayName)
                    && ((p.x.BirthDate is { } bx && p.y.BirthDate is { } by && bx != by) || (p.x.Gender is { } gx && p.y.Gender is { } gy && gx != gy)))
                .ToList();
            var merged = resolution.Groups.Sum(g => g.Duplicates.Length);
            return (bad.Count == 0)
                .Label($"joined: {string.Join(", ", bad.Select(p => $"{p.x.Id}/{p.y.Id}"))}")
                .And((merged + resolution.Groups.Length <= customers.Length).Label("every record in at most one group"))
                .Classify(merged > 0, "some merged")
                .Classify(resolution.SharedContacts.Length > 0, "some shared contacts");
        });
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
            Person("C", "Lê Văn", createdDay: 5) with { Phones = [PhoneNumber.Parse("0912345678")] },
            Person("A", "Lê Văn An", createdDay: 3) with { Phones = [PhoneNumber.Parse("0912345678")], Emails = [EmailAddress.Parse("x@y.vn")] },
            Person("B", "LE VAN AN", createdDay: 1) with { Emails = [EmailAddress.Parse("X@Y.VN")] },
            Person("D", "Other", createdDay: 0),
        ]);
        var group = Assert.Single(groups);
        Assert.Equal(new CustomerId("B"), group.Survivor);
        Assert.Equal<CustomerId>([new CustomerId("A"), new CustomerId("C")], group.Duplicates);
    }

    [Fact]
    public void Resolve_PairSharingAPhone_GetsTheNameAndProvinceEvidence()
    {
        // Resolve does not pair the name-and-province buckets; a pair found by its phone must still say that it
        // shares the name and the province, as FindMatches (which enumerates every bucket) says.
        Customer[] customers = [
            Person("A", "Trần Thị Mai") with { Phones = [FamilyPhone], Location = new Location("Hà Nội") },
            Person("B", "Tran Thi Mai") with { Phones = [FamilyPhone], Location = new Location("Ha Noi") },
            Person("C", "Trần Thị Mai") with { Location = new Location("Hà Nội") },
        ];
        var group = Assert.Single(new DuplicateFinder().Resolve(customers).Groups);
        var evidence = Assert.Single(group.Evidence);
        Assert.Equal(MatchEvidence.SamePhone | MatchEvidence.SameName | MatchEvidence.SameProvince, evidence.Evidence);
        Assert.Equal(evidence, new DuplicateFinder().FindMatches(customers).Single(m => m.Strength == MatchStrength.Strong));
    }

    [Fact]
    public void Resolve_WithoutMerging_ReportsExactlyTheSharedContactsAndStrongMatchesThatFindMatchesFinds()
    {
        // A population where the name-and-province buckets are large (eight names, three provinces: about 125
        // customers a bucket, 7,700 Possible pairs each) and phones, emails and birth dates are shared now and then.
        // Under MergePolicy.None Resolve reports every non-Possible match as a shared contact; they must be exactly
        // FindMatches's non-Possible matches (FindMatches pairs every bucket, the reference), evidence included.
        var rng = new Random(23);
        string[] names = ["Nguyễn Văn An", "Nguyen Van An", "Trần Thị Mai", "Lê Văn Hùng", "Phạm Thị Lan", "Vũ Văn Nam", "Hoàng Thị Hoa", "Đỗ Văn Long"];
        string[] provinces = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng"];
        var customers = Enumerable.Range(0, 3_000).Select(i => Person($"KH{i:D5}", names[rng.Next(names.Length)], createdDay: rng.Next(700)) with
        {
            Location = new Location(provinces[rng.Next(provinces.Length)]),
            Phones = rng.Next(4) == 0 ? [PhoneNumber.Parse($"09{rng.Next(1_000):D8}")] : [],
            Emails = rng.Next(8) == 0 ? [EmailAddress.Parse($"k{rng.Next(300)}@shop.vn")] : [],
            BirthDate = rng.Next(3) == 0 ? new LocalDate(1990, 1, 1).PlusDays(rng.Next(400)) : null,
            Gender = rng.Next(3) switch { 0 => Gender.Male, 1 => Gender.Female, _ => null },
        }).ToList();

        var reference = new DuplicateFinder().FindMatches(customers)
            .Where(m => m.Strength != MatchStrength.Possible)
            .OrderBy(m => m.First).ThenBy(m => m.Second)
            .ToList();
        var resolution = new DuplicateFinder(new DuplicateFinderOptions { Merge = MergePolicy.None }).Resolve(customers);

        Assert.True(reference.Count > 50, $"only {reference.Count} matches: the population does not exercise the finder");
        Assert.Contains(reference, m => (m.Evidence & MatchEvidence.SameProvince) != 0);
        Assert.Equal(reference, resolution.SharedContacts);
        Assert.Empty(resolution.Groups);
    }
}
