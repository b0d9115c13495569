using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrmKit.Architecture.Tests;

/// <summary>
/// A switch over a CrmKit enum has no silent fallback: its <c>default:</c> or <c>_ =&gt;</c> branch throws
/// <see cref="System.Diagnostics.UnreachableException"/>, so a new enum member that nobody handled fails at test time
/// instead of going down another member's path (issue 20: <c>RuleInterpreter.cs:161</c>, <c>ValueAnalysis.cs:100</c>).
/// </summary>
/// <remarks>
/// A syntax scan, not a semantic one: a switch counts as over a CrmKit enum when one of its labels or arms names a
/// member of an enum declared under src/ (<c>case CountModelKind.BetaGeo:</c>, <c>AgendaStatus.Due =&gt;</c>). A switch
/// written only with <c>when</c> guards or on a variable of the enum without naming members is not seen.
/// </remarks>
public class EnumSwitchTests
{
    /// <summary>
    /// The fallbacks left (issue 20 counts them), as "file: 'label' over Enum ×count" — by file name, not path or line,
    /// so feature-folder moves and edits elsewhere in a file do not disturb it. Each is owned by the engineer
    /// restructuring its package (issue 20); most are predicates or name maps where the other members share one answer,
    /// which an exhaustive switch with UnreachableException states explicitly. The test fails when a fallback is added
    /// and when one listed here is gone (then lower or delete its line), so the list can only shrink.
    /// </summary>
    internal static readonly string[] KnownFallbacks =
    [
        "SegmentSqlWriter.cs: '_ =>' over FieldKind ×2",   // CrmKit.EntityFrameworkCore (SQL translation: to make exhaustive)
        "SegmentSqlWriter.cs: '_ =>' over ComparisonOperator ×5",   // CrmKit.EntityFrameworkCore (SQL translation: to make exhaustive)
        "SegmentSqlWriter.cs: '_ =>' over AttributeKind ×2",   // CrmKit.EntityFrameworkCore (SQL translation: to make exhaustive)
        "RuleCompiler.cs: '_ =>' over ComparisonOperator ×1",   // CrmKit.Segmentation (passes on to compare, which throws)
        "Field.cs: '_ =>' over FieldReading ×1",   // CrmKit.Segmentation (every other field is named in the field table)
        "Guard.cs: '_ =>' over GuardOperator ×1",   // CrmKit.CareProcess (arch-clv)
        "ProcessDefinition.Validation.cs: '_ =>' over GuardOperator ×1",   // CrmKit.CareProcess (arch-clv)
        "ProcessDefinition.cs: '_ =>' over FireStatus ×1",   // CrmKit.CareProcess (arch-clv)
        "ProcessDefinition.cs: 'default:' over FireStatus ×1",   // CrmKit.CareProcess (arch-clv)
        "ProcessDefinition.cs: 'default:' over ValueKind ×1",   // CrmKit.CareProcess (arch-clv)
        "ProcessValue.cs: '_ =>' over ValueKind ×2",   // CrmKit.CareProcess (arch-clv)
        "ProcessValue.cs: 'default:' over ValueKind ×1",   // CrmKit.CareProcess (arch-clv)
        "AmountColumn.cs: '_ =>' over AmountEvidence ×1",   // CrmKit.Customers (arch-kernel)
        "AmountColumn.cs: '_ =>' over ColumnFormatSource ×1",   // CrmKit.Customers (arch-kernel)
        "AmountText.cs: '_ =>' over AmountEvidence ×1",   // CrmKit.Customers (arch-kernel)
        "AmountText.cs: '_ =>' over NumberFormat ×1",   // CrmKit.Customers (arch-kernel)
        "AttributeValue.cs: '_ =>' over AttributeKind ×1",   // CrmKit.Customers (arch-kernel)
        "BuiltInValues.cs: '_ =>' over ImportFileKind ×1",   // CrmKit.Customers (arch-kernel)
        "Converters.cs: 'default:' over AttributeKind ×1",   // CrmKit.Customers (arch-kernel)
        "CsvImporter.cs: '_ =>' over AttributeKind ×1",   // CrmKit.Customers (arch-kernel)
        "DateTimeColumn.cs: '_ =>' over ColumnFormatSource ×1",   // CrmKit.Customers (arch-kernel)
        "DateTimeColumn.cs: '_ =>' over DateOrder ×2",   // CrmKit.Customers (arch-kernel)
        "DuplicateFinder.cs: '_ =>' over MatchStrength ×1",   // CrmKit.Customers (arch-kernel)
        "DuplicateFinder.cs: '_ =>' over MergePolicy ×1",   // CrmKit.Customers (arch-kernel)
        "FieldVocabulary.cs: '_ =>' over ImportFileKind ×1",   // CrmKit.Customers (arch-kernel)
        "ImportFormatNames.cs: '_ =>' over DateOrder ×1",   // CrmKit.Customers (arch-kernel)
        "ImportFormatNames.cs: '_ =>' over NumberFormat ×1",   // CrmKit.Customers (arch-kernel)
        "ImportTable.cs: '_ =>' over ImportFileKind ×2",   // CrmKit.Customers (arch-kernel)
        "CareDispatcher.cs: 'default:' over ChannelSendStatus ×1",   // CrmKit.Engine (engine-perf)
        "CareDispatcher.cs: '_ =>' over DispatchVerdict ×1",   // CrmKit.Engine (engine-perf)
        "CareDispatcher.cs: 'default:' over DispatchVerdict ×1",   // CrmKit.Engine (engine-perf)
        "CareEngine.cs: '_ =>' over InstanceStatus ×1",   // CrmKit.Engine (engine-perf)
        "ContactAddresses.cs: '_ =>' over ContactChannel ×1",   // CrmKit.Engine (engine-perf)
        "EventFields.cs: '_ =>' over CareEventType ×1",   // CrmKit.Engine (engine-perf)
        "EventFields.cs: '_ =>' over JourneyCorrelation ×2",   // CrmKit.Engine (engine-perf)
        "ReviewOffsets.cs: '_ =>' over FieldKind ×1",   // CrmKit.Engine (engine-perf)
        "SendCheck.cs: '_ =>' over SendVerdict ×1",   // CrmKit.Engine (engine-perf)
        "UnitOfWork.cs: '_ =>' over Occasion ×1",   // CrmKit.Engine (engine-perf)
        "UnitOfWork.cs: '_ =>' over ValueKind ×2",   // CrmKit.Engine (engine-perf)
        "ReviewCalculator.cs: 'default:' over FeedbackKind ×1",   // CrmKit.Review (arch-kernel)
        "RuleJson.cs: '_ =>' over ComparisonOperator ×1",   // CrmKit.Segmentation (arch-seg)
    ];

