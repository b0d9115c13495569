using CrmKit.Customers;
using static CrmKit.Segmentation.ComparisonOperator;

namespace CrmKit.Segmentation;

/// <summary>
/// The built-in segment catalogue (exported to <c>seeds/segments.json</c>; edit that file, or start from
/// <see cref="Catalog"/> and replace segments, to fit a shop). Value tiers are relative to the shop (quantiles of its
/// buyers' value within its currency, <see cref="ValueTierThresholds"/>); the few fixed amounts left (first-time big
/// buyer, top predicted value) are in VND; windows count back from the evaluation instant.
/// </summary>
/// <remarks>
/// <para>Named RFM segments (group <c>rfm</c>) are defined on the recency score R and frequency score F, with
/// the monetary score M separating champions from loyal customers. Unlike the widely copied 11-segment table,
/// whose score ranges overlap (so that, applied in its published order, four segments can never be reached),
/// these rules are disjoint and cover all 125 score combinations:</para>
/// <list type="table">
/// <listheader><term>Segment</term><description>Scores</description></listheader>
/// <item><term>champions</term><description>R ≥ 4, F ≥ 4, M ≥ 4</description></item>
/// <item><term>loyal</term><description>R ≥ 3, F ≥ 4, not champions</description></item>
/// <item><term>potential-loyalist</term><description>R ≥ 4, F 2–3</description></item>
/// <item><term>new-customers</term><description>R = 5, F = 1</description></item>
/// <item><term>promising</term><description>R = 4, F = 1</description></item>
/// <item><term>need-attention</term><description>R = 3, F = 3</description></item>
/// <item><term>about-to-sleep</term><description>R = 3, F ≤ 2</description></item>
/// <item><term>at-risk</term><description>R = 2, F ≥ 3</description></item>
/// <item><term>cannot-lose-them</term><description>R = 1, F ≥ 4</description></item>
/// <item><term>hibernating</term><description>R = 2, F ≤ 2; or R = 1, F = 3</description></item>
/// <item><term>lost</term><description>R = 1, F ≤ 2</description></item>
/// </list>
/// </remarks>
public static class BuiltInSegments
{
    /// <summary>The ids of the named RFM segments, a partition of every scored customer.</summary>
    public static IReadOnlyList<string> RfmSegmentIds { get; } =
    [
        "champions", "loyal", "potential-loyalist", "new-customers", "promising", "need-attention",
        "about-to-sleep", "at-risk", "cannot-lose-them", "hibernating", "lost",
    ];

    /// <summary>The built-in catalogue.</summary>
    public static SegmentCatalog Catalog { get; } = Create();

    private static Field F(FieldKind kind) => Field.Of(kind);

    private static Field Orders(FieldKind kind, int? days = null, OrderStatus? status = OrderStatus.Completed) => Field.Order(kind, new OrderFilter(days, status));

    private static Rule N(Field field, ComparisonOperator op, decimal value) => Rule.Compare(field, op, value);

    private static Rule Between(Field field, decimal low, decimal high) => Rule.Between(field, AttributeValue.Number(low), AttributeValue.Number(high));

    private static Rule Is(FieldKind kind, string choice) => Rule.Compare(Field.Of(kind), Equal, AttributeValue.Text(choice));

    private static Rule Tag(params string[] tags) => new Condition(Field.Of(FieldKind.Tags), In, [.. tags.Select(AttributeValue.Text)], ignoreCaseAndAccents: true);

    private static Rule R(ComparisonOperator op, decimal v) => N(F(FieldKind.RfmRecency), op, v);

    private static Rule Fq(ComparisonOperator op, decimal v) => N(F(FieldKind.RfmFrequency), op, v);

    private static Rule M(ComparisonOperator op, decimal v) => N(F(FieldKind.RfmMonetary), op, v);

    private static Segment S(string id, string name, string description, Rule rule, string? group = null, int priority = 0)
    {
        var (localizedName, localizedDescription) = BuiltInSegmentTexts.Localize(id, name, description);
        return new(id, localizedName, rule) { Description = localizedDescription, ExclusiveGroup = group, Priority = priority };
    }

