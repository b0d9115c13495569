using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using CrmKit.Customers.Serialization;
using NodaTime.Text;

namespace CrmKit.Customers.Import;

/// <summary>Reads a mapping file, collecting every problem with its JSON path before failing.</summary>
internal sealed class MappingJsonReader(string source)
{
    private static readonly string[] RootKeys = ["$schema", "name", "description", "source", "format", .. ImportFields.Kinds.Select(k => k.Key)];
    private static readonly string[] FormatKeys = ["numberFormat", "dateOrder", "dateFormats", "zone", "currency", "encoding", "delimiter", "sheet"];
    private static readonly string[] FileKeys = ["columns", "values", "format", "amount", "cancelledOrderPrefix", "guestCustomers"];
    private readonly List<Problem> _problems = [];

    public ImportMapping Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new InvalidValueException(source, $"is not valid JSON: line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", "The mapping format is in docs/importing.md (crmkit docs importing prints it).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidValueException(source, "$: a mapping is a JSON object.");
            }

            _problems.AddRange(JsonDuplicateKeys.Find(root));
            CheckKeys(root, "$", RootKeys);
            var files = ImmutableDictionary.CreateBuilder<ImportFileKind, FileMapping>();
            foreach (var (kind, key) in ImportFields.Kinds)
            {
                if (root.TryGetProperty(key, out var file))
                {
                    files[kind] = ReadFile(file, $"$.{key}", kind);
                }
            }

