namespace CrmKit.Architecture.Tests;

/// <summary>
/// The domain packages (Customers, Segmentation, CareProcess, Clv, Review) reference no database, hosting or web
/// package — neither in their project files nor in their compiled references — so a host that uses only the models
/// pulls in none of it.
/// </summary>
public class PurePackageTests
{
    /// <summary>Name prefixes of the I/O-heavy and hosting packages and assemblies.</summary>
    internal static readonly string[] Forbidden =
    [
        "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Extensions.Hosting", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection",
        "CrmKit.EntityFrameworkCore", "CrmKit.Extensions.DependencyInjection", "CrmKit.Engine", "CrmKit.Cli",
    ];

    [Fact]
    public void PurePackages_ProjectFiles_ReferenceNoIoOrHosting()
    {
        var problems = Shipped.Pure.SelectMany(p => Problems(p, Shipped.References(p))).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void PurePackages_CompiledReferences_NoIoOrHosting()
    {
        var pure = Shipped.Assemblies.Where(a => Shipped.Pure.Contains(a.GetName().Name)).ToList();
        var problems = pure.SelectMany(a => Problems(a.GetName().Name!, a.GetReferencedAssemblies().Select(r => r.Name!))).ToList();

        Assert.Equal(Shipped.Pure.Length, pure.Count);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Problems_ADatabaseReference_Reported()
    {
        Assert.Equal(["CrmKit.Clv references Npgsql.EntityFrameworkCore.PostgreSQL"], Problems("CrmKit.Clv", ["NodaTime", "Npgsql.EntityFrameworkCore.PostgreSQL"]));
    }

    internal static IEnumerable<string> Problems(string package, IEnumerable<string> references)
        => references.Where(r => Forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)))
            .Select(r => $"{package} references {r}");
}