    private static SegmentCatalog Create()
    {
        var buyer = N(Orders(FieldKind.OrderCount), GreaterThanOrEqual, 1);
        var marketingConsent = Rule.Any(
            Rule.Compare(Field.Consent(ContactChannel.Zalo, ContactPurpose.Marketing), Equal, AttributeValue.Boolean(true)),
            Rule.Compare(Field.Consent(ContactChannel.Sms, ContactPurpose.Marketing), Equal, AttributeValue.Boolean(true)),
            Rule.Compare(Field.Consent(ContactChannel.Email, ContactPurpose.Marketing), Equal, AttributeValue.Boolean(true)));
        Segment[] segments =
        [
            // Relationship.
            S("new", "New customers", "First purchase in the last 30 days.",
                Rule.All(buyer, N(Orders(FieldKind.DaysSinceFirstOrder), LessThanOrEqual, 30))),
            S("potential", "Potential customers", "Recorded in the last 180 days, no order in any status yet, and agreed to marketing on some channel.",
                Rule.All(N(Orders(FieldKind.OrderCount, status: null), Equal, 0), N(F(FieldKind.DaysSinceCreated), LessThanOrEqual, 180), marketingConsent)),
            S("loyal-customers", "Loyal customers", "Three or more completed orders, the last within 180 days.",
                Rule.All(N(Orders(FieldKind.OrderCount), GreaterThanOrEqual, 3), N(Orders(FieldKind.DaysSinceLastOrder), LessThanOrEqual, 180))),
            S("lapsed", "Lapsed (not returned)", "Bought before, but nothing for more than 180 days.",
                Rule.All(buyer, N(Orders(FieldKind.DaysSinceLastOrder), GreaterThan, 180))),
            S("first-time-big-buyer", "First-time big buyers", "Exactly one order, worth 2,000,000 VND or more, placed in the last 90 days.",
                Rule.All(N(Orders(FieldKind.OrderCount), Equal, 1), N(Orders(FieldKind.FirstOrderAmount), GreaterThanOrEqual, 2_000_000), N(Orders(FieldKind.DaysSinceFirstOrder), LessThanOrEqual, 90))),

            // Value tiers: every customer in exactly one.
            // Value tiers relative to the shop (quantiles within its currency, ValueTierThresholds): every customer in exactly one.
            S("vip", "VIP", "The most valuable buyers: fewer than 5 % of the shop's buyers are worth more (predicted value, else the last 365 days' spend).", N(F(FieldKind.ValueTier), GreaterThanOrEqual, 4), "value-tier", 4),
            S("high-value", "High value", "Fewer than 20 % of the shop's buyers are worth more.", N(F(FieldKind.ValueTier), GreaterThanOrEqual, 3), "value-tier", 3),
            S("average-value", "Average value", "Fewer than 50 % of the shop's buyers are worth more.", N(F(FieldKind.ValueTier), GreaterThanOrEqual, 2), "value-tier", 2),
            S("low-value", "Low value", "Everyone else, including customers who have not bought.", Rule.True, "value-tier", 1),

            // Demographics.
            S("age-child", "Children", "Under 16.", N(F(FieldKind.Age), LessThan, 16), "age-band", 4),
            S("age-youth", "Youth", "16 to 35.", Between(F(FieldKind.Age), 16, 35), "age-band", 3),
            S("age-middle", "Middle-aged", "36 to 59.", Between(F(FieldKind.Age), 36, 59), "age-band", 2),
            S("age-elderly", "Elderly", "60 and over.", N(F(FieldKind.Age), GreaterThanOrEqual, 60), "age-band", 1),
            S("female", "Women", "Gender female.", Is(FieldKind.Gender, "female"), "gender", 2),
            S("male", "Men", "Gender male.", Is(FieldKind.Gender, "male"), "gender", 1),
            S("income-high", "High income", "Income tier high.", Is(FieldKind.IncomeTier, "high"), "income", 3),
            S("income-middle", "Middle income", "Income tier middle.", Is(FieldKind.IncomeTier, "middle"), "income", 2),
            S("income-low", "Low income", "Income tier low.", Is(FieldKind.IncomeTier, "low"), "income", 1),
            S("urban", "Urban", "Lives in an urban area.", Is(FieldKind.Area, "urban"), "area", 3),
            S("suburban", "Suburban", "Lives in a suburban area.", Is(FieldKind.Area, "suburban"), "area", 2),
            S("rural", "Rural", "Lives in a rural area.", Is(FieldKind.Area, "rural"), "area", 1),
            S("individual", "Individuals", "Individual customers.", Is(FieldKind.Kind, "individual"), "customer-kind", 2),
            S("business", "Businesses", "Business customers.", Is(FieldKind.Kind, "business"), "customer-kind", 1),

            // Tags and occasions (the ids keep their historical "interest-" prefix: saved rules and journeys name them).
            S("interest-food", "Food lovers", "Tagged ẩm thực or food.", Tag("ẩm thực", "food")),
            S("interest-travel", "Travellers", "Tagged du lịch or travel.", Tag("du lịch", "travel")),
            S("interest-beauty", "Beauty", "Tagged làm đẹp or beauty.", Tag("làm đẹp", "beauty")),
            S("birthday-this-week", "Birthday this week", "Individuals whose birthday is today or in the next 6 days.",
                Rule.All(Is(FieldKind.Kind, "individual"), N(F(FieldKind.DaysUntilBirthday), LessThanOrEqual, 6))),

            // Model figures (set only when a CLV model supplied them).
            S("likely-churned", "Likely churned", "A CLV model gives a probability alive below 0.3.", N(F(FieldKind.ProbabilityAlive), LessThan, 0.3m)),
            S("clv-top", "Top predicted value", "A CLV model predicts 5,000,000 VND or more.", N(F(FieldKind.PredictedValue), GreaterThanOrEqual, 5_000_000)),

            // Named RFM segments: a partition of scored customers.
            S("champions", "Champions", "Bought recently, buy often and spend the most (R ≥ 4, F ≥ 4, M ≥ 4).",
                Rule.All(R(GreaterThanOrEqual, 4), Fq(GreaterThanOrEqual, 4), M(GreaterThanOrEqual, 4)), "rfm", 11),
            S("loyal", "Loyal", "Buy often, fairly recently (R ≥ 3, F ≥ 4, not champions).",
                Rule.All(R(GreaterThanOrEqual, 3), Fq(GreaterThanOrEqual, 4), Rule.Not(Rule.All(R(GreaterThanOrEqual, 4), M(GreaterThanOrEqual, 4)))), "rfm", 10),
            S("potential-loyalist", "Potential loyalists", "Recent customers with a few orders (R ≥ 4, F 2–3).",
                Rule.All(R(GreaterThanOrEqual, 4), Between(F(FieldKind.RfmFrequency), 2, 3)), "rfm", 9),
            S("new-customers", "New customers (RFM)", "Bought most recently, once (R = 5, F = 1).", Rule.All(R(Equal, 5), Fq(Equal, 1)), "rfm", 8),
            S("promising", "Promising", "Recent single buyers (R = 4, F = 1).", Rule.All(R(Equal, 4), Fq(Equal, 1)), "rfm", 7),
            S("need-attention", "Need attention", "Middling recency and frequency (R = 3, F = 3).", Rule.All(R(Equal, 3), Fq(Equal, 3)), "rfm", 6),
            S("about-to-sleep", "About to sleep", "Middling recency, few orders (R = 3, F ≤ 2).", Rule.All(R(Equal, 3), Fq(LessThanOrEqual, 2)), "rfm", 5),
            S("at-risk", "At risk", "Used to buy often, not lately (R = 2, F ≥ 3).", Rule.All(R(Equal, 2), Fq(GreaterThanOrEqual, 3)), "rfm", 4),
            S("cannot-lose-them", "Can't lose them", "Frequent buyers gone quiet the longest (R = 1, F ≥ 4).", Rule.All(R(Equal, 1), Fq(GreaterThanOrEqual, 4)), "rfm", 3),
            S("hibernating", "Hibernating", "Long gone, few orders (R = 2, F ≤ 2; or R = 1, F = 3).",
                Rule.Any(Rule.All(R(Equal, 2), Fq(LessThanOrEqual, 2)), Rule.All(R(Equal, 1), Fq(Equal, 3))), "rfm", 2),
            S("lost", "Lost", "Longest gone, fewest orders (R = 1, F ≤ 2).", Rule.All(R(Equal, 1), Fq(LessThanOrEqual, 2)), "rfm", 1),
        ];
        return new SegmentCatalog(segments, RuleSchema.Empty, RfmScoring.Default);
    }
}
