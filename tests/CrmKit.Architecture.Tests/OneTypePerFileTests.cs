using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrmKit.Architecture.Tests;

/// <summary>
/// Each public top-level type lives in a file of its name (<c>Type.cs</c>, or <c>Type.Part.cs</c> for a part of a
/// partial type), and no file declares two: the reader finds a type by its name (NodaTime: 2 of 88 files break it).
/// </summary>
public class OneTypePerFileTests
{
    [Fact]
    public void PublicTopLevelTypes_InSrc_EachInAFileOfItsName()
    {
        var problems = Problems(Shipped.SourceFiles()).ToList();

        Assert.True(problems.Count == 0, "Public top-level types not in a file of their name:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ExportedTypes_OfShippedAssemblies_EachHaveAFileOfTheirName()
    {
        var declared = Shipped.SourceFiles().SelectMany(f => PublicTopLevelTypes(f.Text).Select(t => t.Name)).ToHashSet(StringComparer.Ordinal);
        var missing = Shipped.Assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsNested)
            .Select(t => t.Name.Split('`')[0])
            .Where(n => !declared.Contains(n))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "Exported types the source scan does not see (a scan that misses types would pass vacuously): " + string.Join(", ", missing));
    }

    /// <summary>The rule fails on a file that breaks it (guards the scan against passing vacuously).</summary>
    [Fact]
    public void Problems_TwoTypesInAFile_Reported()
    {
        var broken = ("src/CrmKit.Customers/Order.cs", "namespace CrmKit.Customers;\npublic sealed record Order;\npublic sealed record OrderLine;\ninternal sealed class Hidden;\n");
        var partial = ("src/CrmKit.CareProcess/ProcessDefinition.Validation.cs", "namespace CrmKit.CareProcess;\npublic sealed partial class ProcessDefinition;\n");

        Assert.Equal(["src/CrmKit.Customers/Order.cs:3: public type OrderLine is in a file named Order.cs"], Problems([broken, partial]));
    }

    internal static IEnumerable<string> Problems(IEnumerable<(string Path, string Text)> files)
    {
        foreach (var (path, text) in files)
        {
            var stem = Path.GetFileNameWithoutExtension(path).Split('.')[0];
            foreach (var (name, line) in PublicTopLevelTypes(text))
            {
                if (!string.Equals(name, stem, StringComparison.Ordinal))
                {
                    yield return $"{path}:{line}: public type {name} is in a file named {Path.GetFileName(path)}";
                }
            }
        }
    }

    internal static IEnumerable<(string Name, int Line)> PublicTopLevelTypes(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetCompilationUnitRoot();
        var members = root.Members.SelectMany(m => m is BaseNamespaceDeclarationSyntax ns ? ns.Members : [m]);
        foreach (var member in members)
        {
            if (member is (BaseTypeDeclarationSyntax or DelegateDeclarationSyntax) && member.Modifiers.Any(SyntaxKind.PublicKeyword))
            {
                var name = member switch
                {
                    BaseTypeDeclarationSyntax t => t.Identifier.Text,
                    DelegateDeclarationSyntax d => d.Identifier.Text,
                    _ => throw new System.Diagnostics.UnreachableException(),
                };
                yield return (name, member.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
            }
        }
    }
}
