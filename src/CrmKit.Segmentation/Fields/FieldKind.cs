using System.Collections.Frozen;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>What a condition reads from a customer.</summary>
public enum FieldKind
{
    /// <summary><c>kind</c>: individual or business.</summary>
    Kind,

    /// <summary><c>gender</c>.</summary>
    Gender,

    /// <summary><c>age</c>: whole years at the evaluation date.</summary>
    Age,

    /// <summary><c>birthDate</c>.</summary>
    BirthDate,

    /// <summary><c>incomeTier</c>.</summary>
    IncomeTier,

    /// <summary><c>province</c>.</summary>
    Province,

    /// <summary><c>area</c>: urban, suburban or rural.</summary>
    Area,

    /// <summary><c>source</c>: the acquisition source.</summary>
    Source,

    /// <summary><c>stage</c>: the lifecycle stage.</summary>
    Stage,

    /// <summary><c>tags</c>: the customer's tags (<see cref="CustomerRecord.Tags"/>).</summary>
    Tags,

    /// <summary><c>attributes.NAME</c>: a shop-defined attribute declared in the <see cref="RuleSchema"/>.</summary>
    Attribute,

    /// <summary><c>consent.CHANNEL.PURPOSE</c>: true (granted), false (withdrawn) or not set (never asked).</summary>
    Consent,

    /// <summary><c>daysSinceCreated</c>: whole days since the customer was recorded.</summary>
    DaysSinceCreated,

    /// <summary><c>daysUntilBirthday</c>: days to the next birthday (0 = today).</summary>
    DaysUntilBirthday,

    /// <summary><c>daysUntilAnniversary</c>: days to the next anniversary of joining (0 = today).</summary>
    DaysUntilAnniversary,

    /// <summary><c>orders.count</c>: number of matching orders in the window.</summary>
    OrderCount,

    /// <summary><c>orders.sum</c>: total amount of matching orders in the window (0 if none).</summary>
    OrderSum,

    /// <summary><c>orders.average</c>: average amount of matching orders in the window (not set if none).</summary>
    OrderAverage,

    /// <summary><c>orders.max</c>: largest amount of a matching order in the window (not set if none).</summary>
    OrderMax,

    /// <summary><c>daysSinceFirstOrder</c>: whole days since the first matching order.</summary>
    DaysSinceFirstOrder,

    /// <summary><c>daysSinceLastOrder</c>: whole days since the last matching order.</summary>
    DaysSinceLastOrder,

    /// <summary><c>firstOrderAmount</c>: the amount of the first matching order.</summary>
    FirstOrderAmount,

    /// <summary><c>rfm.recency</c>: the RFM recency score.</summary>
    RfmRecency,

    /// <summary><c>rfm.frequency</c>: the RFM frequency score.</summary>
    RfmFrequency,

    /// <summary><c>rfm.monetary</c>: the RFM monetary score.</summary>
    RfmMonetary,

    /// <summary><c>value.tier</c>: the value tier relative to the shop, 4 VIP … 1 low (<see cref="ValueTierThresholds"/>).</summary>
    ValueTier,

    /// <summary><c>clv.probabilityAlive</c>.</summary>
    ProbabilityAlive,


    /// <summary><c>clv.expectedPurchases</c>.</summary>
    ExpectedPurchases,

    /// <summary><c>clv.predictedValue</c>.</summary>
    PredictedValue,
}
