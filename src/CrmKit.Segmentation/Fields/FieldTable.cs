using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// The one place that declares every segmentation field: JSON name, value type, how evaluators read it, the choices
/// (the property's enum), whether it is always set, whether it takes an order window, and its line in the docs.
/// <see cref="Field"/>, <see cref="RuleJson"/>, the three evaluators, the classifier and the field table of
/// <c>docs/segmentation.md</c> (checked by <c>FieldTableTests</c>) all read it.
/// </summary>
/// <remarks>
/// To add a field whose value is a property of <see cref="CustomerRecord"/>: add the <see cref="FieldKind"/>
/// member, its row here, the property (and what fills it), and its values in the test generators.
/// </remarks>
internal static class FieldTable
{
    private const string Number = "number";
    private const string NoMatchingOrder = "no matching order";

    /// <summary>Every field, in <see cref="FieldKind"/> order.</summary>
    public static ImmutableArray<FieldDefinition> All { get; } =
    [
        new(FieldKind.Kind, "kind", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.Kind), "never") { AlwaysSet = true },
        new(FieldKind.Gender, "gender", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.Gender), "not stated"),
        new(FieldKind.Age, "age", FieldType.Number, FieldReading.AgeFromDate, nameof(CustomerRecord.BirthDate), "no birth date, or born after the evaluation date")
        {
            DocsType = "number (whole years at the evaluation date; 29 February birthdays count on 28 February in common years)",
        },
        new(FieldKind.BirthDate, "birthDate", FieldType.Date, FieldReading.Date, nameof(CustomerRecord.BirthDate), "unknown") { DocsType = "date `yyyy-MM-dd`" },
        new(FieldKind.IncomeTier, "incomeTier", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.IncomeTier), "unknown"),
        new(FieldKind.Province, "province", FieldType.Text, FieldReading.Text, nameof(CustomerRecord.Province), "unknown") { KeyProperty = nameof(CustomerRecord.ProvinceKey) },
        new(FieldKind.Area, "area", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.Area), "unknown"),
        new(FieldKind.Source, "source", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.Source), "unknown"),
        new(FieldKind.Stage, "stage", FieldType.Choice, FieldReading.Choice, nameof(CustomerRecord.Stage), "never") { AlwaysSet = true },
        new(FieldKind.Tags, "tags", FieldType.TagSet, FieldReading.Tags, null, "no tags")
        {
            AlwaysSet = true, DocsType = "tag set (always matched ignoring case and accents)",
        },
        new(FieldKind.Attribute, "attributes", FieldType.Number, FieldReading.Attribute, null, "absent, or stored with another kind")
        {
            DocsName = "attributes.NAME",
            DocsType = "the kind declared in the catalogue's `attributes` (text, number, boolean, date; instant: `isSet` only)",
        },
        new(FieldKind.Consent, "consent", FieldType.Boolean, FieldReading.Consent, null, "never asked")
        {
            DocsName = "consent.CHANNEL.PURPOSE",
            DocsType = $"boolean: `true` granted, `false` withdrawn (channels {Quoted(typeof(ContactChannel))}; purposes {Quoted(typeof(ContactPurpose))})",
        },
        new(FieldKind.DaysSinceCreated, "daysSinceCreated", FieldType.Number, FieldReading.DaysSinceInstant, nameof(CustomerRecord.CreatedAt), "never") { AlwaysSet = true },
        new(FieldKind.DaysUntilBirthday, "daysUntilBirthday", FieldType.Number, FieldReading.DaysUntilAnniversary, nameof(CustomerRecord.BirthDate), "no birth date")
        {
            DocsType = "number, 0 = today (`<= 6` is \"birthday this week\")",
        },
        new(FieldKind.DaysUntilAnniversary, "daysUntilAnniversary", FieldType.Number, FieldReading.DaysUntilAnniversary, nameof(CustomerRecord.JoinedOn), "never")
        {
            AlwaysSet = true, DocsType = "number: days to the next anniversary of joining",
        },
        new(FieldKind.OrderCount, "orders.count", FieldType.Number, FieldReading.OrderCount, null, "never")
        {
            AlwaysSet = true, TakesWindow = true, DocsType = "number (0 when no order matches)",
        },
        new(FieldKind.OrderSum, "orders.sum", FieldType.Number, FieldReading.OrderSum, null, "never")
        {
            AlwaysSet = true, TakesWindow = true, DocsType = "number (0 when no order matches)",
        },
        new(FieldKind.OrderAverage, "orders.average", FieldType.Number, FieldReading.OrderAverage, null, NoMatchingOrder) { TakesWindow = true },
        new(FieldKind.OrderMax, "orders.max", FieldType.Number, FieldReading.OrderMax, null, NoMatchingOrder) { TakesWindow = true },
        new(FieldKind.DaysSinceFirstOrder, "daysSinceFirstOrder", FieldType.Number, FieldReading.DaysSinceFirstOrder, null, NoMatchingOrder),
        new(FieldKind.DaysSinceLastOrder, "daysSinceLastOrder", FieldType.Number, FieldReading.DaysSinceLastOrder, null, NoMatchingOrder),
        new(FieldKind.FirstOrderAmount, "firstOrderAmount", FieldType.Number, FieldReading.FirstOrderAmount, null, NoMatchingOrder),
        new(FieldKind.RfmRecency, "rfm.recency", FieldType.Number, FieldReading.Integer, nameof(CustomerRecord.RecencyScore), "not scored (no completed order)") { DocsType = "number 1–5" },
        new(FieldKind.RfmFrequency, "rfm.frequency", FieldType.Number, FieldReading.Integer, nameof(CustomerRecord.FrequencyScore), "not scored (no completed order)") { DocsType = "number 1–5" },
        new(FieldKind.RfmMonetary, "rfm.monetary", FieldType.Number, FieldReading.Integer, nameof(CustomerRecord.MonetaryScore), "not scored (no completed order)") { DocsType = "number 1–5" },
        new(FieldKind.ValueTier, "value.tier", FieldType.Number, FieldReading.Integer, nameof(CustomerRecord.ValueTier), "not ranked")
        {
            DocsType = "number 1–4: 1 low, 2 average, 3 high, 4 VIP, relative to the shop ([value tiers](#value-tiers))",
        },
        new(FieldKind.ProbabilityAlive, "clv.probabilityAlive", FieldType.Number, FieldReading.Real, nameof(CustomerRecord.ProbabilityAlive), "no model figures supplied"),
        new(FieldKind.ExpectedPurchases, "clv.expectedPurchases", FieldType.Number, FieldReading.Real, nameof(CustomerRecord.ExpectedPurchases), "no model figures supplied"),
        new(FieldKind.PredictedValue, "clv.predictedValue", FieldType.Number, FieldReading.Real, nameof(CustomerRecord.PredictedValue), "no model figures supplied"),
    ];

    private static readonly FieldDefinition[] ByKind = Index();

    /// <summary>The fields written without parameters (everything but attributes and consent), by JSON name.</summary>
    public static FrozenDictionary<string, FieldDefinition> ByName { get; } =
        All.Where(d => d.Reading is not (FieldReading.Attribute or FieldReading.Consent)).ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The row of a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="FieldKind"/>.</exception>
    public static FieldDefinition Of(FieldKind kind) => (uint)kind < (uint)ByKind.Length
        ? ByKind[(int)kind]
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a defined field kind.");

    /// <summary>The JSON names a rule may use, as listed in "unknown field" messages.</summary>
    public static string ExpectedNames => string.Join(", ", All.Where(d => ByName.ContainsKey(d.Name)).Select(d => d.Name)) + ", attributes.NAME, consent.CHANNEL.PURPOSE";

    /// <summary>The order fields that take a window, as "a, b, c and d".</summary>
    public static string WindowedNames
    {
        get
        {
            var names = All.Where(d => d.TakesWindow).Select(d => d.Name).ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        }
    }

    /// <summary>The field table of <c>docs/segmentation.md</c>: consecutive fields that read the same share a row.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder("| Field | Type | Not set when |\n|---|---|---|\n");
        var rows = new List<(List<string> Names, FieldDefinition Definition)>();
        foreach (var d in All)
        {
            if (rows.Count > 0 && rows[^1].Definition is var last && last.DocsTypeText == d.DocsTypeText && last.NotSetWhen == d.NotSetWhen && last.TakesWindow == d.TakesWindow)
            {
                rows[^1].Names.Add(d.DocsName ?? d.Name);
            }
            else
            {
                rows.Add(([d.DocsName ?? d.Name], d));
            }
        }

        foreach (var (names, d) in rows)
        {
            text.Append("| ").AppendJoin(", ", names.Select(n => $"`{n}`")).Append(" | ").Append(d.DocsTypeText).Append(" | ").Append(d.NotSetWhen).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Quoted(Type enumType) => string.Join(", ", Choices.Names(enumType).Select(n => $"`{n}`"));

    private static FieldDefinition[] Index()
    {
        var kinds = Enum.GetValues<FieldKind>();
        var byKind = new FieldDefinition[kinds.Length];
        foreach (var d in All)
        {
            if ((int)d.Kind >= byKind.Length || byKind[(int)d.Kind] is not null)
            {
                throw new InvalidOperationException($"The field table declares {d.Kind} twice.");
            }

            byKind[(int)d.Kind] = d;
        }

        if (kinds.FirstOrDefault(k => byKind[(int)k] is null) is var missing && byKind[(int)missing] is null)
        {
            throw new InvalidOperationException($"The field table has no row for FieldKind.{missing}.");
        }

        return byKind;
    }
}
