using System.Collections.Immutable;
using CrmKit.Customers.Store;

namespace CrmKit.Customers.Identity;

/// <summary>
/// Merges a duplicate customer into a survivor without losing anything that happened: every order,
/// interaction, feedback, ticket and referral of both ends up in the result exactly once, and both consent
/// ledgers are combined, so for each channel and purpose the most recent decision stays in force.
/// </summary>
/// <remarks>
/// <para>Profile fields: the survivor's value is kept where it has one, the duplicate's fills gaps, and each
/// disagreement is reported as a <see cref="MergeConflict"/> (personal values masked). Phones, emails,
/// tags and attributes are united (the survivor's attribute wins on a name clash). The lifecycle stage is the
/// more advanced of the two, the creation instant the earlier. When the two names fold to the same text
/// (<c>Nguyen van an</c> / <c>Nguyễn Văn An</c>) the spelling with diacritics is kept.</para>
/// <para>An order, interaction, feedback or ticket present in both with the same identifier is kept once if
/// both copies agree; if they differ the merge is refused, since one of them would be lost.</para>
/// </remarks>
public static class CustomerMerge
{
    /// <summary>
    /// Finds the duplicates among <paramref name="customers"/> under <paramref name="policy"/>
    /// (<see cref="DuplicateFinder.Resolve"/>) and merges each group's records into its survivor, as
    /// <see cref="InMemoryCustomerStore.MergeAsync"/> merges them one duplicate at a time: what <c>crmkit run</c>'s
    /// merge step does. Records outside every group are returned as they are.
    /// </summary>
    /// <param name="customers">The customers, each id once (an import's <see cref="Import.CustomerDataSet.Customers"/>).</param>
    /// <param name="policy">Which records to merge; default <see cref="MergePolicy.Strong"/> (a shared contact with a compatible name, no conflicting gender or birth date).</param>
    /// <param name="cancellationToken">Checked before each merge.</param>
    /// <returns>The customers after the merges, ordered by id, and the resolution that decided them (every merge and shared contact with its evidence).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="DuplicateCustomerIdException">Two of <paramref name="customers"/> have the same id.</exception>
    /// <exception cref="MergeConflictException">A group's records cannot be merged (see <see cref="Merge"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<MergeAllResult> MergeAllAsync(IReadOnlyCollection<Customer> customers, MergePolicy policy = MergePolicy.Strong, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var resolution = new DuplicateFinder(new DuplicateFinderOptions { Merge = policy }).Resolve(customers);

        // Only the records of a group go through the store's merge; every other record is kept as it is, and the
        // result is sorted by id as the store's snapshot is. Ids are checked unique as the store checks them.
        var grouped = resolution.Groups.SelectMany(g => Enumerable.Prepend(g.Duplicates, g.Survivor)).ToHashSet();
        var ids = new HashSet<CustomerId>();
        foreach (var customer in customers)
        {
            if (!ids.Add(customer.Id))
            {
                throw new DuplicateCustomerIdException(customer.Id);
            }
        }

        var store = new InMemoryCustomerStore(customers.Where(c => grouped.Contains(c.Id)));
        foreach (var group in resolution.Groups)
        {
            foreach (var duplicate in group.Duplicates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await store.MergeAsync(group.Survivor, duplicate, cancellationToken).ConfigureAwait(false);
            }
        }

