namespace CrmKit.Segmentation;

/// <summary>
/// How an evaluator obtains a field's value from a <see cref="CustomerRecord"/>: the closed set of shapes every
/// evaluator (interpreter, compiler, LINQ expressions, the classifier's shared order pass) must handle. A new field
/// of an existing shape is one row of <see cref="FieldTable"/>; a new shape is a case in each evaluator's switch,
/// and the evaluator agreement tests fail until every evaluator has it.
/// </summary>
internal enum FieldReading
{
    /// <summary>An enum property (nullable or not) compared by its camelCase name.</summary>
    Choice,

    /// <summary>A text property, with a folded companion (<see cref="FieldDefinition.KeyProperty"/>) for loose matching.</summary>
    Text,

    /// <summary>A <c>LocalDate</c> property.</summary>
    Date,

    /// <summary>The customer's tags (always matched folded).</summary>
    Tags,

    /// <summary>A shop-defined attribute (<see cref="Field.Attribute"/>).</summary>
    Attribute,

    /// <summary>A consent record (<see cref="Field.Consent"/>).</summary>
    Consent,

    /// <summary>A whole-number property (<c>int</c>, <c>long</c>, nullable or not).</summary>
    Integer,

    /// <summary>A <c>double</c> property (nullable or not).</summary>
    Real,

    /// <summary>Whole years from a <c>LocalDate</c> property to the evaluation date.</summary>
    AgeFromDate,

    /// <summary>Whole days from an <c>Instant</c> property to the evaluation instant.</summary>
    DaysSinceInstant,

    /// <summary>Days from the evaluation date to the next anniversary of a <c>LocalDate</c> property.</summary>
    DaysUntilAnniversary,

    /// <summary>The number of matching orders.</summary>
    OrderCount,

    /// <summary>The total amount of matching orders.</summary>
    OrderSum,

    /// <summary>The average amount of matching orders.</summary>
    OrderAverage,

    /// <summary>The largest amount of a matching order.</summary>
    OrderMax,

    /// <summary>Whole days since the first matching order.</summary>
    DaysSinceFirstOrder,

    /// <summary>Whole days since the last matching order.</summary>
    DaysSinceLastOrder,

    /// <summary>The amount of the first matching order.</summary>
    FirstOrderAmount,
}
