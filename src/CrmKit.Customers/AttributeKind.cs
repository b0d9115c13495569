using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Customers;

/// <summary>The type of a custom attribute value.</summary>
public enum AttributeKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A point in time.</summary>
    Instant,
}
