using System.CommandLine;
using System.Reflection;
using CrmKit.Cli.Localization;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>
/// <c>crmkit docs [page]</c>: the project's documentation pages (the repository's <c>docs/*.md</c>, embedded in the tool
/// when it is built), so that an installed tool, which has no <c>docs</c> folder beside it, can show the page its
/// messages name. Without a page, the list of pages with their titles; with one, its Markdown text.
/// </summary>
internal static class DocsCommand
{
    private const string Prefix = "docs/";

    /// <summary>The embedded pages by name (<c>importing</c> for <c>docs/importing.md</c>), in name order.</summary>
    internal static IReadOnlyList<string> Pages { get; } = [.. typeof(DocsCommand).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".md".Length])
        .Order(StringComparer.Ordinal)];

    internal static Command Build(TextWriter output, TextWriter error)
    {
        var page = new Argument<string>(CrmKitCommandLine.ArgumentName("page")) { Description = Strings.HelpDocsPage, Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("docs", Strings.HelpDocsCommand) { page };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(page) is not { } name)
            {
                foreach (var p in Pages)
                {
                    output.WriteLine($"{p,-22} {Title(Text(p))}");
                }

                output.WriteLine();
                output.WriteLine(Strings.DocsUsage);
                return CrmKitCommandLine.Success;
            }

            var wanted = Normalise(name);
            if (!Pages.Contains(wanted, StringComparer.Ordinal))
            {
                var nearest = NearestNames.Of(wanted, Pages);
                error.WriteLine($"crmkit: {Display.Format(Strings.ErrorUnknownDocsPage, name, nearest.Count == 0 ? string.Join(", ", Pages) : string.Join(", ", nearest))}");
                return CrmKitCommandLine.Usage;
            }

            output.Write(Text(wanted));
            return CrmKitCommandLine.Success;
        });
        return command;
    }

    /// <summary>A page named as a user may write it: <c>importing</c>, <c>importing.md</c>, <c>docs/importing.md</c>, any case.</summary>
    internal static string Normalise(string name)
    {
        var n = name.Trim().Replace('\\', '/').ToLowerInvariant();
        n = n.StartsWith(Prefix, StringComparison.Ordinal) ? n[Prefix.Length..] : n;
        return n.EndsWith(".md", StringComparison.Ordinal) ? n[..^".md".Length] : n;
    }

    /// <summary>The Markdown text of an embedded page.</summary>
    internal static string Text(string page)
    {
        using var stream = typeof(DocsCommand).Assembly.GetManifestResourceStream(Prefix + page + ".md")
            ?? throw new InvalidOperationException($"No embedded page '{page}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The first "# " heading, without the Markdown marks a title may carry (`code`).
    private static string Title(string markdown)
        => markdown.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim().Replace("`", string.Empty, StringComparison.Ordinal) ?? string.Empty;
}
