using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>
/// Finds customer records that are likely the same person, by normalised phone, normalised email, and name
/// folded for diacritics and Unicode form together with birth date or province, and keeps apart the people who
/// only share a contact. Runs in time proportional to the number of customers plus the number of candidate pairs
/// (records are bucketed by key, never compared all against all).
/// </summary>
/// <remarks>
/// Evidence levels: a shared phone or email <b>and</b> a compatible name (<see cref="NamesCompatible"/>) <b>and</b>
/// no conflicting gender or birth date is <see cref="MatchStrength.Strong"/> and merged; a shared phone or email with
/// a conflicting identity is a <see cref="MatchStrength.SharedContact"/> (a household), reported and kept apart; the
/// same name and province is <see cref="MatchStrength.Possible"/>, for staff to look at.
/// </remarks>
public sealed class DuplicateFinder
{
    private readonly DuplicateFinderOptions _options;

    /// <summary>Creates a finder.</summary>
    public DuplicateFinder(DuplicateFinderOptions? options = null) => _options = options ?? DuplicateFinderOptions.Default;

    /// <summary>Every pair of customers with evidence of being one person, strongest first, then by ids. Erased customers are never matched.</summary>
    public IReadOnlyList<DuplicateMatch> FindMatches(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Find(customers.ToList(), _options.IncludePossible);
    }

    // The matches among list, Possible ones only if possible. Customers sharing a name and a province (an 'l' key)
    // are paired by enumerating the bucket only when Possible matches are wanted: a common name in a big province
    // makes such a bucket grow with the population, and its pairs with the square of it (275,812 pairs for 100,000
    // seed customers, a hundred times that for a million). A pair that shares nothing else is always Possible: it has
    // no shared contact, and the same name with the same birth date would share a 'b' key too. Without Possible
    // matches, the pairs found by the other keys get the name-and-province evidence by comparing their 'l' keys.
    private List<DuplicateMatch> Find(List<Customer> list, bool possible)
    {
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var places = possible ? null : new string?[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].IsErased)
            {
                continue; // nothing left to match on, and an erased customer must never be linked to anyone
            }

