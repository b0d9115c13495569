using System.Reflection;
using System.Xml.Linq;

namespace CrmKit.Architecture.Tests;

/// <summary>The shipped packages (every library under src/ but the tools) and their sources.</summary>
internal static class Shipped
{
    /// <summary>One assembly per shipped package, loaded through a type of each.</summary>
    public static readonly Assembly[] Assemblies =
    [
        typeof(Customers.Customer).Assembly,
        typeof(Segmentation.Segment).Assembly,
        typeof(CareProcess.CareAgenda).Assembly,
        typeof(Clv.Models.ValueAnalysis).Assembly,
        typeof(Review.ReviewFigures).Assembly,
        typeof(Engine.CareEngine).Assembly,
        typeof(EntityFrameworkCore.CrmKitDbContext).Assembly,
        typeof(Engine.EntityFrameworkCore.PostgresEngineStore).Assembly,
        typeof(Extensions.DependencyInjection.CrmKitBuilder).Assembly,
    ];

    /// <summary>The domain packages that must stay pure: no database, no host, no web framework.</summary>
    public static readonly string[] Pure = ["CrmKit.Customers", "CrmKit.Segmentation", "CrmKit.CareProcess", "CrmKit.Clv", "CrmKit.Review"];

    /// <summary>Every C# file under src/ (no build output), with its path relative to the repository root.</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles()
        => Directory.EnumerateFiles(RepositoryRoot.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (System.IO.Path.GetRelativePath(RepositoryRoot.Path(), f).Replace('\\', '/'), File.ReadAllText(f)));

    /// <summary>The package and project references of a project under src/.</summary>
    public static IEnumerable<string> References(string project)
    {
        var file = RepositoryRoot.Path("src", project, project + ".csproj");
        return XDocument.Load(file).Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference")
            .Select(e => System.IO.Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')));
    }
}
