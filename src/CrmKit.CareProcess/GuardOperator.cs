using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>How a guard compares.</summary>
public enum GuardOperator
{
    /// <summary>Equal to the value.</summary>
    Equal,

    /// <summary>Set and not equal to the value.</summary>
    NotEqual,

    /// <summary>Less than the value.</summary>
    LessThan,

    /// <summary>Less than or equal to the value.</summary>
    LessThanOrEqual,

    /// <summary>Greater than the value.</summary>
    GreaterThan,

    /// <summary>Greater than or equal to the value.</summary>
    GreaterThanOrEqual,

    /// <summary>Has a value.</summary>
    IsSet,

    /// <summary>Has no value.</summary>
    IsNotSet,
}
