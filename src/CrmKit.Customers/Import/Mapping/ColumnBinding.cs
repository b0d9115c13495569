using System.Collections.Immutable;
using System.Globalization;

namespace CrmKit.Customers.Import;

/// <summary>
/// Which header column feeds each CrmKit field of a file. A field mapped by the mapping file is read only from the
/// columns it names; any other field from the column the import options name (CrmKit's own name by default), else
/// from a recognised header name (<see cref="HeaderAliases"/>). Header names match ignoring case, runs of spaces and
/// Unicode normalisation form, then also ignoring accents and treating '_' and '-' as spaces.
/// </summary>
internal sealed class ColumnBinding
{
    private readonly Dictionary<string, int[]> _fields = new(StringComparer.Ordinal);

    private ColumnBinding(ImportFileKind kind, IReadOnlyList<string> header)
    {
        Kind = kind;
        Header = header;
    }

    public ImportFileKind Kind { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The consent columns found, with their column index.</summary>
    public ImmutableArray<(ConsentColumn Consent, int Index)> Consents { get; private set; } = [];

    /// <summary>Header columns that feed no field.</summary>
    public ImmutableArray<string> Unused { get; private set; } = [];

    /// <summary>Header names that appear more than once (the first is read).</summary>
    public ImmutableArray<string> Repeated { get; private set; } = [];

    /// <summary>Fields the mapping names whose columns are all absent from the header, with the names it gave.</summary>
    public ImmutableArray<(string Field, ImmutableArray<string> Names)> MissingMapped { get; private set; } = [];

    /// <summary>The column names a field was looked for under, for messages about a missing required field.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Candidates { get; private set; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    public static ColumnBinding Bind(ImportFileKind kind, IReadOnlyList<string> header, FileMapping mapping, IReadOnlyDictionary<string, string> optionNames)
    {
        var binding = new ColumnBinding(kind, header);
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var folded = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0)
            {
                continue;
            }

            if (!exact.TryAdd(ExactKey(header[i]), i))
            {
                repeated.Add(header[i]);
            }

            folded.TryAdd(Folded(header[i]), i);
        }

        int Find(string name) => exact.TryGetValue(ExactKey(name), out var i) ? i : folded.TryGetValue(Folded(name), out i) ? i : -1;

