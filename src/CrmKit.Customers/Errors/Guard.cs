using System.Buffers;
using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>Argument checks shared by the model types; every failure is an <see cref="InvalidValueException"/>.</summary>
internal static class Guard
{
    // The C0 controls, DEL and the C1 controls: no text a person typed holds them (a NUL ends strings in C and
    // PostgreSQL, an ESC drives terminals). Tab and line breaks are text in free-text fields, not in identifiers.
    private static readonly SearchValues<char> ControlsAndLineBreaks = SearchValues.Create(Controls(lineBreaks: true));

    private static readonly SearchValues<char> ControlsButLineBreaks = SearchValues.Create(Controls(lineBreaks: false));

    private static string Controls(bool lineBreaks)
        => string.Concat(Enumerable.Range(0, 0x20).Concat([0x7F]).Concat(Enumerable.Range(0x80, 0x20))
            .Select(c => (char)c).Where(c => lineBreaks || c is not ('\t' or '\n' or '\r')));

    /// <summary>The index of the first control character (tab and line breaks allowed unless <paramref name="allowLineBreaks"/> is false), or -1.</summary>
    /// <remarks>
    /// Every character of both sets lies in U+0000–U+001F or U+007F–U+009F: two vectorised range scans clear the usual
    /// text first. The set search alone takes a per-character path over non-ASCII text such as Vietnamese names (its
    /// C1 members are not ASCII), and every cell of an import passes here.
    /// </remarks>
    public static int ControlAt(ReadOnlySpan<char> text, bool allowLineBreaks = true)
        => text.ContainsAnyInRange('\u0000', '\u001F') || text.ContainsAnyInRange('\u007F', '\u009F')
            ? text.IndexOfAny(allowLineBreaks ? ControlsButLineBreaks : ControlsAndLineBreaks)
            : -1;

    /// <summary>Describes the control character at an index: "the control character U+0000 at character 5".</summary>
    public static string DescribeControl(ReadOnlySpan<char> text, int at) => $"the control character U+{(int)text[at]:X4} at character {at + 1}";

    /// <summary>The text with every control character, line breaks included, written as <c>\uXXXX</c>.</summary>
    public static string EscapeControls(string text)
    {
        if (ControlAt(text, allowLineBreaks: false) < 0)
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c < ' ' || c is >= '\u007F' and <= '\u009F')
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    public static string NotBlank(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidValueException(field, "must not be empty.");
        }

        return NoControls(value.Trim(), field);
    }

    public static string? TrimToNull(string? value, string field = "text") => string.IsNullOrWhiteSpace(value) ? null : NoControls(value.Trim(), field);

    public static string NoControls(string value, string field, bool allowLineBreaks = true)
        => ControlAt(value, allowLineBreaks) is var at and >= 0 ? throw new InvalidValueException(field, $"holds {DescribeControl(value, at)}.") : value;

    public static int InRange(int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            throw new InvalidValueException(field, $"{value} is outside {min}..{max}.");
        }

        return value;
    }

    public static T Defined<T>(T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidValueException(field, $"{value} is not a defined {typeof(T).Name}.");
        }

        return value;
    }

    public static T? Defined<T>(T? value, string field)
        where T : struct, Enum
        => value is { } v ? Defined(v, field) : null;

    public static TId Set<TId>(TId id, string field)
        where TId : struct, IIdentifier<TId>
    {
        if (id.Value is null)
        {
            throw new InvalidValueException(field, $"is the default {typeof(TId).Name}, which identifies nothing.");
        }

        return id;
    }

    public static Instant Time(Instant value, string field)
        => DataLimits.Contains(value) ? value : throw new InvalidValueException(field, $"{value} is outside the instants CrmKit records ({DataLimits.InstantRange}).");

    public static Instant? Time(Instant? value, string field) => value is { } v ? Time(v, field) : null;

    public static LocalDate? Date(LocalDate? value, string field)
        => value is not { } v || DataLimits.Contains(v) ? value : throw new InvalidValueException(field, $"{v:uuuu-MM-dd} is outside the dates CrmKit records ({DataLimits.DateRange}).");

    public static Money Amount(Money value, string field)
        => DataLimits.Contains(value.Amount) ? value : throw new InvalidValueException(field, $"{value} is beyond the largest amount CrmKit records ({DataLimits.AmountRange}).");

    public static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> value) => value.IsDefault ? [] : value;
}
