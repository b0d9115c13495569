using CrmKit.Customers;

namespace CrmKit.Cli.Profile;

/// <summary>What a <c>crmkit customer QUERY</c> was read as.</summary>
internal enum QueryKind
{
    /// <summary>A customer id, or an id merged into another customer (exact, else ignoring case).</summary>
    Id,

    /// <summary>A phone number in any written form (<c>0912 345 678</c>, <c>'0912345678</c>, <c>+84 912 345 678</c>).</summary>
    Phone,

    /// <summary>An email address (compared without regard to case).</summary>
    Email,

    /// <summary>A name, compared ignoring case, diacritics and Unicode normalization form.</summary>
    Name,
}

/// <summary>The customers a query found, and how the query was read.</summary>
internal sealed record SearchResult(QueryKind Kind, IReadOnlyList<Customer> Matches);

/// <summary>
/// Finds customers by what a shop's staff type: an id (or an id merged away, which finds the survivor; ignoring case
/// when no id is equal), a phone number
/// written any way (parsed by <see cref="PhoneNumber.TryParse(string?, out PhoneNumber)"/>, so <c>0912 345 678</c>,
/// <c>0912.345.678</c>, <c>+84 912 345 678</c> and a spreadsheet's <c>'0912345678</c> are the same number), an email,
/// or a name. Names match ignoring case and diacritics (<see cref="TextFold.ForMatching"/>: "tran thi ha" finds
/// "Trần Thị Hà"): the whole name first; when no name is equal, every word of the query must be a word of the name,
/// in any order ("ha tran" finds "Trần Thị Hà").
/// </summary>
internal static class CustomerSearch
{
    /// <summary>Searches <paramref name="customers"/> for <paramref name="query"/>; the matches are in id order.</summary>
    public static SearchResult Find(IReadOnlyList<Customer> customers, string query)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        var byId = customers.Where(c => c.Id.Value == text).ToList();
        if (byId.Count == 0)
        {
            byId = [.. customers.Where(c => c.MergedIds.Any(m => m.Value == text))];
        }

        if (byId.Count == 0)
        {
            // Staff type ids as they read them (kh000001 for KH000001; fifth trial): ignoring case when nothing is exact.
            byId = Sorted(customers.Where(c => string.Equals(c.Id.Value, text, StringComparison.OrdinalIgnoreCase)
                || c.MergedIds.Any(m => string.Equals(m.Value, text, StringComparison.OrdinalIgnoreCase))));
        }

        if (byId.Count > 0)
        {
            return new SearchResult(QueryKind.Id, byId);
        }

        // A spreadsheet keeps a leading 0 by writing the cell as '0912345678.
        if (PhoneNumber.TryParse(text.TrimStart('\''), out var phone))
        {
            return new SearchResult(QueryKind.Phone, Sorted(customers.Where(c => c.Phones.Contains(phone))));
        }

        if (text.Contains('@', StringComparison.Ordinal) && EmailAddress.TryParse(text, out var email))
        {
            return new SearchResult(QueryKind.Email, Sorted(customers.Where(c => c.Emails.Contains(email))));
        }

        var folded = TextFold.ForMatching(text);
        var exact = Sorted(customers.Where(c => TextFold.ForMatching(c.DisplayName) == folded));
        if (exact.Count > 0 || folded.Length == 0)
        {
            return new SearchResult(QueryKind.Name, exact);
        }

        var words = Words(folded);
        return new SearchResult(QueryKind.Name, Sorted(customers.Where(c => Words(TextFold.ForMatching(c.DisplayName)) is var name && words.All(name.Contains))));
    }

    private static HashSet<string> Words(string folded) => [.. folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static List<Customer> Sorted(IEnumerable<Customer> customers) => [.. customers.OrderBy(c => c.Id.Value, StringComparer.Ordinal)];
}
