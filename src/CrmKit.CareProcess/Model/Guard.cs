using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// A condition a transition needs, on one trigger parameter or one data value, with a description staff read on
/// the diagram ("under warranty"). A missing value satisfies only <see cref="GuardOperator.IsNotSet"/>.
/// </summary>
/// <param name="Description">What the guard means, shown on diagrams and in rejections.</param>
/// <param name="Source">Parameter or data.</param>
/// <param name="Name">The parameter's or data value's name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with (none for is-set / is-not-set).</param>
public sealed record Guard(string Description, GuardSource Source, string Name, GuardOperator Operator, ProcessValue? Value = null)
{
    /// <summary>Whether <paramref name="actual"/> (null when missing) satisfies the guard.</summary>
    public bool Holds(ProcessValue? actual)
    {
        if (Operator is GuardOperator.IsSet or GuardOperator.IsNotSet)
        {
            return actual.HasValue == (Operator == GuardOperator.IsSet);
        }

        if (actual is not { } a || Value is not { } v || a.Kind != v.Kind)
        {
            return false;
        }

        return Operator switch
        {
            GuardOperator.Equal => a.Equals(v),
            GuardOperator.NotEqual => !a.Equals(v),
            GuardOperator.LessThan => a.CompareTo(v) < 0,
            GuardOperator.LessThanOrEqual => a.CompareTo(v) <= 0,
            GuardOperator.GreaterThan => a.CompareTo(v) > 0,
            _ => a.CompareTo(v) >= 0,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>
    /// <see cref="Description"/> in <paramref name="culture"/> (default <see cref="CultureInfo.CurrentUICulture"/>): a
    /// built-in process's guard in the culture's words (<c>từ đơn thứ hai trở đi</c>); a guard of one's own process as written.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    public string Describe(CultureInfo? culture = null) => BuiltInProcesses.Translate(Description, culture ?? CultureInfo.CurrentUICulture) ?? Description;
}
