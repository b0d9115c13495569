using System.Collections.Immutable;

namespace CrmKit.Customers.Import;

/// <summary>
/// How one kind of file maps onto CrmKit: which source column feeds which CrmKit field, how source values translate
/// into CrmKit's (statuses, genders, channels, yes/no), and the file's value formats.
/// </summary>
public sealed record FileMapping
{
    /// <summary>No mapping: CrmKit's own column names and the recognised header names are used.</summary>
    public static FileMapping None { get; } = new();

    /// <summary>
    /// CrmKit field (<c>customer_id</c>, <c>total</c> …) → the source column names that may hold it, in order of
    /// preference; the first present in the header is read. A mapped field is read only from these columns.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Columns { get; init => field = value ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty; }
        = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>
    /// CrmKit field → source value → CrmKit value (<c>"status": {"Hoàn thành": "completed"}</c>). Source values are
    /// matched ignoring case, surrounding spaces and Unicode normalisation form.
    /// </summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, string>> Values { get; init => field = value ?? ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty; }
        = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty;

    /// <summary>The file's value formats; unset values fall back to the mapping's.</summary>
    public ImportFormat Format { get; init => field = value ?? ImportFormat.Unset; } = ImportFormat.Unset;

    /// <summary>Orders only: where the amount comes from; by default the total when its column is there, else the lines.</summary>
    public OrderAmountSource? Amount { get; init; }

    /// <summary>Orders only: an order id prefix that marks a cancellation (<c>C</c> in the UCI Online Retail data).</summary>
    public string? CancelledOrderPrefix { get; init; }

    /// <summary>
    /// Orders only: customer ids or names that stand for "no customer" (a walk-in placeholder such as
    /// <c>Khách lẻ</c>); such sales are counted as guest sales, never attached to a customer.
    /// </summary>
    public ImmutableArray<string> GuestCustomers { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// This mapping where it says something, <paramref name="fallback"/> elsewhere: per field, this mapping's columns
    /// replace the fallback's for that field, and a column this mapping gives a field is taken from the fallback's other
    /// fields (a column feeds one field); value translations and guest names are added to the fallback's, a source value
    /// this mapping translates taking its translation; formats per value
    /// (<see cref="ImportFormat.Then"/>); the amount source and cancellation prefix when set.
    /// </summary>
    /// <param name="fallback">The mapping underneath (a preset's), or <see langword="null"/>.</param>
    public FileMapping Then(FileMapping? fallback) => fallback is null ? this : new FileMapping
    {
        Columns = Underneath(fallback.Columns).SetItems(Columns),
        Values = fallback.Values.SetItems(Values.Select(v => KeyValuePair.Create(v.Key, fallback.Values.TryGetValue(v.Key, out var under) ? under.SetItems(v.Value) : v.Value))),
        Format = Format.Then(fallback.Format),
        Amount = Amount ?? fallback.Amount,
        CancelledOrderPrefix = CancelledOrderPrefix ?? fallback.CancelledOrderPrefix,
        GuestCustomers = [.. fallback.GuestCustomers.Union(GuestCustomers, StringComparer.OrdinalIgnoreCase)],
    };

    // The fallback's columns without those this mapping gives a field of its own (a column feeds one field: the preset's
    // "Loại khách" for kind, given to tags by the file, is the file's); a field left with no column is dropped.
    private ImmutableDictionary<string, ImmutableArray<string>> Underneath(ImmutableDictionary<string, ImmutableArray<string>> fallback)
    {
        var taken = Columns.Values.SelectMany(c => c).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = fallback;
        foreach (var (field, names) in fallback)
        {
            if (Columns.ContainsKey(field) || !names.Any(taken.Contains))
            {
                continue;
            }

            var left = names.RemoveAll(taken.Contains);
            kept = left.IsEmpty ? kept.Remove(field) : kept.SetItem(field, left);
        }

        return kept;
    }
}
