namespace CrmKit.Customers.Import;

/// <summary>
/// How amounts are written in a file: which character groups thousands and which marks the decimals.
/// In both styles a space, a no-break space (U+00A0) or a narrow no-break space (U+202F) may also group
/// thousands, and groups after the first always have exactly three digits.
/// </summary>
public enum NumberFormat
{
    /// <summary>
    /// Not known in advance: each amount column is read in the style its values prove. <c>1.250.000</c> or
    /// <c>1,5</c> prove the Vietnamese style, <c>1,250,000</c> or <c>125.50</c> the English one; a value such as
    /// <c>125.000</c> (125000 in one style, 125 in the other) is an error when nothing in its column decides.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// The Vietnamese (and most of continental Europe's) style: <c>'.'</c> groups thousands and <c>','</c> marks
    /// the decimals: <c>125.000</c> = 125000, <c>1.250.000</c>, <c>2.390.000,50</c>, <c>0,5</c>.
    /// </summary>
    Vietnamese = 1,

    /// <summary>
    /// The English style: <c>','</c> groups thousands and <c>'.'</c> marks the decimals: <c>1,250,000.00</c>,
    /// <c>1250000.5</c>, <c>125.000</c> = 125.
    /// </summary>
    English = 2,
}
