using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Why two customer records look like the same person.</summary>
[Flags]
public enum MatchEvidence
{
    /// <summary>Nothing in common.</summary>
    None = 0,

    /// <summary>A phone number in common (after normalisation: <c>0912…</c> = <c>+84 912…</c>).</summary>
    SamePhone = 1,

    /// <summary>An email address in common (after normalisation).</summary>
    SameEmail = 2,

    /// <summary>The same name ignoring case, diacritics, Unicode normalisation form and spacing.</summary>
    SameName = 4,

    /// <summary>The same birth date.</summary>
    SameBirthDate = 8,

    /// <summary>The same province, compared folded.</summary>
    SameProvince = 16,
}

/// <summary>How sure a match is.</summary>
public enum MatchStrength
{
    /// <summary>The same name and province: worth a look by staff, not merged automatically.</summary>
    Possible,

    /// <summary>A shared phone or email, or the same name and birth date: merged by <see cref="DuplicateFinder.FindGroups"/>.</summary>
    Strong,
}

/// <summary>Two customers that look like one.</summary>
/// <param name="First">The customer whose id sorts first.</param>
/// <param name="Second">The other customer.</param>
/// <param name="Evidence">What they have in common.</param>
/// <param name="Strength">How sure the match is.</param>
public sealed record DuplicateMatch(CustomerId First, CustomerId Second, MatchEvidence Evidence, MatchStrength Strength);

/// <summary>Customers that are one person: merge every duplicate into the survivor.</summary>
/// <param name="Survivor">The record to keep: the earliest created, then the one with most orders, then the smallest id.</param>
/// <param name="Duplicates">The records to merge into it, sorted by id.</param>
public sealed record DuplicateGroup(CustomerId Survivor, ImmutableArray<CustomerId> Duplicates);

/// <summary>Options for <see cref="DuplicateFinder"/>.</summary>
public sealed record DuplicateFinderOptions
{
    /// <summary>The defaults.</summary>
    public static DuplicateFinderOptions Default { get; } = new();

    /// <summary>
    /// A phone or email shared by more customers than this is treated as a placeholder (the shop's own
    /// hotline typed in for walk-in customers) and not used as evidence. Default 20.
    /// </summary>
    public int MaxSharedContact
    {
        get;
        init => field = value >= 2 ? value : throw new InvalidValueException(nameof(MaxSharedContact), $"{value} is less than 2.");
    } = 20;

    /// <summary>Whether <see cref="DuplicateFinder.FindMatches"/> also lists <see cref="MatchStrength.Possible"/> matches. Default true.</summary>
    public bool IncludePossible { get; init; } = true;
}

/// <summary>
/// Finds customer records that are likely the same person, by normalised phone, normalised email, and name
/// folded for diacritics and Unicode form together with birth date or province. Runs in time proportional to
/// the number of customers plus the number of candidate pairs (records are bucketed by key, never compared all
/// against all).
/// </summary>
public sealed class DuplicateFinder
{
    private readonly DuplicateFinderOptions _options;

    /// <summary>Creates a finder.</summary>
    public DuplicateFinder(DuplicateFinderOptions? options = null) => _options = options ?? DuplicateFinderOptions.Default;

    /// <summary>Every pair of customers with evidence of being one person, strongest first, then by ids. Erased customers are never matched.</summary>
    public IReadOnlyList<DuplicateMatch> FindMatches(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var list = customers.ToList();
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].IsErased)
            {
                continue; // nothing left to match on, and an erased customer must never be linked to anyone
            }

            foreach (var key in Keys(list[i]))
            {
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
            var strength = (found & (MatchEvidence.SamePhone | MatchEvidence.SameEmail | MatchEvidence.SameBirthDate)) != 0
                ? MatchStrength.Strong
                : MatchStrength.Possible;
            if (strength == MatchStrength.Possible && !_options.IncludePossible)
            {
                continue;
            }

            var (first, second) = list[a].Id.CompareTo(list[b].Id) <= 0 ? (list[a].Id, list[b].Id) : (list[b].Id, list[a].Id);
            if (first != second)
            {
                matches.Add(new DuplicateMatch(first, second, found, strength));
            }
        }

        return [.. matches.OrderByDescending(m => m.Strength).ThenBy(m => m.First).ThenBy(m => m.Second)];
    }

    /// <summary>
    /// Groups of customers connected by <see cref="MatchStrength.Strong"/> matches (transitively: A–B by phone
    /// and B–C by email make one group), each with the survivor to keep. Sorted by survivor id.
    /// </summary>
    public IReadOnlyList<DuplicateGroup> FindGroups(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var byId = new Dictionary<CustomerId, Customer>();
        foreach (var c in customers)
        {
            byId.TryAdd(c.Id, c);
        }

        var parent = byId.Keys.ToDictionary(id => id, id => id);
        CustomerId Root(CustomerId id)
        {
            while (parent[id] != id)
            {
                parent[id] = parent[parent[id]];
                id = parent[id];
            }

            return id;
        }

        foreach (var match in FindMatches(byId.Values))
        {
            if (match.Strength == MatchStrength.Strong)
            {
                var (ra, rb) = (Root(match.First), Root(match.Second));
                if (ra != rb)
                {
                    parent[ra.CompareTo(rb) < 0 ? rb : ra] = ra.CompareTo(rb) < 0 ? ra : rb;
                }
            }
        }

        var groups = new List<DuplicateGroup>();
        foreach (var members in byId.Keys.GroupBy(Root).Where(g => g.Count() > 1))
        {
            var survivor = members
                .Select(id => byId[id])
                .OrderBy(c => c.CreatedAt)
                .ThenByDescending(c => c.History.Orders.Count)
                .ThenBy(c => c.Id)
                .First().Id;
            groups.Add(new DuplicateGroup(survivor, [.. members.Where(id => id != survivor).Order()]));
        }

        return [.. groups.OrderBy(g => g.Survivor)];
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
