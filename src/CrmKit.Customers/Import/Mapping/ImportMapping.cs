using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace CrmKit.Customers.Import;

/// <summary>
/// How a shop's export maps onto CrmKit: per kind of file, which source column feeds which CrmKit field, how source
/// values translate, and how numbers, dates and times are written. Written as JSON (schema:
/// <c>docs/import-mapping.schema.json</c>; guide: <c>docs/importing.md</c>); the built-in presets
/// (<see cref="PresetNames"/>) are mapping files shipped inside this package.
/// </summary>
public sealed record ImportMapping
{
    /// <summary>No mapping: CrmKit's own column names and the recognised header names.</summary>
    public static ImportMapping None { get; } = new();

    /// <summary>A short name (<c>kiotviet</c>).</summary>
    public string? Name { get; init; }

    /// <summary>What the mapping reads, in one line.</summary>
    public string? Description { get; init; }

    /// <summary>Where its column list comes from (a platform's documentation or a sample export).</summary>
    public string? Source { get; init; }

    /// <summary>Formats of every file; each file's own <see cref="FileMapping.Format"/> takes precedence.</summary>
    public ImportFormat Format { get; init => field = value ?? ImportFormat.Unset; } = ImportFormat.Unset;

    /// <summary>The mapping of each kind of file that has one.</summary>
    public ImmutableDictionary<ImportFileKind, FileMapping> Files { get; init => field = value ?? ImmutableDictionary<ImportFileKind, FileMapping>.Empty; }
        = ImmutableDictionary<ImportFileKind, FileMapping>.Empty;

    /// <summary>The names of the built-in presets: <c>haravan</c>, <c>kiotviet</c>, <c>online-retail</c>, <c>sapo</c>, <c>shopify</c>, <c>transactions</c>, <c>woocommerce</c>.</summary>
    public static ImmutableArray<string> PresetNames { get; } =
    [
        .. typeof(ImportMapping).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(PresetPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[PresetPrefix.Length..^".json".Length])
            .Where(n => n != HeaderAliases.ResourceName)
            .Order(StringComparer.Ordinal),
    ];

    private const string PresetPrefix = "CrmKit.Customers.Import.Presets.";

    /// <summary>
    /// This mapping laid over <paramref name="fallback"/> (<c>crmkit run --preset kiotviet --map extra.json</c>): per kind of
    /// file <see cref="FileMapping.Then"/>, formats per value (<see cref="ImportFormat.Then"/>); the name, description
    /// and source are this mapping's when set. A mapping file then only needs what it adds or changes, such as a consent
    /// column the preset does not read.
    /// </summary>
    /// <param name="fallback">The mapping underneath (usually a preset), or <see langword="null"/>.</param>
    public ImportMapping Then(ImportMapping? fallback)
    {
        if (fallback is null)
        {
            return this;
        }

        var files = fallback.Files;
        foreach (var (kind, mapping) in Files)
        {
            files = files.SetItem(kind, mapping.Then(fallback.For(kind)));
        }

        return new ImportMapping
        {
            Name = Name ?? fallback.Name,
            Description = Description ?? fallback.Description,
            Source = Source ?? fallback.Source,
            Format = Format.Then(fallback.Format),
            Files = files,
        };
    }

    /// <summary>The mapping of one kind of file (<see cref="FileMapping.None"/> when it has none).</summary>
    public FileMapping For(ImportFileKind kind) => Files.TryGetValue(kind, out var mapping) ? mapping : FileMapping.None;

    /// <summary>A built-in preset by name (case-insensitive).</summary>
    /// <exception cref="InvalidValueException">No preset has that name; the message lists them.</exception>
    public static ImportMapping Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = PresetNames.FirstOrDefault(p => string.Equals(p, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidValueException("--preset", $"'{name}' is not a preset{NearestNames.Hint(name, PresetNames)}; the presets are: {string.Join(", ", PresetNames)}.", "Or describe your files with a mapping file (--map FILE).");
        return Parse(ReadResource(key + ".json"), $"preset '{key}'");
    }

    /// <summary>The JSON text of a built-in preset, to start a mapping file from.</summary>
    public static string PresetJson(string name) => ReadResource(Preset(name).Name + ".json");

    /// <summary>Reads a mapping file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidValueException">The file is not a valid mapping; the message lists every problem with its JSON path.</exception>
    public static ImportMapping Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The mapping file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a mapping from JSON text.</summary>
    /// <param name="json">The mapping JSON.</param>
    /// <param name="source">What to call the text in messages (a file name).</param>
    /// <exception cref="InvalidValueException">The text is not a valid mapping; the message lists every problem with its JSON path.</exception>
    public static ImportMapping Parse(string json, string source = "mapping")
    {
        ArgumentNullException.ThrowIfNull(json);
        return new MappingJsonReader(source).Read(json);
    }

    internal static string ReadResource(string name)
    {
        using var stream = typeof(ImportMapping).Assembly.GetManifestResourceStream(PresetPrefix + name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