        var used = new HashSet<int>();
        var missing = new List<(string, ImmutableArray<string>)>();
        var candidates = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);

        // Mapped fields first: they own their columns even where a CrmKit name or alias would also match.
        foreach (var (field, names) in mapping.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            candidates[field] = names;
            var found = names.Select(Find).Where(i => i >= 0).Distinct().ToList();
            if (found.Count == 0)
            {
                missing.Add((field, names));
                continue;
            }

            var free = found.Where(used.Add).ToArray();
            if (free.Length > 0)
            {
                binding._fields[field] = free;
            }
        }

        foreach (var field in ImportFields.Of(kind).Select(f => f.Name))
        {
            if (mapping.Columns.ContainsKey(field))
            {
                continue;
            }

            ImmutableArray<string> names = [optionNames[field], .. HeaderAliases.Of(kind, field)];
            candidates[field] = names;
            var free = names.Select(Find).Where(i => i >= 0).Distinct().Where(used.Add).ToArray();
            if (free.Length > 0)
            {
                binding._fields[field] = free;
            }
        }

        var consents = new List<(ConsentColumn, int)>();
        foreach (var (field, indexes) in binding._fields)
        {
            if (ConsentColumn.TryParse(field, out var consent))
            {
                consents.Add((consent, indexes[0]));
            }
        }

        if (ImportFields.HasConsentColumns(kind))
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (!used.Contains(i) && ConsentColumn.TryParse(header[i].ToLowerInvariant(), out var consent))
                {
                    used.Add(i);
                    consents.Add((consent, i));
                }
            }
        }

        binding.Consents = [.. consents];
        binding.Unused = [.. header.Where((h, i) => h.Length > 0 && !used.Contains(i))];
        binding.Repeated = [.. repeated.Distinct(StringComparer.Ordinal)];
        binding.MissingMapped = [.. missing];
        binding.Candidates = candidates.ToImmutable();
        return binding;
    }

    /// <summary>The column index of a field (its first column), or -1 when the file does not have it.</summary>
    public int IndexOf(string field) => _fields.TryGetValue(field, out var indexes) ? indexes[0] : -1;

    /// <summary>
    /// Every column that may hold a field, in order of preference: a row's value is the first of them that is not
    /// empty (Shopify's "Phone" when "Default Address Phone" is blank).
    /// </summary>
    public ReadOnlySpan<int> Indexes(string field) => _fields.TryGetValue(field, out var indexes) ? indexes : [];

    /// <summary>Whether the file has a column for the field.</summary>
    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The field a column is bound to, or null for a column no field uses.</summary>
    public string? FieldAt(int index)
    {
        foreach (var (field, indexes) in _fields)
        {
            if (indexes.Contains(index))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>
    /// A header cell as messages show it: a column name CrmKit knows as it is, anything else masked when it is shaped
    /// like a person's full name (a file without a header row shows its first row of data as the header). A cell that
    /// spans lines (an unclosed quote in the header swallowed the data rows after it) is shown up to its first line
    /// break only: what follows is data, never a column name.
    /// </summary>
    public string EchoHeader(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var lineBreak = cell.AsSpan().IndexOfAny('\r', '\n');
        if (lineBreak >= 0)
        {
            var lines = cell.AsSpan().Count('\n') + 1;
            return string.Create(CultureInfo.InvariantCulture, $"{EchoHeader(cell[..lineBreak])}… (the cell runs over {lines} lines: an unclosed quote?)");
        }

        return PersonalData.LooksLikeFullName(cell) && !HeaderAliases.All(Kind).Concat(ImportFields.Of(Kind).Select(f => f.Name)).Any(k => string.Equals(Folded(k), Folded(cell), StringComparison.Ordinal))
            ? PersonalData.MaskName(cell)
            : cell;
    }

    /// <summary>The header name of the field's column, or the field name when absent (for messages).</summary>
    public string ColumnName(string field) => _fields.TryGetValue(field, out var indexes) ? Header[indexes[0]] : field;

    /// <summary>
    /// "required column 'order_id' is missing (looked for: order_id, Mã hóa đơn …); the header has: … ; unused columns
    /// and the known names nearest to them: 'InvoiceNoo' → 'InvoiceNo'".
    /// </summary>
    public string DescribeMissing(string field, bool required = true)
    {
        var (looked, header, hints) = MissingParts(field);
        return $"no column for the {(required ? "required " : string.Empty)}field '{field}' (looked for: {looked}); the header has: {header}"
            + (hints.Length > 0 ? $"; nearest known names of unused columns: {hints}" : string.Empty) + ".";
    }

    /// <summary>The parts of <see cref="DescribeMissing"/>: the names looked for, the header's names and the nearest known names of unused columns (empty for none), each quoted and joined.</summary>
    public (string Looked, string Header, string Hints) MissingParts(string field)
    {
        var looked = Candidates.TryGetValue(field, out var names) ? names : [field];
        var known = ImportFields.Of(Kind).Select(f => f.Name).Concat(HeaderAliases.All(Kind)).ToList();
        var hints = Unused.Select(u => (Unused: u, Nearest: NearestNames.Of(u, known, 2))).Where(x => x.Nearest.Count > 0).Take(8)
            .Select(x => $"'{EchoHeader(x.Unused)}' → {string.Join(" or ", x.Nearest.Select(n => $"'{n}'"))}").ToList();
        return (string.Join(", ", looked.Select(n => $"'{n}'")), string.Join(", ", Header.Select(h => $"'{EchoHeader(h)}'")), string.Join(", ", hints));
    }

    // Accents, case, '_' and '-' ignored: 'full_name' is 'Full Name', 'Ma khach hang' is 'Mã khách hàng'.
    private static string Folded(string name) => TextFold.ForMatching(name.Replace('_', ' ').Replace('-', ' '));

    private static string ExactKey(string name) => string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
