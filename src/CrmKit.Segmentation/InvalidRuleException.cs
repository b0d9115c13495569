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

/// <summary>A rule or a segment catalogue is invalid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class InvalidRuleException : CrmKitException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public InvalidRuleException(IReadOnlyList<RuleError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in document order.</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    private static string Format(IReadOnlyList<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"Invalid rule: {errors[0]}"
            : $"Invalid rule ({errors.Count} problems):{string.Concat(errors.Select(e => Environment.NewLine + "  " + e))}";
    }
}
