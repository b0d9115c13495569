using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmKit.Customers.Tests.Architecture;

/// <summary>
/// Issue 20: no shipped package sees another's internals. Packages are versioned apart, so a host that pins
/// CrmKit.Customers 1.0 and CrmKit.Segmentation 1.1 would fail with <see cref="MissingMethodException"/> the moment
/// one used an internal member the other no longer has. Only test and benchmark projects may be granted access.
/// </summary>
public sealed partial class InternalsVisibleToTests
{
    /// <summary>
    /// Grants whose removal is another engineer's item of issue 20 (arch-clv: a public <c>RfmSummary</c> factory
    /// replaces CrmKit.Clv's grant to CrmKit.EntityFrameworkCore). Delete the entry when that lands; nothing else may be added.
    /// </summary>
    private static readonly HashSet<(string From, string To)> BeingRemoved = [("CrmKit.Clv", "CrmKit.EntityFrameworkCore")];

    [Fact]
    public void ShippedProjects_GrantNoInternalsToAnotherShippedProject()
    {
        var shipped = ShippedProjects();
        var grants = shipped.SelectMany(p => GrantsOf(p.Folder).Select(to => (From: p.Name, To: to))).ToList();

        // Guard against a scan that finds nothing: every project sees its own test project (Directory.Build.props)
        // and the CLI names its tests and benchmarks in its project file.
        Assert.True(shipped.Count >= 9, $"found only {shipped.Count} projects under src/");
        Assert.Contains(("CrmKit.Cli", "CrmKit.Benchmarks"), grants);

        var names = shipped.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Empty(grants.Where(g => names.Contains(g.To) && !BeingRemoved.Contains(g)).Select(g => $"{g.From} grants InternalsVisibleTo to {g.To}"));
    }

    [Fact]
    public void CustomersAssembly_IsVisibleOnlyToItsTests()
        => Assert.Equal(
            ["CrmKit.Customers.Tests"],
            typeof(Customer).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).Order(StringComparer.Ordinal));

    [Fact]
    public void GrantsOf_FindsProjectItemsAndAssemblyAttributes()
    {
        using var folder = new TemporaryFolder("crmkit-ivt-");
        File.WriteAllText(Path.Combine(folder.Path, "X.csproj"), """<Project><ItemGroup><InternalsVisibleTo Include="CrmKit.Engine" /></ItemGroup></Project>""");
        Directory.CreateDirectory(Path.Combine(folder.Path, "Sub"));
        File.WriteAllText(Path.Combine(folder.Path, "Sub", "A.cs"), """[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CrmKit.Review")]""");

        Assert.Equal(["CrmKit.Engine", "CrmKit.Review"], GrantsOf(folder.Path).Order(StringComparer.Ordinal));
    }

    /// <summary>Every project under src/ is shipped: the libraries as packages, CrmKit.Cli as a .NET tool.</summary>
    private static List<(string Name, string Folder)> ShippedProjects()
        => [.. Directory.GetDirectories(RepositoryRoot.Path("src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(d => (Path.GetFileName(d), d))];

    /// <summary>The assemblies a project grants access to: InternalsVisibleTo items of its project file and <c>[assembly: InternalsVisibleTo]</c> in its sources.</summary>
    private static IEnumerable<string> GrantsOf(string folder)
    {
        foreach (var project in Directory.GetFiles(folder, "*.csproj"))
        {
            foreach (var item in XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "InternalsVisibleTo"))
            {
                yield return (string?)item.Attribute("Include") ?? string.Empty;
            }
        }

        foreach (var source in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in AssemblyAttribute().Matches(File.ReadAllText(source)))
            {
                yield return match.Groups[1].Value.Split(',')[0].Trim();
            }
        }
    }

    [GeneratedRegex("""\[\s*assembly\s*:\s*(?:System\.Runtime\.CompilerServices\.)?InternalsVisibleTo(?:Attribute)?\s*\(\s*"([^"]+)"\s*\)""")]
    private static partial Regex AssemblyAttribute();
}
