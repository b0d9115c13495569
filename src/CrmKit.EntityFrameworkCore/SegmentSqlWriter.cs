using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;
using NpgsqlTypes;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Writes a catalogue's classification as one PostgreSQL statement: one aggregate pass over each child table
/// (<c>crm_orders</c>, <c>crm_customer_consents</c>, <c>crm_customer_attributes</c>) grouped by customer id, with a
/// <c>FILTER</c> clause per distinct window/status/channel/tag the catalogue's order conditions read (as
/// <see cref="SegmentClassifier"/> plans its single pass in memory), joined to <c>crm_customers</c> on the customer id;
/// then every segment's membership as an element of one array per customer.
/// </summary>
/// <remarks>
/// <para>Semantics are those of the interpreter: a condition on an unset value is false (every condition is written so
/// that it is never SQL <c>NULL</c>), derived whole numbers (age, days since, days until) are computed and compared with
/// the constant as numbers, and only orders placed at or before the evaluation instant count. Every date-dependent value
/// (the instant, its local date, window starts, the days until each month-day's anniversary) is a parameter computed
/// on the client from the <see cref="EvaluationContext"/>: the statement needs neither the server's clock nor its zone.</para>
/// <para>Each exclusivity group contributes one <c>CASE</c> that tests its members in priority order, so each segment's
/// own rule is evaluated at most once per customer; a segment referenced by another is written out through
/// <see cref="SegmentCatalog.MembershipRule(string)"/> (bounded by <see cref="RuleLimits.MaxExpandedConditions"/>).</para>
/// </remarks>
internal sealed class SegmentSqlWriter
{
    /// <summary>The largest whole number a derived bound is computed for: beyond it, no stored date or instant is that far away.</summary>
    private const long Far = 1_000_000_000_000;

    private readonly SegmentCatalog _catalog;
    private readonly List<OrderFilter> _filters = [];
    private readonly List<HashSet<char>> _orderColumns = [];
    private readonly List<string> _consentColumns = [];
    private readonly List<string> _attributeColumns = [];
    private readonly SortedSet<int> _windows = [];
    private readonly HashSet<OrderFilter> _atMostOne = [];
    private readonly List<(string Name, object Value, NpgsqlDbType Type)> _constants = [];
    private readonly List<(string Name, BoundKind Kind, long Whole)> _bounds = [];
    private readonly string _ordersColumns;
    private bool _usesToday;

    /// <summary>Segments per mask word: bit 63 (the sign) is left unused so that every mask is a non-negative <c>bigint</c>.</summary>
    public const int BitsPerMask = 63;

    public SegmentSqlWriter(SegmentCatalog catalog)
    {
        _catalog = catalog;

        // Each segment's own rule is written once; the array of ids and the masks reuse the text.
        var own = catalog.Segments.Select(Own).ToArray();
        var free = Enumerable.Range(0, own.Length).Where(i => catalog.Segments[i].ExclusiveGroup is null).ToArray();
        var groups = catalog.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value).ToArray();

        var elements = new List<string>();
        foreach (var i in free)
        {
            elements.Add($"CASE WHEN {own[i]} THEN {Text(catalog.Segments[i].Id)} END");
        }

        foreach (var members in groups)
        {
            elements.Add($"CASE {string.Join(" ", members.Select(i => $"WHEN {own[i]} THEN {Text(catalog.Segments[i].Id)}"))} END");
        }

        SegmentIds = elements.Count == 0 ? "ARRAY[]::text[]" : $"array_remove(ARRAY[{string.Join(",\n    ", elements)}]::text[], NULL)";

        // Masks: segment i is bit i % 63 of mask i / 63. A group's CASE keeps its priority order in every word it
        // touches (a member of another word answers 0 there), so each word has the group's one member or none.
        var words = (own.Length + BitsPerMask - 1) / BitsPerMask;
        var terms = Enumerable.Range(0, words).Select(_ => new List<string>()).ToArray();
        foreach (var i in free)
        {
            terms[i / BitsPerMask].Add($"CASE WHEN {own[i]} THEN {Bit(i)} ELSE 0 END");
        }

