using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace CrmKit.Customers.Import;

/// <summary>
/// The header names recognised without a preset, per kind of file and CrmKit field, in order of preference: the
/// unambiguous Vietnamese and English names shops' exports use (<c>Mã khách hàng</c>, <c>Điện thoại</c>,
/// <c>Customer ID</c> …). Shipped as <c>Import/Presets/header-aliases.json</c>.
/// </summary>
internal static class HeaderAliases
{
    public const string ResourceName = "header-aliases";

    private static readonly FrozenDictionary<ImportFileKind, FrozenDictionary<string, ImmutableArray<string>>> ByKind = Load();

    /// <summary>The recognised names of a field (empty when none).</summary>
    public static ImmutableArray<string> Of(ImportFileKind kind, string field)
        => ByKind.TryGetValue(kind, out var fields) && fields.TryGetValue(field, out var names) ? names : [];

    /// <summary>Every recognised name of a kind of file, for suggestions.</summary>
    public static IEnumerable<string> All(ImportFileKind kind)
        => ByKind.TryGetValue(kind, out var fields) ? fields.Values.SelectMany(n => n) : [];

    private static FrozenDictionary<ImportFileKind, FrozenDictionary<string, ImmutableArray<string>>> Load()
    {
        using var document = JsonDocument.Parse(ImportMapping.ReadResource(ResourceName + ".json"));
        if (Serialization.JsonDuplicateKeys.Find(document.RootElement) is [var duplicate, ..])
        {
            throw new InvalidOperationException($"{ResourceName}.json: {duplicate}");
        }

        var result = new Dictionary<ImportFileKind, FrozenDictionary<string, ImmutableArray<string>>>();
        foreach (var (kind, key) in ImportFields.Kinds)
        {
            if (!document.RootElement.TryGetProperty(key, out var fields))
            {
                continue;
            }

            result[kind] = fields.EnumerateObject()
                .Where(p => !p.Name.StartsWith('_') && p.Value.ValueKind == JsonValueKind.Array)
                .ToFrozenDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToImmutableArray(), StringComparer.Ordinal);
        }

        return result.ToFrozenDictionary();
    }
}