            foreach (var key in Keys(list[i]))
            {
                if (places is not null && key[0] == 'l')
                {
                    places[i] = key;
                    continue;
                }

                if (!buckets.TryGetValue(key, out var members))
                {
                    buckets[key] = members = [];
                }

                members.Add(i);
            }
        }

        var evidence = new Dictionary<(int, int), MatchEvidence>();
        foreach (var (key, members) in buckets)
        {
            var kind = key[0] switch
            {
                'p' => MatchEvidence.SamePhone,
                'e' => MatchEvidence.SameEmail,
                'b' => MatchEvidence.SameName | MatchEvidence.SameBirthDate,
                _ => MatchEvidence.SameName | MatchEvidence.SameProvince,
            };
            if (members.Count < 2 || (kind is MatchEvidence.SamePhone or MatchEvidence.SameEmail && members.Count > _options.MaxSharedContact))
            {
                continue;
            }

            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    var pair = (Math.Min(members[a], members[b]), Math.Max(members[a], members[b]));
                    evidence[pair] = evidence.GetValueOrDefault(pair) | kind;
                }
            }
        }

        var matches = new List<DuplicateMatch>(evidence.Count);
        foreach (var ((a, b), found) in evidence)
        {
            var samePlace = places is not null && places[a] is { } place && place == places[b];
            var match = Classify(list[a], list[b], samePlace ? found | MatchEvidence.SameName | MatchEvidence.SameProvince : found);
            if (match.Strength == MatchStrength.Possible && !possible)
            {
                continue;
            }

            if (match.First != match.Second)
            {
                matches.Add(match);
            }
        }

        return [.. matches.OrderBy(m => Rank(m.Strength)).ThenBy(m => m.First).ThenBy(m => m.Second)];
    }

    /// <summary>
    /// Groups of customers to merge under <see cref="DuplicateFinderOptions.Merge"/> (transitively: A–B by phone and
    /// B–C by email make one group), each with the survivor to keep. Sorted by survivor id.
    /// </summary>
    public IReadOnlyList<DuplicateGroup> FindGroups(IEnumerable<Customer> customers) => Resolve(customers).Groups;

    /// <summary>
    /// The groups to merge under <see cref="DuplicateFinderOptions.Merge"/>, and every pair that shares a phone or
    /// email but is kept apart, with its evidence and conflicts.
    /// </summary>
    /// <remarks>
    /// Under <see cref="MergePolicy.Strong"/> a group never holds two records whose identities conflict
    /// (<see cref="Conflicts"/>), even through a chain of matches: a strong match that would join two such records is
    /// refused and reported as a shared contact.
    /// </remarks>
    public DuplicateResolution Resolve(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var byId = new Dictionary<CustomerId, Customer>();
        foreach (var c in customers)
        {
            byId.TryAdd(c.Id, c);
        }

        var policy = _options.Merge;

        // Only records that take part in a merge get a group and a root; every other record is its own.
        var members = new Dictionary<CustomerId, List<CustomerId>>();
        var roots = new Dictionary<CustomerId, CustomerId>();
        CustomerId Root(CustomerId id) => roots.GetValueOrDefault(id, id);
        List<CustomerId> Members(CustomerId root) => members.TryGetValue(root, out var group) ? group : members[root] = [root];
        var joined = new List<DuplicateMatch>();
        var shared = new List<DuplicateMatch>();

        // Possible matches are neither merged nor reported here, so they are not looked for.
        foreach (var match in Find([.. byId.Values], possible: false))
        {
            var merges = policy switch
            {
                MergePolicy.Strong => match.Strength == MatchStrength.Strong,
                MergePolicy.All => match.Strength is MatchStrength.Strong or MatchStrength.SharedContact,
                _ => false,
            };
            if (!merges)
            {
                if (match.Strength != MatchStrength.Possible)
                {
                    shared.Add(match);
                }

                continue;
            }

            var (ra, rb) = (Root(match.First), Root(match.Second));
            if (ra == rb)
            {
                joined.Add(match);
                continue;
            }

            if (policy == MergePolicy.Strong)
            {
                // A chain of strong matches must not join two people who are known to differ.
                var conflict = Members(ra).SelectMany(x => Members(rb).Select(y => Conflicts(byId[x], byId[y]))).Aggregate(IdentityConflict.None, (all, c) => all | c);
                if (conflict != IdentityConflict.None)
                {
                    shared.Add(match with { Strength = MatchStrength.SharedContact, Conflicts = conflict });
                    continue;
                }
            }

            var (keep, gone) = ra.CompareTo(rb) < 0 ? (ra, rb) : (rb, ra);
            var absorbed = Members(gone);
            foreach (var id in absorbed)
            {
                roots[id] = keep;
            }

            Members(keep).AddRange(absorbed);
            members.Remove(gone);
            joined.Add(match);
        }

        // Each group's evidence in the order it was joined (one pass: looking it up per group would be quadratic).
        var evidence = joined.ToLookup(m => Root(m.First));
        var groups = new List<DuplicateGroup>();
        foreach (var (key, group) in members.Where(m => m.Value.Count > 1))
        {
            var survivor = group
                .Select(id => byId[id])
                .OrderBy(c => c.CreatedAt)
                .ThenByDescending(c => c.History.Orders.Count)
                .ThenBy(c => c.Id)
                .First().Id;
            groups.Add(new DuplicateGroup(survivor, [.. group.Where(id => id != survivor).Order()])
            {
                Evidence = [.. evidence[key]],
            });
        }

        return new DuplicateResolution(
            policy,
            [.. groups.OrderBy(g => g.Survivor)],
            [.. shared.OrderBy(m => m.First).ThenBy(m => m.Second)]);
    }

    /// <summary>
    /// Whether two names can be one person's: equal once folded (<see cref="TextFold.ForMatching"/>), or word by word
    /// one is a prefix of the other where each word is equal or an initial (<c>V</c>, <c>V.</c>) of the other's word,
    /// or the same words in another order (a given name written first, as exports with first/last name columns do).
    /// A missing name (<see langword="null"/> or white space) is compatible with any name: it is no evidence either way.
    /// </summary>
    /// <example><c>Nguyễn Văn An</c> ~ <c>NGUYEN VAN AN</c>, <c>Nguyễn V. An</c>, <c>N. V. An</c>, <c>Nguyễn Văn</c>, <c>An Nguyễn Văn</c>;
    /// not ~ <c>Vũ Thị Hồng Nhung</c>, <c>Anh An</c>, <c>Nguyễn Văn Bình</c>.</example>
    public static bool NamesCompatible(string? first, string? second)
    {
        var a = Words(first);
        var b = Words(second);
        if (a.Length == 0 || b.Length == 0)
        {
            return true;
        }

        if (a.Length == b.Length && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return true; // the same words in another order: "Lan Nguyễn Thị" (given name first, as Shopify splits it)
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        for (var i = 0; i < shorter.Length; i++)
        {
            var (x, y) = (shorter[i], longer[i]);
            var same = x == y || (x.Length == 1 && y[0] == x[0]) || (y.Length == 1 && x[0] == y[0]);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What says <paramref name="first"/> and <paramref name="second"/> are different people: incompatible names
    /// (<see cref="NamesCompatible"/>), different genders, different birth dates (each only when both are known; a
    /// display name that is just the customer's id — an import's customer known only by a phone — is no name).
    /// </summary>
    public static IdentityConflict Conflicts(Customer first, Customer second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var conflict = IdentityConflict.None;
        if (!NamesCompatible(NameOf(first), NameOf(second)))
        {
            conflict |= IdentityConflict.DifferentName;
        }

        if (first.Gender is { } g1 && second.Gender is { } g2 && g1 != g2)
        {
            conflict |= IdentityConflict.DifferentGender;
        }

        if (first.BirthDate is { } b1 && second.BirthDate is { } b2 && b1 != b2)
        {
            conflict |= IdentityConflict.DifferentBirthDate;
        }

        return conflict;
    }

    private static string? NameOf(Customer customer) => customer.DisplayName == customer.Id.Value ? null : customer.DisplayName;

    // Words of a folded name, initials' dots dropped: "Nguyễn V. An" → ["nguyen", "v", "an"].
    private static string[] Words(string? name)
        => TextFold.ForMatching(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('.')).Where(w => w.Length > 0).ToArray();

    private static int Rank(MatchStrength strength) => strength switch
    {
        MatchStrength.Strong => 0,
        MatchStrength.SharedContact => 1,
        _ => 2,
    };

    // The evidence rule: a shared contact merges only with a compatible name and no conflicting gender or birth date;
    // the same name and birth date merges only without conflicting genders; the rest is for staff to look at.
    private static DuplicateMatch Classify(Customer a, Customer b, MatchEvidence found)
    {
        var (first, second) = a.Id.CompareTo(b.Id) <= 0 ? (a, b) : (b, a);
        if (TextFold.EqualsFolded(first.DisplayName, second.DisplayName))
        {
            found |= MatchEvidence.SameName;
        }
        else if (NamesCompatible(NameOf(first), NameOf(second)))
        {
            found |= MatchEvidence.CompatibleName;
        }

        if (first.BirthDate is { } birth && birth == second.BirthDate)
        {
            found |= MatchEvidence.SameBirthDate;
        }

        var conflicts = Conflicts(first, second);
        var strength = (found & (MatchEvidence.SamePhone | MatchEvidence.SameEmail)) != 0
            ? conflicts == IdentityConflict.None ? MatchStrength.Strong : MatchStrength.SharedContact
            : (found & MatchEvidence.SameBirthDate) != 0 && conflicts == IdentityConflict.None ? MatchStrength.Strong : MatchStrength.Possible;
        return new DuplicateMatch(first.Id, second.Id, found, strength) { Conflicts = conflicts };
    }

    private static IEnumerable<string> Keys(Customer customer)
    {
        foreach (var phone in customer.Phones)
        {
            yield return "p" + phone.E164;
        }

        foreach (var email in customer.Emails)
        {
            yield return "e" + email.Value;
        }

        var name = TextFold.ForMatching(customer.DisplayName);
        if (customer.BirthDate is { } birth)
        {
            yield return $"b{name}\u001F{birth.Year}-{birth.Month}-{birth.Day}";
        }

        if (customer.Location is { } location)
        {
            yield return $"l{name}\u001F{TextFold.ForMatching(location.Province)}";
        }
    }
}
