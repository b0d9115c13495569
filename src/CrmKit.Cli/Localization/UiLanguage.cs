using System.Globalization;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The language the tool speaks to its user: Vietnamese (<c>vi</c>) or English (<c>en</c>). Chosen, in order, by
/// <c>--lang</c>, the <c>CRMKIT_LANG</c> environment variable, and the current UI culture (<c>vi-*</c> → Vietnamese,
/// any other → English). Applied for one invocation as <see cref="CultureInfo.CurrentUICulture"/>, which selects the
/// resources of <see cref="Strings"/> and the formats of <see cref="Display"/>; machine-readable output (JSON, CSV)
/// stays culture-invariant whatever the language.
/// </summary>
internal sealed class UiLanguage
{
    /// <summary>The environment variable that overrides the culture's language when <c>--lang</c> is absent.</summary>
    public const string EnvironmentVariable = "CRMKIT_LANG";

    /// <summary>The option that chooses the language, accepted by every command.</summary>
    public const string OptionName = "--lang";

    private UiLanguage(string code, CultureInfo culture)
    {
        Code = code;
        Culture = culture;
    }

    /// <summary>Vietnamese, formatted as in Vietnam (vi-VN: <c>1.114.829.000 ₫</c>, <c>31/10/2026</c>).</summary>
    public static UiLanguage Vietnamese { get; } = new("vi", CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>English, with the tool's historical formats (<c>1,114,829,000 VND</c>, <c>2026-10-31</c>).</summary>
    public static UiLanguage English { get; } = new("en", CultureInfo.GetCultureInfo("en"));

    /// <summary>The languages, by code.</summary>
    public static IReadOnlyList<UiLanguage> All { get; } = [Vietnamese, English];

    /// <summary>The two-letter code: <c>vi</c> or <c>en</c>.</summary>
    public string Code { get; }

    /// <summary>The UI culture the invocation runs under.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The language of the current invocation (from <see cref="CultureInfo.CurrentUICulture"/>).</summary>
    public static UiLanguage Current
        => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi" ? Vietnamese : English;

    /// <summary>The language named by <paramref name="code"/> (<c>vi</c>, <c>en</c>, any case, or a culture such as <c>vi-VN</c>), or null.</summary>
    public static UiLanguage? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var trimmed = code.Trim();
        var language = trimmed.Split('-', '_')[0];
        return All.FirstOrDefault(l => string.Equals(l.Code, language, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The language for <paramref name="args"/>: the value of <c>--lang</c> (<c>--lang vi</c> or <c>--lang=vi</c>), else
    /// <paramref name="environment"/>'s <c>CRMKIT_LANG</c>, else <paramref name="culture"/>'s language. An unknown
    /// value of either is returned as <paramref name="unknown"/> (the command line reports it) and English is used.
    /// </summary>
    public static UiLanguage Resolve(IReadOnlyList<string> args, Func<string, string?> environment, CultureInfo culture, out string? unknown)
    {
        unknown = null;
        string? given = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                break;
            }

            if (args[i] == OptionName && i + 1 < args.Count)
            {
                given = args[i + 1];
            }
            else if (args[i].StartsWith(OptionName + "=", StringComparison.Ordinal))
            {
                given = args[i][(OptionName.Length + 1)..];
            }
        }

        given ??= environment(EnvironmentVariable);
        if (given is not null)
        {
            if (Find(given) is { } chosen)
            {
                return chosen;
            }

            unknown = given;
            return English;
        }

        return culture.TwoLetterISOLanguageName == "vi" ? Vietnamese : English;
    }

    /// <summary>Runs <paramref name="action"/> with this language as the current UI culture, restoring the previous one after.</summary>
    public T Apply<T>(Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