        foreach (var members in groups)
        {
            foreach (var word in members.Select(i => i / BitsPerMask).Distinct())
            {
                terms[word].Add($"CASE {string.Join(" ", members.Select(i => $"WHEN {own[i]} THEN {(i / BitsPerMask == word ? Bit(i) : "0")}"))} ELSE 0 END");
            }
        }

        SegmentMasks = [.. terms.Select(t => t.Count == 0 ? "0::bigint" : $"({string.Join("\n    + ", t)})")];
        _ordersColumns = OrdersColumns();

        static string Bit(int i) => (1L << (i % BitsPerMask)).ToString(CultureInfo.InvariantCulture) + "::bigint";
    }

    /// <summary>The expression (over the joined row) of the customer's segment ids, in no particular order.</summary>
    public string SegmentIds { get; }

    /// <summary>
    /// The customer's segments as <c>bigint</c> masks: segment <c>i</c> (catalogue order) is bit <c>i % 63</c> of mask
    /// <c>i / 63</c>. Counting customers grouped by their masks counts every segment without building an array per customer.
    /// </summary>
    public IReadOnlyList<string> SegmentMasks { get; }

    /// <summary>Whether the statement reads the evaluation date (ages, birthdays, anniversaries).</summary>
    public bool UsesToday => _usesToday;

    /// <summary>The distinct window lengths, in days, the order conditions read.</summary>
    public IReadOnlyCollection<int> Windows => _windows;

    /// <summary>
    /// The bounds the derived whole numbers (days since, ages) are compared with, as parameters computed on the client
    /// from the evaluation context (<see cref="BoundKind"/>): the statement compares columns with them, computing no
    /// derived value per row.
    /// </summary>
    public IReadOnlyList<(string Name, BoundKind Kind, long Whole)> Bounds => _bounds;

    /// <summary>The constants of the rules, as parameters (text and text arrays).</summary>
    public IReadOnlyList<(string Name, object Value, NpgsqlDbType Type)> Constants => _constants;

    /// <summary>
    /// The <c>FROM</c> clause: customers joined to the per-customer aggregates. <paramref name="only"/>, when given, is a
    /// condition on the customer id written with <c>{id}</c> for the column (<c>{id} = ANY(@customer_ids)</c> for some
    /// customers, <c>{id} &gt;= @range_1 AND {id} &lt; @range_2</c> for a range): every table is restricted by it, so
    /// each aggregate reads only those customers' rows.
    /// </summary>
    public string From(string? only)
    {
        var and = only is null ? "" : " AND " + only.Replace("{id}", "customer_id", StringComparison.Ordinal);
        var sql = new StringBuilder("crm_customers c");
        if (_filters.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"\nLEFT JOIN (SELECT customer_id,\n    {_ordersColumns}\n  FROM crm_orders WHERE placed_at <= @as_of{and} GROUP BY customer_id) o ON o.customer_id = c.id");
        }

        if (_consentColumns.Count > 0)
        {
            var columns = _consentColumns.Select((x, i) => $"bool_or({x}) AS k{i}");
            sql.Append(CultureInfo.InvariantCulture, $"\nLEFT JOIN (SELECT customer_id, {string.Join(", ", columns)} FROM crm_customer_consents WHERE true{and} GROUP BY customer_id) k ON k.customer_id = c.id");
        }

        if (_attributeColumns.Count > 0)
        {
            var columns = _attributeColumns.Select((x, i) => $"bool_or({x}) AS t{i}");
            sql.Append(CultureInfo.InvariantCulture, $"\nLEFT JOIN (SELECT customer_id, {string.Join(", ", columns)} FROM crm_customer_attributes WHERE true{and} GROUP BY customer_id) t ON t.customer_id = c.id");
        }

        if (only is not null)
        {
            sql.Append("\nWHERE ").Append(only.Replace("{id}", "c.id", StringComparison.Ordinal));
        }

        return sql.ToString();
    }

    /// <summary>The orders' aggregates, written once (their filters' text constants are registered once).</summary>
    private string OrdersColumns()
    {
        var columns = new List<string>();
        for (var i = 0; i < _filters.Count; i++)
        {
            var filter = OrderPredicate(_filters[i]);
            var where = filter.Length == 0 ? "" : $" FILTER (WHERE {filter})";
            foreach (var column in _orderColumns[i].Order())
            {
                columns.Add(column switch
                {
                    'n' => $"count(*){where} AS n{i}",
                    's' => $"sum(amount){where} AS s{i}",
                    'm' => $"max(amount){where} AS m{i}",
                    'f' => $"min(placed_at){where} AS f{i}",
                    'l' => $"max(placed_at){where} AS l{i}",
                    // The first order's amount, ties at one instant broken by the smaller amount: the least
                    // [epoch, amount] pair (arrays compare element by element), without sorting the orders.
                    _ => $"(min(ARRAY[extract(epoch FROM placed_at), amount]){where})[2] AS a{i}",
                });
            }
        }

        return string.Join(",\n    ", columns);
    }

    private string OrderPredicate(OrderFilter f)
    {
        var parts = new List<string>();
        if (f.Days is { } d)
        {
            parts.Add($"placed_at > @window_{d}");
        }

        if (f.Status is { } s)
        {
            parts.Add($"status = {(int)s}");
        }

        if (f.Channel is { } ch)
        {
            parts.Add($"channel = {(int)ch}");
        }

        if (f.ProductTagKey is { } tag)
        {
            parts.Add($"{Text(tag)} = ANY(product_tags)");
        }

        return string.Join(" AND ", parts);
    }

    private string Own(Segment segment) => Build(Expand(segment.Rule));

    private Rule Expand(Rule rule) => rule switch
    {
        SegmentRule s => _catalog.MembershipRule(s.SegmentId),
        AllRule a => new AllRule([.. a.Rules.Select(Expand)]),
        AnyRule a => new AnyRule([.. a.Rules.Select(Expand)]),
        NotRule n => new NotRule(Expand(n.Rule)),
        _ => rule,
    };

    /// <summary>A rule as a SQL boolean that is never NULL.</summary>
    public string Build(Rule rule) => rule switch
    {
        ConstantRule k => k.Value ? "true" : "false",
        AllRule a => a.Rules.Length == 0 ? "true" : All(a),
        AnyRule a => a.Rules.Length == 0 ? "false" : "(" + string.Join(" OR ", a.Rules.Select(Build)) + ")",
        NotRule n => $"(NOT {Build(n.Rule)})",
        SegmentRule s => Build(_catalog.MembershipRule(s.SegmentId)),
        Condition k => Condition(k),
        _ => throw new ArgumentException($"Unknown rule type {rule.GetType().Name}.", nameof(rule)),
    };

    /// <summary>
    /// A conjunction. Where one of its conditions admits at most one order of a filter (an order count compared so that
    /// no count of 2 or more passes, such as <c>= 1</c> or <c>&lt;= 1</c>), the first matching order's amount anywhere
    /// inside it is that filter's largest amount: when the conjunction can hold there is one such order or none, and
    /// both are then its amount or unset. The largest amount is a plain aggregate; the first one costs a two-element
    /// <c>numeric[]</c> built and compared per order (12–15 % of the statement's CPU on 10,000,000 orders,
    /// benchmarks/results/postgres.md).
    /// </summary>
    private string All(AllRule a)
    {
        var added = new List<OrderFilter>();
        foreach (var rule in a.Rules)
        {
            if (rule is Condition { Field: { Kind: FieldKind.OrderCount, Orders: { } filter } } count && AtMostOne(count) && _atMostOne.Add(filter))
            {
                added.Add(filter);
            }
        }

        try
        {
            return "(" + string.Join(" AND ", a.Rules.Select(Build)) + ")";
        }
        finally
        {
            foreach (var filter in added)
            {
                _atMostOne.Remove(filter);
            }
        }
    }

    /// <summary>Whether an order count condition is false for every count of 2 or more.</summary>
    private static bool AtMostOne(Condition count)
    {
        var v = count.Values;
        return count.Operator switch
        {
            ComparisonOperator.Equal or ComparisonOperator.LessThanOrEqual => v[0].AsNumber() < 2,
            ComparisonOperator.LessThan => v[0].AsNumber() <= 2,
            ComparisonOperator.Between => v[1].AsNumber() < 2,
            ComparisonOperator.In => v.All(x => x.AsNumber() < 2),
            ComparisonOperator.NotEqual or ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual
                or ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.IsSet or ComparisonOperator.IsNotSet => false,
            _ => throw new UnreachableException($"Unknown operator {count.Operator}."),
        };
    }

    /// <summary>The <c>crm_customers</c> column of each field read straight from a column.</summary>
    private static readonly FrozenDictionary<FieldKind, string> Columns = new Dictionary<FieldKind, string>
    {
        [FieldKind.Kind] = "c.kind",
        [FieldKind.Stage] = "c.stage",
        [FieldKind.Gender] = "c.gender",
        [FieldKind.IncomeTier] = "c.income_tier",
        [FieldKind.Area] = "c.area",
        [FieldKind.Source] = "c.source",
        [FieldKind.BirthDate] = "c.birth_date",
        [FieldKind.RfmRecency] = "c.recency_score",
        [FieldKind.RfmFrequency] = "c.frequency_score",
        [FieldKind.RfmMonetary] = "c.monetary_score",
        [FieldKind.ValueTier] = "c.value_tier",
        [FieldKind.ProbabilityAlive] = "c.probability_alive",
        [FieldKind.ExpectedPurchases] = "c.expected_purchases",
        [FieldKind.PredictedValue] = "c.predicted_value",
    }.ToFrozenDictionary();

    private string Condition(Condition k)
    {
        var f = k.Field;
        if (f.ChoiceType is { } choice)
        {
            // Enumerations are stored as their integer values.
            return Scalar(Columns[f.Kind], k, v => EnumNames.TryParse(choice, v.AsText(), out var value)
                ? Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"'{v.AsText()}' is not a {f.Name}."));
        }

        if (f.IsOrderField)
        {
            return Orders(k);
        }

        _usesToday |= f.Kind is FieldKind.Age or FieldKind.DaysUntilBirthday or FieldKind.DaysUntilAnniversary;
        return f.Kind switch
        {
            FieldKind.BirthDate => Scalar(Columns[f.Kind], k, Date),
            FieldKind.Province => TextCondition(k.IgnoreCaseAndAccents ? "c.province_key" : "c.province", k),
            FieldKind.Tags => Tags(k),
            FieldKind.Attribute => Attribute(k),
            FieldKind.Consent => Consent(k),
            FieldKind.Age => Whole(k, "(c.birth_date IS NOT NULL AND c.birth_date <= @today)", BoundKind.LatestBirthForAge, p => $"coalesce(c.birth_date <= {p}, false)"),
            FieldKind.DaysSinceCreated => DaysSince("c.created_at", k),
            FieldKind.DaysUntilBirthday => Scalar(DaysUntil("c.birth_date"), k, Number),
            FieldKind.DaysUntilAnniversary => Scalar(DaysUntil("c.joined_on"), k, Number),
            FieldKind.ProbabilityAlive or FieldKind.ExpectedPurchases or FieldKind.PredictedValue => Scalar(Columns[f.Kind], k, Real),
            _ => Scalar(Columns[f.Kind], k, Number), // RFM scores and the value tier
        };
    }

    private string Orders(Condition k)
    {
        var f = k.Field.Orders!;
        var slot = _filters.IndexOf(f);
        if (slot < 0)
        {
            slot = _filters.Count;
            _filters.Add(f);
            _orderColumns.Add(['n']);
            if (f.Days is { } d)
            {
                _windows.Add(d);
            }
        }

        string Use(char column)
        {
            _orderColumns[slot].Add(column);
            return $"o.{column}{slot}";
        }

        var count = $"coalesce({Use('n')}, 0)";
        return k.Field.Kind switch
        {
            FieldKind.OrderCount => Scalar(count, k, Number),
            FieldKind.OrderSum => Scalar($"coalesce({Use('s')}, 0)", k, Number),
            FieldKind.OrderAverage => Average(Use('s'), count, k),
            FieldKind.OrderMax => Scalar(Use('m'), k, Number),
            FieldKind.DaysSinceFirstOrder => DaysSince(Use('f'), k),
            FieldKind.DaysSinceLastOrder => DaysSince(Use('l'), k),
            _ => Scalar(Use(_atMostOne.Contains(f) ? 'm' : 'a'), k, Number), // the first amount (see All)
        };
    }

    /// <summary>
    /// The average compared exactly: <c>sum op v × count</c> (count &gt; 0), so no rounding of the quotient decides a
    /// comparison (the in-memory evaluators divide in <see cref="decimal"/>, exact to 28 significant digits).
    /// </summary>
    private static string Average(string sum, string count, Condition k)
    {
        var v = k.Values;
        // In numeric: a bigint constant times the count could overflow.
        string Times(AttributeValue x) => $"({x.AsNumber().ToString(CultureInfo.InvariantCulture)}::numeric * {count})";
        var test = k.Operator switch
        {
            ComparisonOperator.IsSet => "true",
            ComparisonOperator.IsNotSet => "false",
            ComparisonOperator.Between => $"{sum} >= {Times(v[0])} AND {sum} <= {Times(v[1])}",
            ComparisonOperator.In => "(" + string.Join(" OR ", v.Select(x => $"{sum} = {Times(x)}")) + ")",
            _ => $"{sum} {Operator(k.Operator)} {Times(v[0])}",
        };
        return k.Operator == ComparisonOperator.IsNotSet ? $"({count} = 0)" : $"({count} > 0 AND coalesce({test}, false))";
    }

    /// <summary>A nullable scalar: set-ness, then the comparison; never NULL.</summary>
    private static string Scalar(string value, Condition k, Func<AttributeValue, string> constant)
    {
        var v = k.Values;
        return k.Operator switch
        {
            ComparisonOperator.IsSet => $"({value} IS NOT NULL)",
            ComparisonOperator.IsNotSet => $"({value} IS NULL)",
            ComparisonOperator.Between => $"coalesce({value} BETWEEN {constant(v[0])} AND {constant(v[1])}, false)",
            ComparisonOperator.In => $"coalesce({value} IN ({string.Join(", ", v.Select(constant))}), false)",
            _ => $"coalesce({value} {Operator(k.Operator)} {constant(v[0])}, false)",
        };
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        _ => throw new InvalidOperationException($"Operator {op} is not a comparison."),
    };

    /// <summary>
    /// A number constant: a whole one that fits a bigint as an integer literal (integer columns — scores, tiers, counts,
    /// ages — then compare without a cast to numeric on every row; numeric columns cast the literal once), else numeric.
    /// </summary>
    private static string Number(AttributeValue v)
    {
        var x = v.AsNumber();
        return decimal.Truncate(x) == x && Math.Abs(x) <= long.MaxValue
            ? "(" + ((long)x).ToString(CultureInfo.InvariantCulture) + ")"
            : "(" + x.ToString(CultureInfo.InvariantCulture) + "::numeric)";
    }

    // The in-memory evaluators compare model figures as doubles with the constant converted to double.
    private static string Real(AttributeValue v) => "(" + ((double)v.AsNumber()).ToString("R", CultureInfo.InvariantCulture) + "::float8)";

    private static string Date(AttributeValue v) => "DATE '" + v.AsDate().ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) + "'";

    /// <summary>
    /// Whole days (floored) from an instant to the evaluation instant compared with the constants: at least n days ⇔
    /// the instant is at or before the evaluation instant minus n days (a parameter; NULL when outside the instants
    /// PostgreSQL and NodaTime share, then the answer is n &lt; 0).
    /// </summary>
    private string DaysSince(string instant, Condition k)
        => Whole(k, $"({instant} IS NOT NULL)", BoundKind.DaysBefore, p => $"coalesce({instant} <= {p}, {{0}})");

    /// <summary>
    /// A condition on a derived whole number, written with "value ≥ n" tests only, each a comparison of the column with
    /// a bound the client computes (<paramref name="kind"/>): no per-row arithmetic. <paramref name="set"/> says when the
    /// value exists; <paramref name="atLeast"/> writes "value ≥ n" given the bound's parameter (a <c>{0}</c> in it is
    /// replaced by the answer when the parameter is NULL: n &lt; 0).
    /// </summary>
    private string Whole(Condition k, string set, BoundKind kind, Func<string, string> atLeast)
    {
        string AtLeast(long n)
        {
            n = Math.Clamp(n, -Far, Far);
            var slot = _bounds.FindIndex(b => b.Kind == kind && b.Whole == n);
            if (slot < 0)
            {
                slot = _bounds.Count;
                _bounds.Add(($"bound_{slot.ToString(CultureInfo.InvariantCulture)}", kind, n));
            }

            return "(" + atLeast("@" + _bounds[slot].Name).Replace("{0}", n < 0 ? "true" : "false", StringComparison.Ordinal) + ")";
        }

        static long Floor(decimal x) => (long)Math.Clamp(decimal.Floor(x), -Far, Far);
        static long Ceiling(decimal x) => (long)Math.Clamp(decimal.Ceiling(x), -Far, Far);
        string EqualTo(decimal x) => decimal.Floor(x) == x ? $"({AtLeast(Floor(x))} AND NOT {AtLeast(Floor(x) + 1)})" : "false";

        var v = k.Values.Select(x => x.AsNumber()).ToArray();
        var test = k.Operator switch
        {
            ComparisonOperator.IsSet => "true",
            ComparisonOperator.IsNotSet => "true",
            ComparisonOperator.GreaterThanOrEqual => AtLeast(Ceiling(v[0])),
            ComparisonOperator.GreaterThan => AtLeast(Floor(v[0]) + 1),
            ComparisonOperator.LessThanOrEqual => $"(NOT {AtLeast(Floor(v[0]) + 1)})",
            ComparisonOperator.LessThan => $"(NOT {AtLeast(Ceiling(v[0]))})",
            ComparisonOperator.Between => $"({AtLeast(Ceiling(v[0]))} AND NOT {AtLeast(Floor(v[1]) + 1)})",
            ComparisonOperator.Equal => EqualTo(v[0]),
            ComparisonOperator.NotEqual => $"(NOT {EqualTo(v[0])})",
            ComparisonOperator.In => "(" + string.Join(" OR ", v.Select(EqualTo)) + ")",
            _ => throw new InvalidOperationException($"Operator {k.Operator} does not compare whole numbers."),
        };
        return k.Operator == ComparisonOperator.IsNotSet ? $"(NOT {set})" : $"({set} AND {test})";
    }

    /// <summary>Days until the next anniversary depend only on the month-day: read from a table the client computes (<see cref="CalendarFacts.DaysUntilAnniversary"/>).</summary>
    private static string DaysUntil(string date) => $"(@days_until)[date_part('month', {date})::int * 100 + date_part('day', {date})::int]";

    private string Text(string value)
    {
        var name = "text_" + _constants.Count.ToString(CultureInfo.InvariantCulture);
        _constants.Add((name, value, NpgsqlDbType.Text));
        return "@" + name;
    }

    private string TextArray(IEnumerable<string> values)
    {
        var name = "texts_" + _constants.Count.ToString(CultureInfo.InvariantCulture);
        _constants.Add((name, values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        return "@" + name;
    }

    /// <summary>The text values as compared: folded for matching when the condition ignores case and accents (tags always do).</summary>
    private static List<string> Compared(Condition k)
        => [.. k.Values.Select(v => k.IgnoreCaseAndAccents || k.Field.Type == FieldType.TagSet ? TextFold.ForMatching(v.AsText()) : v.AsText())];

    private string TextCondition(string column, Condition k)
    {
        var values = Compared(k);
        var test = k.Operator switch
        {
            ComparisonOperator.IsSet => "true",
            ComparisonOperator.IsNotSet => "false",
            ComparisonOperator.Equal => $"{column} = {Text(values[0])}",
            ComparisonOperator.NotEqual => $"{column} <> {Text(values[0])}",
            ComparisonOperator.In => $"{column} = ANY({TextArray(values)})",
            ComparisonOperator.Contains => $"strpos({column}, {Text(values[0])}) > 0",
            _ => $"starts_with({column}, {Text(values[0])})",
        };
        return k.Operator == ComparisonOperator.IsNotSet ? $"({column} IS NULL)" : $"({column} IS NOT NULL AND coalesce({test}, false))";
    }

    private string Tags(Condition k)
    {
        var values = Compared(k);
        return k.Operator switch
        {
            ComparisonOperator.IsSet => "(coalesce(cardinality(c.tag_keys), 0) > 0)",
            ComparisonOperator.IsNotSet => "(coalesce(cardinality(c.tag_keys), 0) = 0)",
            ComparisonOperator.Contains => $"coalesce({Text(values[0])} = ANY(c.tag_keys), false)",
            _ => $"coalesce(c.tag_keys && {TextArray(values)}, false)",
        };
    }

    /// <summary>
    /// A consent condition: whether a consent row of the channel and purpose (with the granted value asked for) exists,
    /// aggregated per customer in the consents pass.
    /// </summary>
    private string Consent(Condition k)
    {
        var f = k.Field;
        var match = $"channel = {(int)f.Channel!.Value} AND purpose = {(int)f.Purpose!.Value}";
        return k.Operator switch
        {
            ComparisonOperator.IsSet => ChildFlag(_consentColumns, "k", match),
            ComparisonOperator.IsNotSet => $"(NOT {ChildFlag(_consentColumns, "k", match)})",
            ComparisonOperator.Equal => ChildFlag(_consentColumns, "k", $"{match} AND granted = {(k.Values[0].AsBoolean() ? "true" : "false")}"),
            _ => ChildFlag(_consentColumns, "k", $"{match} AND granted = {(k.Values[0].AsBoolean() ? "false" : "true")}"),
        };
    }

    /// <summary>An attribute condition: the attribute of the name and kind exists and passes the test (a missing one reads as not set).</summary>
    private string Attribute(Condition k)
    {
        var f = k.Field;
        var column = f.AttributeKind switch
        {
            AttributeKind.Text => k.IgnoreCaseAndAccents ? "text_key" : "text",
            AttributeKind.Number or AttributeKind.Boolean => "number",
            AttributeKind.Date => "date",
            _ => "instant",
        };
        var match = $"name = {Text(f.AttributeName!)} AND kind = {(int)f.AttributeKind!.Value}";
        if (k.Operator is ComparisonOperator.IsSet or ComparisonOperator.IsNotSet)
        {
            var set = ChildFlag(_attributeColumns, "t", $"{match} AND {column} IS NOT NULL");
            return k.Operator == ComparisonOperator.IsSet ? set : $"(NOT {set})";
        }

        var test = f.AttributeKind switch
        {
            AttributeKind.Text => TextCondition(column, k),
            AttributeKind.Number => Scalar(column, k, Number),
            AttributeKind.Date => Scalar(column, k, Date),
            // Booleans are stored as 1/0 in the number column.
            AttributeKind.Boolean => k.Values[0].AsBoolean() == (k.Operator == ComparisonOperator.Equal) ? "coalesce(number <> 0, false)" : "coalesce(number = 0, false)",
            _ => "false",
        };
        return ChildFlag(_attributeColumns, "t", $"{match} AND {test}");
    }

    private static string ChildFlag(List<string> columns, string alias, string predicate)
    {
        var slot = columns.IndexOf(predicate);
        if (slot < 0)
        {
            slot = columns.Count;
            columns.Add(predicate);
        }

        return $"coalesce({alias}.{alias}{slot}, false)";
    }
}