            var mapping = new ImportMapping
            {
                Name = String(root, "$", "name"),
                Description = String(root, "$", "description"),
                Source = String(root, "$", "source"),
                Format = root.TryGetProperty("format", out var format) ? ReadFormat(format, "$.format") : ImportFormat.Unset,
                Files = files.ToImmutable(),
            };
            if (_problems.Count > 0)
            {
                throw new InvalidValueException(
                    source,
                    _problems.Count == 1 ? _problems[0].ToString() : $"{_problems.Count} problems:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", _problems)}",
                    "The mapping format is in docs/importing.md (crmkit docs importing prints it).");
            }

            return mapping;
        }
    }

    private FileMapping ReadFile(JsonElement element, string path, ImportFileKind kind)
    {
        if (!Expect(element, JsonValueKind.Object, path, "an object"))
        {
            return FileMapping.None;
        }

        CheckKeys(element, path, FileKeys);
        var isOrders = kind == ImportFileKind.Orders;
        foreach (var key in new[] { "amount", "cancelledOrderPrefix", "guestCustomers" })
        {
            if (!isOrders && element.TryGetProperty(key, out _))
            {
                _problems.Add(new Problem($"{path}.{key}", "only the orders file has this setting."));
            }
        }

        var known = ImportFields.Of(kind).Select(f => f.Name).ToList();
        var columns = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        if (element.TryGetProperty("columns", out var columnsElement) && Expect(columnsElement, JsonValueKind.Object, $"{path}.columns", "an object of CrmKit field → source column name(s)"))
        {
            foreach (var property in columnsElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
            {
                var at = $"{path}.columns.{property.Name}";
                if (!ImportFields.IsKnown(kind, property.Name))
                {
                    _problems.Add(new Problem(at, $"'{property.Name}' is not a field of the {ImportFields.Key(kind)} file{NearestNames.Hint(property.Name, known)}; the fields are: {string.Join(", ", known)}{(ImportFields.HasConsentColumns(kind) ? ", consent.<channel>.<purpose>" : string.Empty)}."));
                    continue;
                }

                var names = Strings(property.Value, at, "a column name or a list of column names");
                if (names.Length > 0)
                {
                    columns[Canonical(property.Name)] = names;
                }
            }
        }

        var values = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal);
        if (element.TryGetProperty("values", out var valuesElement) && Expect(valuesElement, JsonValueKind.Object, $"{path}.values", "an object of CrmKit field → value map"))
        {
            foreach (var property in valuesElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
            {
                var at = $"{path}.values.{property.Name}";
                var vocabulary = ImportFields.IsKnown(kind, property.Name) ? FieldVocabulary.Of(kind, property.Name) : null;
                if (vocabulary is null)
                {
                    _problems.Add(new Problem(at, $"'{property.Name}' is not a field with a fixed set of values in the {ImportFields.Key(kind)} file."));
                    continue;
                }

                if (!Expect(property.Value, JsonValueKind.Object, at, "an object of source value → CrmKit value"))
                {
                    continue;
                }

                var map = ImmutableDictionary.CreateBuilder<string, string>(ValueMapComparer.Instance);
                foreach (var entry in property.Value.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
                {
                    if (entry.Value.ValueKind != JsonValueKind.String)
                    {
                        _problems.Add(new Problem($"{at}.{entry.Name}", $"expected a string, one of: {string.Join(", ", vocabulary)}."));
                    }
                    else if (!vocabulary.Contains(entry.Value.GetString()!, StringComparer.Ordinal))
                    {
                        _problems.Add(new Problem($"{at}.{entry.Name}", $"'{entry.Value.GetString()}' is not one of: {string.Join(", ", vocabulary)}."));
                    }
                    else if (map.TryGetValue(entry.Name, out var earlier) && earlier != entry.Value.GetString())
                    {
                        _problems.Add(new Problem($"{at}.{entry.Name}", $"the value is already mapped to '{earlier}' (values are matched ignoring case and spaces)."));
                    }
                    else
                    {
                        map[entry.Name] = entry.Value.GetString()!;
                    }
                }

                values[Canonical(property.Name)] = map.ToImmutable();
            }
        }

        OrderAmountSource? amount = String(element, path, "amount") switch
        {
            null => null,
            "total" => OrderAmountSource.Total,
            "lines" => OrderAmountSource.Lines,
            var other => Fail<OrderAmountSource?>(new Problem($"{path}.amount", $"'{other}' is not one of: total, lines.")),
        };
        return new FileMapping
        {
            Columns = columns.ToImmutable(),
            Values = values.ToImmutable(),
            Format = element.TryGetProperty("format", out var format) ? ReadFormat(format, $"{path}.format") : ImportFormat.Unset,
            Amount = amount,
            CancelledOrderPrefix = String(element, path, "cancelledOrderPrefix"),
            GuestCustomers = element.TryGetProperty("guestCustomers", out var guests) ? Strings(guests, $"{path}.guestCustomers", "a list of strings") : [],
        };
    }

    private ImportFormat ReadFormat(JsonElement element, string path)
    {
        if (!Expect(element, JsonValueKind.Object, path, "an object"))
        {
            return ImportFormat.Unset;
        }

        CheckKeys(element, path, FormatKeys);
        var zoneText = String(element, path, "zone");
        var zone = zoneText is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneText);
        if (zoneText is not null && zone is null)
        {
            _problems.Add(new Problem($"{path}.zone", $"'{zoneText}' is not a TZDB time zone id such as 'Asia/Ho_Chi_Minh' or 'Europe/London'."));
        }

        var currencyText = String(element, path, "currency");
        Currency? currency = null;
        if (currencyText is not null)
        {
            if (CurrencyText.TryResolve(currencyText, out var c))
            {
                currency = c;
            }
            else
            {
                _problems.Add(new Problem($"{path}.currency", $"'{currencyText}' is not a known ISO 4217 currency code such as VND or USD."));
            }
        }

        var delimiterText = element.TryGetProperty("delimiter", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        char? delimiter = delimiterText switch
        {
            null => element.TryGetProperty("delimiter", out var given) && given.ValueKind != JsonValueKind.Null ? Fail<char?>(new Problem($"{path}.delimiter", "expected a string.")) : null,
            "\t" or "tab" => '\t',
            { Length: 1 } one when one[0] is ',' or ';' or '|' => one[0],
            _ => Fail<char?>(new Problem($"{path}.delimiter", $"'{delimiterText}' is not one of: ',', ';', '|', tab.")),
        };
        var dateFormats = element.TryGetProperty("dateFormats", out var formats) ? Strings(formats, $"{path}.dateFormats", "a list of date patterns") : [];
        for (var i = 0; i < dateFormats.Length; i++)
        {
            if (!DatePatternText.IsValid(dateFormats[i], out var why))
            {
                _problems.Add(new Problem($"{path}.dateFormats[{i}]", $"'{dateFormats[i]}' is not a date pattern: {why}"));
            }
        }

        var encoding = String(element, path, "encoding");
        if (encoding is not null && !TextEncodingName.TryResolve(encoding, out _, out var encodingError))
        {
            _problems.Add(new Problem($"{path}.encoding", $"{encodingError}."));
        }
        return new ImportFormat
        {
            NumberFormat = String(element, path, "numberFormat") is { } number
                ? ImportFormatNames.TryParseNumberFormat(number, out var n, out var numberError) ? n : Fail<NumberFormat?>(new Problem($"{path}.numberFormat", $"{numberError}."))
                : null,
            DateOrder = String(element, path, "dateOrder") is { } order
                ? ImportFormatNames.TryParseDateOrder(order, out var o, out var orderError) ? o : Fail<DateOrder?>(new Problem($"{path}.dateOrder", $"{orderError}."))
                : null,
            DateFormats = dateFormats,
            Zone = zone,
            Currency = currency,
            Encoding = encoding,
            Delimiter = delimiter,
            Sheet = String(element, path, "sheet"),
        };
    }

    // A consent column may be written 'consent.Email.Marketing'; the importer knows it as 'consent.email.marketing'.
    private static string Canonical(string field) => ConsentColumn.TryParse(field, out var consent) ? consent.ToString() : field;

    private T Fail<T>(Problem problem)
    {
        _problems.Add(problem);
        return default!;
    }

    private void CheckKeys(JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.StartsWith('_') && !known.Contains(property.Name, StringComparer.Ordinal))
            {
                _problems.Add(new Problem($"{path}.{property.Name}", $"unknown key{NearestNames.Hint(property.Name, known)}; the keys here are: {string.Join(", ", known.Where(k => k != "$schema"))}."));
            }
        }
    }

    private bool Expect(JsonElement element, JsonValueKind kind, string path, string what)
    {
        if (element.ValueKind == kind)
        {
            return true;
        }

        _problems.Add(new Problem(path, $"expected {what}, found {element.ValueKind.ToString().ToLowerInvariant()}."));
        return false;
    }

    private string? String(JsonElement element, string path, string key)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            _problems.Add(new Problem($"{path}.{key}", "expected a non-empty string."));
            return null;
        }

        return value.GetString()!.Trim();
    }

    private ImmutableArray<string> Strings(JsonElement element, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
        {
            return [element.GetString()!.Trim()];
        }

        if (element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())))
        {
            return [.. element.EnumerateArray().Select(e => e.GetString()!.Trim())];
        }

        _problems.Add(new Problem(path, $"expected {what}."));
        return [];
    }
}

/// <summary>Compares source values of a value map: ignoring case, surrounding spaces and Unicode normalisation form.</summary>
internal sealed class ValueMapComparer : IEqualityComparer<string>
{
    public static readonly ValueMapComparer Instance = new();

    public bool Equals(string? x, string? y) => string.Equals(Key(x), Key(y), StringComparison.Ordinal);

    public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Key(obj));

    private static string Key(string? text) => (Tabular.Cell.Clean(text) ?? string.Empty).ToLowerInvariant();
}

/// <summary>Date pattern text in mapping files and options: NodaTime local date-time patterns such as <c>M/d/yy H:mm</c>.</summary>
internal static class DatePatternText
{
    public static bool IsValid(string pattern, out string? why)
    {
        try
        {
            _ = LocalDateTimePattern.CreateWithInvariantCulture(pattern);
            why = null;
            return true;
        }
        catch (InvalidPatternException ex)
        {
            why = ex.Message;
            return false;
        }
    }
}
