using System.Text.RegularExpressions;
using CrmKit.Cli.Localization;

namespace CrmKit.Cli;

/// <summary>
/// A mapping file's problems (<c>ImportMapping.Load</c>: "3 problems:" then one <c>$.path: message</c> per line, the
/// library's invariant English) in the invocation's language. A message of a shape not listed here keeps its English
/// text after its JSON path.
/// </summary>
internal static partial class MappingProblemText
{
    /// <summary>The problems in the invocation's language; <paramref name="reason"/> itself in English.</summary>
    public static string Translate(string reason)
    {
        if (UiLanguage.Current == UiLanguage.English)
        {
            return reason;
        }

        var lines = reason.ReplaceLineEndings("\n").Split('\n');
        return string.Join(Environment.NewLine, lines.Select(Line));
    }

    private static string Line(string line)
    {
        if (CountPattern().Match(line) is { Success: true } count)
        {
            var n = int.Parse(count.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return Display.Plural(n, Strings.MapProblemsOne, Strings.MapProblems, n);
        }

        return ProblemPattern().Match(line) is { Success: true } problem
            ? $"{problem.Groups["indent"].Value}{problem.Groups["path"].Value}: {Message(problem.Groups["message"].Value)}"
            : line;
    }

    private static string Message(string message)
    {
        string Nearest(Group hint) => hint.Success ? Display.Format(Strings.ErrorNearestKnown, hint.Value) : string.Empty;

        if (UnknownKeyPattern().Match(message) is { Success: true } key)
        {
            return Display.Format(Strings.MapProblemUnknownKey, Nearest(key.Groups["nearest"]), key.Groups["keys"].Value);
        }

        if (NotAFieldPattern().Match(message) is { Success: true } field)
        {
            return Display.Format(Strings.MapProblemNotAField, field.Groups["name"].Value, field.Groups["file"].Value, Nearest(field.Groups["nearest"]), field.Groups["fields"].Value);
        }

        if (NotAValueFieldPattern().Match(message) is { Success: true } valueField)
        {
            return Display.Format(Strings.MapProblemNotAValueField, valueField.Groups["name"].Value, valueField.Groups["file"].Value);
        }

        if (NotOneOfPattern().Match(message) is { Success: true } oneOf)
        {
            return Display.Format(Strings.MapProblemNotOneOf, oneOf.Groups["value"].Value, oneOf.Groups["names"].Value);
        }

        if (AlreadyMappedPattern().Match(message) is { Success: true } mapped)
        {
            return Display.Format(Strings.MapProblemAlreadyMapped, mapped.Groups["earlier"].Value);
        }

        return message switch
        {
            "only the orders file has this setting." => Strings.MapProblemOrdersOnly,
            "expected a column name or a list of column names." => Strings.MapProblemColumnNames,
            _ => message,
        };
    }

    [GeneratedRegex(@"^(?<count>\d+) problems:$", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^(?<indent>\s*)(?<path>\$[^:]*): (?<message>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemPattern();

    [GeneratedRegex(@"^unknown key(?: \(nearest known: (?<nearest>[^)]*)\))?; the keys here are: (?<keys>.*)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownKeyPattern();

    [GeneratedRegex(@"^'(?<name>[^']*)' is not a field of the (?<file>\w+) file(?: \(nearest known: (?<nearest>[^)]*)\))?; the fields are: (?<fields>.*)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex NotAFieldPattern();

    [GeneratedRegex(@"^'(?<name>[^']*)' is not a field with a fixed set of values in the (?<file>\w+) file\.$", RegexOptions.CultureInvariant)]
    private static partial Regex NotAValueFieldPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' is not one of: (?<names>.*)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex NotOneOfPattern();

    [GeneratedRegex(@"^the value is already mapped to '(?<earlier>[^']*)' \(values are matched ignoring case and spaces\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex AlreadyMappedPattern();
}