    [Fact]
    public void SwitchesOverCrmKitEnums_InSrc_HaveNoSilentFallback()
    {
        var files = Shipped.SourceFiles().ToList();
        var enums = EnumNames(files.Select(f => f.Text));
        var found = files.SelectMany(f => Fallbacks(f.Path, f.Text, enums))
            .GroupBy(Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ×{g.Count()}")
            .ToList();

        Assert.True(enums.Count > 20, $"Only {enums.Count} CrmKit enums found: the scan reads the wrong files.");
        var added = found.Except(KnownFallbacks, StringComparer.Ordinal).ToList();
        var gone = KnownFallbacks.Except(found, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && gone.Count == 0, $"Silent fallbacks (file: label over enum ×count) that differ from KnownFallbacks — throw UnreachableException in a new one:\n{string.Join("\n", added)}\nListed but no longer found (lower the count or delete the line):\n{string.Join("\n", gone)}");
    }

    [Fact]
    public void Fallbacks_SilentDefaultAndDiscard_ReportedAndUnreachableAccepted()
    {
        const string Code = """
            namespace CrmKit.Clv;
            public enum CountModelKind { BetaGeo, ParetoNbd }
            internal static class A
            {
                public static int Bad(CountModelKind k) => k switch { CountModelKind.BetaGeo => 1, _ => 2 };
                public static int Good(CountModelKind k) => k switch { CountModelKind.BetaGeo => 1, CountModelKind.ParetoNbd => 2, _ => throw new System.Diagnostics.UnreachableException() };
                public static int BadStatement(CountModelKind k)
                {
                    switch (k)
                    {
                        case CountModelKind.BetaGeo: return 1;
                        default: return 2;
                    }
                }
                public static int NotAnEnum(string s) => s switch { "a" => 1, _ => 2 };
            }
            """;
        var enums = EnumNames([Code]);

        Assert.Equal(["a.cs:5: '_ =>' in a switch over CountModelKind", "a.cs:12: 'default:' in a switch over CountModelKind"], Fallbacks("a.cs", Code, enums));
    }

    /// <summary>"src/X/Y.cs:12: '_ =>' in a switch over E" as "Y.cs: '_ =>' over E".</summary>
    internal static string Key(string fallback)
    {
        var (location, what) = (fallback[..fallback.IndexOf(": ", StringComparison.Ordinal)], fallback[(fallback.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        return $"{Path.GetFileName(location[..location.LastIndexOf(':')])}: {what.Replace(" in a switch over ", " over ", StringComparison.Ordinal)}";
    }

    internal static HashSet<string> EnumNames(IEnumerable<string> texts)
        => texts.SelectMany(t => CSharpSyntaxTree.ParseText(t).GetRoot().DescendantNodes().OfType<EnumDeclarationSyntax>()).Select(e => e.Identifier.Text).ToHashSet(StringComparer.Ordinal);

    internal static IEnumerable<string> Fallbacks(string path, string text, HashSet<string> enums)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            var (fallback, label, over) = node switch
            {
                SwitchStatementSyntax s => (s.Sections.SelectMany(x => x.Labels).OfType<DefaultSwitchLabelSyntax>().Select(l => (SyntaxNode)l.Parent!).FirstOrDefault(), "default:", EnumNamed(s.Sections.SelectMany(x => x.Labels), enums)),
                SwitchExpressionSyntax e => (e.Arms.FirstOrDefault(a => a.Pattern is DiscardPatternSyntax && a.WhenClause is null), "_ =>", EnumNamed(e.Arms.Select(a => a.Pattern), enums)),
                _ => (null, string.Empty, null),
            };
            if (fallback is not null && over is not null && !Throws(fallback))
            {
                yield return $"{path}:{fallback.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: '{label}' in a switch over {over}";
            }
        }
    }

    /// <summary>
    /// A fallback is loud when it throws: <c>throw new UnreachableException(…)</c>, or a throw of what a helper builds
    /// (<c>_ =&gt; throw Unreachable(c)</c>), or any other exception that names the unexpected case.
    /// </summary>
    private static bool Throws(SyntaxNode fallback)
        => fallback.DescendantNodes().Any(n => n is ThrowExpressionSyntax or ThrowStatementSyntax);

    private static string? EnumNamed(IEnumerable<SyntaxNode> labels, HashSet<string> enums)
        => labels.SelectMany(l => l.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
            .Select(m => m.Expression is IdentifierNameSyntax i ? i.Identifier.Text : m.Expression is MemberAccessExpressionSyntax q ? q.Name.Identifier.Text : null)
            .FirstOrDefault(n => n is not null && enums.Contains(n));
}
