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

/// <summary>One problem in a rule or a catalogue: where (a JSON path) and what.</summary>
/// <param name="Path">The JSON path of the offending element, e.g. <c>$.segments[2].rule.all[0].op</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record RuleError(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