        Customer[] merged = [.. customers.Where(c => !grouped.Contains(c.Id)).Concat(store.Snapshot())];
        Array.Sort(merged, static (x, y) => x.Id.CompareTo(y.Id));
        return new MergeAllResult([.. merged], resolution);
    }

    /// <summary>Merges <paramref name="duplicate"/> into <paramref name="survivor"/>.</summary>
    /// <exception cref="MergeConflictException">The two are the same customer, either was erased, or they share an
    /// order, interaction, feedback or ticket identifier with different contents.</exception>
    public static MergeResult Merge(Customer survivor, Customer duplicate)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(duplicate);
        if (survivor.Id == duplicate.Id)
        {
            throw new MergeConflictException(survivor.Id, duplicate.Id, "a customer cannot be merged into itself.");
        }

        if (survivor.IsErased || duplicate.IsErased)
        {
            throw new MergeConflictException(survivor.Id, duplicate.Id, $"customer '{(survivor.IsErased ? survivor.Id : duplicate.Id)}' was erased; linking its history to anyone would undo the erasure.");
        }

        var conflicts = ImmutableArray.CreateBuilder<MergeConflict>();
        T? Pick<T>(string field, T? kept, T? other, Func<T, string> show)
            where T : class
        {
            if (kept is null)
            {
                return other;
            }

            if (other is not null && !kept.Equals(other))
            {
                conflicts.Add(new MergeConflict(field, show(kept), show(other)));
            }

            return kept;
        }

        TV? PickValue<TV>(string field, TV? kept, TV? other, Func<TV, string> show)
            where TV : struct
        {
            if (kept is null)
            {
                return other;
            }

            if (other is { } o && !kept.Value.Equals(o))
            {
                conflicts.Add(new MergeConflict(field, show(kept.Value), show(o)));
            }

            return kept;
        }

        var attributes = survivor.Attributes;
        foreach (var (attribute, value) in duplicate.Attributes)
        {
            if (!attributes.TryGetValue(attribute, out var existing))
            {
                attributes = attributes.Add(attribute, value);
            }
            else if (!existing.Equals(value))
            {
                conflicts.Add(new MergeConflict("attributes." + attribute, existing.ToString(), value.ToString()));
            }
        }

        if (survivor.Kind != duplicate.Kind)
        {
            conflicts.Add(new MergeConflict("kind", survivor.Kind.ToString(), duplicate.Kind.ToString()));
        }

        var name = PreferredName(survivor.DisplayName, duplicate.DisplayName);
        if (!TextFold.EqualsFolded(survivor.DisplayName, duplicate.DisplayName))
        {
            conflicts.Add(new MergeConflict("displayName", PersonalData.MaskName(survivor.DisplayName), PersonalData.MaskName(duplicate.DisplayName)));
        }

        var merged = survivor with
        {
            DisplayName = name,
            CreatedAt = survivor.CreatedAt <= duplicate.CreatedAt ? survivor.CreatedAt : duplicate.CreatedAt,
            Phones = survivor.Phones.AddRange(duplicate.Phones),
            Emails = survivor.Emails.AddRange(duplicate.Emails),
            BirthDate = PickValue("birthDate", survivor.BirthDate, duplicate.BirthDate, _ => "(date withheld)"),
            Gender = PickValue("gender", survivor.Gender, duplicate.Gender, g => g.ToString()),
            IncomeTier = PickValue("incomeTier", survivor.IncomeTier, duplicate.IncomeTier, t => t.ToString()),
            Location = Pick("location", survivor.Location, duplicate.Location, l => l.Province),
            Tags = survivor.Tags.AddRange(duplicate.Tags),
            Attributes = attributes,
            Source = PickValue("source", survivor.Source, duplicate.Source, s => s.ToString()),
            TimeZone = Pick("timeZone", survivor.TimeZone, duplicate.TimeZone, z => z.Id),
            // The later stage of the two recorded ones; a record whose file gave no stage does not count.
            Stage = !duplicate.StageRecorded || (survivor.StageRecorded && survivor.Stage >= duplicate.Stage) ? survivor.Stage : duplicate.Stage,
            StageRecorded = survivor.StageRecorded || duplicate.StageRecorded,
            Consents = survivor.Consents.Merge(duplicate.Consents),
            MergedIds = [.. survivor.MergedIds, duplicate.Id, .. duplicate.MergedIds],
            History = MergeHistory(survivor.Id, survivor.History, duplicate.Id, duplicate.History),
        };
        return new MergeResult(merged, conflicts.ToImmutable());
    }

    // Of two spellings of one name, keep the one with more non-ASCII letters (diacritics carry meaning in Vietnamese).
    private static string PreferredName(string survivor, string duplicate)
        => TextFold.EqualsFolded(survivor, duplicate) && NonAscii(duplicate) > NonAscii(survivor) ? duplicate : survivor;

    private static int NonAscii(string text) => text.Count(c => c > 0x7F);

    private static CustomerHistory MergeHistory(CustomerId survivorId, CustomerHistory survivor, CustomerId duplicateId, CustomerHistory duplicate)
    {
        var orders = Union(survivorId, duplicateId, survivor.Orders.Orders, duplicate.Orders.Orders.Select(o => o with { CustomerId = survivorId }), o => o.Id.Value, "order");
        var interactions = Union(survivorId, duplicateId, survivor.Interactions, duplicate.Interactions.Select(i => i with { CustomerId = survivorId }), i => i.Id.Value, "interaction");
        var feedback = Union(survivorId, duplicateId, survivor.Feedback, duplicate.Feedback.Select(f => f with { CustomerId = survivorId }), f => f.Id.Value, "feedback");
        var tickets = Union(survivorId, duplicateId, survivor.Tickets, duplicate.Tickets.Select(t => t with { CustomerId = survivorId }), t => t.Id.Value, "ticket");
        var referrals = Union(survivorId, duplicateId, survivor.Referrals, duplicate.Referrals.Select(r => r with { ReferrerId = survivorId }), r => r.ReferredId.Value, "referral of");
        return new CustomerHistory
        {
            Orders = OrderHistory.From(orders),
            Interactions = interactions,
            Feedback = feedback,
            Tickets = tickets,
            Referrals = referrals,
        };
    }

    private static ImmutableArray<T> Union<T>(CustomerId survivorId, CustomerId duplicateId, IEnumerable<T> kept, IEnumerable<T> added, Func<T, string> id, string what)
        where T : class
    {
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in kept.Concat(added))
        {
            var key = id(item);
            if (!byId.TryGetValue(key, out var existing))
            {
                byId.Add(key, item);
            }
            else if (!existing.Equals(item))
            {
                throw new MergeConflictException(survivorId, duplicateId, $"both have {what} '{key}' with different contents.");
            }
        }

        return [.. byId.Values];
    }
}
