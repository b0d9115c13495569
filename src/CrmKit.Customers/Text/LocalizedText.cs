using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace CrmKit.Customers;

/// <summary>
/// A text people read — a segment's or a process's name, a description, a state's label — in one or several
/// languages, immutable. Either one text for every language (what a plain JSON string or a <see cref="string"/>
/// converts to) or texts keyed by language tag (<c>vi</c>, <c>en</c>, <c>vi-VN</c>; BCP 47 as .NET's
/// <see cref="CultureInfo"/> knows them).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Get(CultureInfo)"/> picks the text for a culture by falling back from the culture to its parents, then to
/// English, then to any text: for vi-VN it tries <c>vi-VN</c>, <c>vi</c>, <c>en</c>, then the first language in
/// ordinal order — so a text is never missing, only possibly in another language. <see cref="ToString"/> is the text
/// for <see cref="CultureInfo.CurrentUICulture"/>.
/// </para>
/// <para>
/// JSON (<see cref="TryReadJson"/>, <see cref="WriteJson"/>, and the converter that <c>CrmKitJson</c> registers): a
/// plain string (<c>"VIP"</c>, the same in every language — files written before texts had languages keep working)
/// or an object of language tags to non-blank strings (<c>{"vi": "Khách hàng mới", "en": "New customers"}</c>).
/// </para>
/// </remarks>
// Serialized the same way by any JsonSerializerOptions (a plain string, or an object of texts by language), never as
// its properties.
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    /// <summary>The key of the one text that is the same in every language (<see cref="LocalizedText(string)"/>).</summary>
    private const string EveryLanguage = "";

    private readonly ImmutableSortedDictionary<string, string> _texts;

    /// <summary>One text for every language.</summary>
    /// <param name="text">The text; not blank.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    public LocalizedText(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _texts = ImmutableSortedDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase).Add(EveryLanguage, text);
    }

    private LocalizedText(ImmutableSortedDictionary<string, string> texts) => _texts = texts;

    /// <summary>Whether the text is one text for every language (no language tags).</summary>
    public bool IsSameInEveryLanguage => _texts.ContainsKey(EveryLanguage);

    /// <summary>
    /// The texts by language tag, in ordinal order of the tags; for a text that <see cref="IsSameInEveryLanguage"/>, one
    /// entry whose key is the empty string.
    /// </summary>
    public IReadOnlyDictionary<string, string> Texts => _texts;

    /// <summary>Texts keyed by language tag, e.g. <c>Create([new("vi", "Khách hàng mới"), new("en", "New customers")])</c>.</summary>
    /// <param name="texts">At least one pair of a language tag known to .NET (<c>vi</c>, <c>en</c>, <c>vi-VN</c>) and a non-blank text; each tag once.</param>
    /// <exception cref="ArgumentException">No texts, a tag .NET does not know, a tag given twice (in any case) or a blank text.</exception>
    public static LocalizedText Create(IEnumerable<KeyValuePair<string, string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, text) in texts)
        {
            if (CheckLanguage(language) is { } problem)
            {
                throw new ArgumentException(problem, nameof(texts));
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ArgumentException($"The text for '{language}' is blank.", nameof(texts));
            }

            if (!builder.TryAdd(language, text))
            {
                throw new ArgumentException($"The language '{language}' is given twice.", nameof(texts));
            }
        }

        return builder.Count > 0 ? new LocalizedText(builder.ToImmutable()) : throw new ArgumentException("A localized text needs at least one language.", nameof(texts));
    }

    /// <summary>One text for every language (the same as <see cref="LocalizedText(string)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    [return: NotNullIfNotNull(nameof(text))]
    public static implicit operator LocalizedText?(string? text) => text is null ? null : new LocalizedText(text);

    /// <summary>
    /// This text with <paramref name="text"/> for <paramref name="language"/> added or replaced. A text that was the same
    /// in every language keeps that text as English (<c>en</c>) unless <paramref name="language"/> is English.
    /// </summary>
    /// <exception cref="ArgumentException">A tag .NET does not know or a blank text.</exception>
    public LocalizedText WithText(string language, string text)
    {
        if (CheckLanguage(language) is { } problem)
        {
            throw new ArgumentException(problem, nameof(language));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var texts = _texts;
        if (IsSameInEveryLanguage)
        {
            texts = texts.Remove(EveryLanguage).Add("en", _texts[EveryLanguage]);
        }

        return new LocalizedText(texts.SetItem(language, text));
    }

    /// <summary>
    /// The text for <paramref name="culture"/>: the culture's own tag, then its parents' (<c>vi-VN</c>, <c>vi</c>), then
    /// English, then the first text in ordinal order of the tags. Never null.
    /// </summary>
    public string Get(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (_texts.TryGetValue(EveryLanguage, out var same))
        {
            return same;
        }

        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_texts.TryGetValue(c.Name, out var text))
            {
                return text;
            }
        }

        return _texts.TryGetValue("en", out var english) ? english : _texts.First().Value;
    }

    /// <summary>The text for <see cref="CultureInfo.CurrentUICulture"/> (<see cref="Get(CultureInfo)"/>).</summary>
    public override string ToString() => Get(CultureInfo.CurrentUICulture);

    /// <summary>
    /// Reads a text from JSON: a non-blank string, or an object of language tags to non-blank strings. On failure,
    /// <paramref name="problem"/> says what is wrong at <paramref name="path"/> (the JSON path of
    /// <paramref name="element"/>), or at <c>path.tag</c> for a bad entry.
    /// </summary>
    /// <param name="element">The value.</param>
    /// <param name="path">Its JSON path, e.g. <c>$.segments[3].name</c>.</param>
    /// <param name="maxLength">The longest text allowed in any language, in UTF-16 code units.</param>
    /// <param name="text">The text read.</param>
    /// <param name="problem">What is wrong, when false is returned.</param>
    public static bool TryReadJson(JsonElement element, string path, int maxLength, [NotNullWhen(true)] out LocalizedText? text, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        text = null;
        problem = null;
        if (element.ValueKind == JsonValueKind.String)
        {
            var value = element.GetString()!;
            problem = CheckText(value, path, maxLength, element);
            text = problem is null ? new LocalizedText(value) : null;
            return problem is null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = new Problem(path, $"expected a text or an object of texts by language ({{\"vi\": \"…\", \"en\": \"…\"}}), found {Shown(element)}.");
            return false;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in element.EnumerateObject())
        {
            var at = $"{path}.{p.Name}";
            if (CheckLanguage(p.Name) is { } bad)
            {
                problem = new Problem(at, bad);
                return false;
            }

            if (p.Value.ValueKind != JsonValueKind.String)
            {
                problem = new Problem(at, $"expected a text, found {Shown(p.Value)}.");
                return false;
            }

            var value = p.Value.GetString()!;
            if (CheckText(value, at, maxLength, p.Value) is { } wrong)
            {
                problem = wrong;
                return false;
            }

            if (!builder.TryAdd(p.Name, value))
            {
                problem = new Problem(at, $"the language '{p.Name}' is given twice.");
                return false;
            }
        }

        if (builder.Count == 0)
        {
            problem = new Problem(path, "expected at least one language, e.g. {\"vi\": \"…\", \"en\": \"…\"}.");
            return false;
        }

        text = new LocalizedText(builder.ToImmutable());
        return true;
    }

    /// <summary>Writes the text as JSON: a string when it is the same in every language, else an object of texts by language tag in ordinal order.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_texts.TryGetValue(EveryLanguage, out var same))
        {
            writer.WriteStringValue(same);
            return;
        }

        writer.WriteStartObject();
        foreach (var (language, text) in _texts)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }

    /// <summary>Equal when both have the same texts for the same language tags (tags compared ignoring case, texts ordinally).</summary>
    public bool Equals(LocalizedText? other)
        => other is not null && _texts.Count == other._texts.Count
           && _texts.All(t => other._texts.TryGetValue(t.Key, out var o) && string.Equals(t.Value, o, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (language, text) in _texts)
        {
            hash.Add(language, StringComparer.OrdinalIgnoreCase);
            hash.Add(text, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Equality of texts (<see cref="Equals(LocalizedText?)"/>).</summary>
    public static bool operator ==(LocalizedText? left, LocalizedText? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of texts.</summary>
    public static bool operator !=(LocalizedText? left, LocalizedText? right) => !(left == right);

    private static string? CheckLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return "expected a language tag such as \"vi\", \"en\" or \"vi-VN\", found an empty one.";
        }

        try
        {
            return CultureInfo.GetCultureInfo(language, predefinedOnly: true).Name.Length == 0
                ? $"'{Guard.EscapeControls(language)}' is not a language tag; use one such as \"vi\", \"en\" or \"vi-VN\"."
                : null;
        }
        catch (CultureNotFoundException)
        {
            return $"'{Guard.EscapeControls(language)}' is not a language tag .NET knows; use one such as \"vi\", \"en\" or \"vi-VN\".";
        }
    }

    private static Problem? CheckText(string value, string path, int maxLength, JsonElement element)
        => string.IsNullOrWhiteSpace(value) ? new Problem(path, $"expected a non-blank text, found {Shown(element)}.")
            : value.Length > maxLength ? new Problem(path, string.Create(CultureInfo.InvariantCulture, $"expected a text of at most {maxLength:N0} characters, found {value.Length:N0}."))
            : null;

    private static string Shown(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "…";
    }
}
