using System.Collections.Frozen;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The type of value a field holds, which decides the operators it accepts.</summary>
public enum FieldType
{
    /// <summary>A number (counts, amounts, days, scores, probabilities).</summary>
    Number,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>One of a fixed set of names.</summary>
    Choice,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A set of tags.</summary>
    TagSet,

    /// <summary>An instant (only <c>isSet</c>/<c>isNotSet</c>).</summary>
    Instant,
}
