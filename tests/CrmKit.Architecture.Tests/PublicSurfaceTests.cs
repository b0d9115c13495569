using System.Reflection;
using System.Text.RegularExpressions;

namespace CrmKit.Architecture.Tests;

/// <summary>
/// Keeps the public-surface review of issue 20 (docs/api-review.md, "Public surface review") true: every public type of
/// every shipped package is named in its package's table with a decision, a type the table calls internal is not
/// public, a type it calls public exists, and the package's public type count is the one the review states. Adding a
/// public type therefore fails here until the review names it and says why a host needs it.
/// </summary>
public class PublicSurfaceTests
{
    /// <summary>The shipped packages reviewed: the architecture set plus the engine's PostgreSQL store.</summary>
    private static readonly Assembly[] Packages = [.. Shipped.Assemblies, typeof(Engine.EntityFrameworkCore.PostgresEngineStore).Assembly];

    [Fact]
    public void PublicTypes_OfEveryShippedPackage_HaveADecisionInTheReview()
    {
        var review = File.ReadAllText(RepositoryRoot.Path("docs", "api-review.md"));

        var problems = Packages.SelectMany(a => Problems(review, a.GetName().Name!, PublicTypeNames(a), ApiLines(a.GetName().Name!))).ToList();

        Assert.True(problems.Count == 0, "docs/api-review.md does not match the public types:\n" + string.Join("\n", problems));
    }

    /// <summary>The check fails on each kind of drift, word for word.</summary>
    [Fact]
    public void Problems_DriftOfEachKind_Reported()
    {
        const string Review = """
            ## Public surface review
            ### CrmKit.Sample
            Size: `PublicAPI.Unshipped.txt` 10 → 8 lines, public types 3 → 3.

            | Types | Decision | Why |
            |---|---|---|
            | `Widget`, `Gone` | **public** — a host builds it | … |
            | `*Event` | **public** — a host reads them | … |
            | `Helper` | **internal** | plumbing |
            ### CrmKit.Other
            """;

        Assert.Equal(
            [
                "CrmKit.Sample: `Gone` is named as public but is not a public type (made internal or removed? move it to an internal row or drop it).",
                "CrmKit.Sample: `Helper` is public but the review decides internal.",
                "CrmKit.Sample: `Models.Fresh` is public but has no decision in the review's table.",
                "CrmKit.Sample: 5 public types, the review states 3 (update its Size line).",
                "CrmKit.Sample: PublicAPI.Unshipped.txt has 9 lines, the review states 8 (update its Size line).",
            ],
            Problems(Review, "CrmKit.Sample", ["Widget", "OrderEvent", "ClickEvent", "Helper", "Models.Fresh"], apiLines: 9));
        Assert.Empty(Problems(Review, "CrmKit.Sample", ["Widget", "Gone", "OrderEvent"], apiLines: 8));
        Assert.Empty(Problems(Review, "CrmKit.Sample", ["Widget", "Gone", "OrderEvent"]));
        Assert.Equal(["CrmKit.Missing: no section \"### CrmKit.Missing\" under \"## Public surface review\"."], Problems(Review, "CrmKit.Missing", []));
    }

    /// <summary>The exported types of a package, named relative to its root namespace (<c>Identity.MergeResult</c>, <c>FitResult</c>, <c>Outer.Inner</c>).</summary>
    internal static IReadOnlyList<string> PublicTypeNames(Assembly assembly)
    {
        var root = assembly.GetName().Name! + ".";
        return [.. assembly.GetExportedTypes()
            .Select(t => t.FullName!)
            .Select(n => n.StartsWith(root, StringComparison.Ordinal) ? n[root.Length..] : n)
            .Select(n => Regex.Replace(n, "`[0-9]+", string.Empty).Replace('+', '.'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The number of lines of the package's <c>PublicAPI.Unshipped.txt</c> (as <c>wc -l</c> counts them).</summary>
    private static int ApiLines(string package)
        => File.ReadAllText(RepositoryRoot.Path("src", package, "PublicAPI.Unshipped.txt")).Count(c => c == '\n');

    /// <summary>Where the package's section of the review disagrees with its public types (and, when given, its PublicAPI line count).</summary>
    internal static IReadOnlyList<string> Problems(string review, string package, IReadOnlyList<string> publicTypes, int? apiLines = null)
    {
        var lines = review.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var surface = lines.FindIndex(l => l.Trim() == "## Public surface review");
        var start = surface < 0 ? -1 : lines.FindIndex(surface, l => l.Trim() == "### " + package);
        if (start < 0)
        {
            return [$"{package}: no section \"### {package}\" under \"## Public surface review\"."];
        }

        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("### ", StringComparison.Ordinal));
        var section = lines.GetRange(start + 1, (end < 0 ? lines.Count : end) - start - 1);
        var rows = section
            .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal) && !l.StartsWith("| Types", StringComparison.Ordinal))
            .Select(l => l.Split('|'))
            .Where(cells => cells.Length > 3)
            .Select(cells => (Names: Regex.Matches(cells[1], "`([^`]+)`").Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]*>", string.Empty)).ToList(),
                Internal: cells[2].TrimStart(' ', '*').StartsWith("internal", StringComparison.OrdinalIgnoreCase)))
            .ToList();

        var problems = new List<string>();
        foreach (var (names, isInternal) in rows.Where(r => !r.Internal))
        {
            problems.AddRange(names.Where(n => !n.Contains('*', StringComparison.Ordinal) && !publicTypes.Contains(n))
                .Select(n => $"{package}: `{n}` is named as public but is not a public type (made internal or removed? move it to an internal row or drop it)."));
        }

        foreach (var type in publicTypes)
        {
            if (rows.Any(r => !r.Internal && r.Names.Any(n => Matches(n, type))))
            {
                continue;
            }

            problems.Add(rows.Any(r => r.Internal && r.Names.Any(n => Matches(n, type)))
                ? $"{package}: `{type}` is public but the review decides internal."
                : $"{package}: `{type}` is public but has no decision in the review's table.");
        }

        var size = section.Select(l => Regex.Match(l, @"public types [0-9]+ → ([0-9]+)")).FirstOrDefault(m => m.Success);
        if (size is null)
        {
            problems.Add($"{package}: no \"public types N → M\" in the Size line.");
        }
        else if (int.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != publicTypes.Count)
        {
            problems.Add($"{package}: {publicTypes.Count} public types, the review states {size.Groups[1].Value} (update its Size line).");
        }

        var lineCount = section.Select(l => Regex.Match(l, @"`PublicAPI\.Unshipped\.txt` [0-9]+ → ([0-9]+) lines")).FirstOrDefault(m => m.Success);
        if (apiLines is { } actual && lineCount is not null && int.Parse(lineCount.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != actual)
        {
            problems.Add($"{package}: PublicAPI.Unshipped.txt has {actual} lines, the review states {lineCount.Groups[1].Value} (update its Size line).");
        }

        return problems;
    }

    /// <summary>A name, or a pattern with <c>*</c> for a family (<c>*Event</c>, <c>Import.*Columns</c>).</summary>
    private static bool Matches(string name, string type)
        => name.Contains('*', StringComparison.Ordinal)
            ? Regex.IsMatch(type, "^" + Regex.Escape(name).Replace(@"\*", "[A-Za-z0-9_.]*", StringComparison.Ordinal) + "$")
            : name == type;
}
