using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using NodaTime.Text;

namespace CrmKit.Segmentation;

/// <summary>A rule or a segment catalogue is invalid; <see cref="Problems"/> lists every problem found, each at its JSON path.</summary>
public sealed class InvalidRuleException : CrmKitException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem, each at the JSON path of the offending element (<c>$.segments[2].rule.all[0].op</c>).</param>
    public InvalidRuleException(IReadOnlyList<Problem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, in document order; <see cref="Problem.Location"/> is a JSON path.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    private static string Format(IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"Invalid rule: {problems[0]}"
            : $"Invalid rule ({problems.Count} problems):{string.Concat(problems.Select(e => Environment.NewLine + "  " + e))}";
    }
}
