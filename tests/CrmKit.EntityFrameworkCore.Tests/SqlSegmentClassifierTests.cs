using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>
/// The one-statement classification in PostgreSQL (<see cref="SqlSegmentClassifier"/>) against the in-memory reference
/// interpreter (<see cref="SegmentCatalog.ClassifyInterpreted"/>), on generated customers, catalogues and evaluation
/// instants, and the memberships table it keeps.
/// </summary>
public sealed class SqlSegmentClassifierTests
{
    private static readonly Lazy<string> Database = new(Postgres.CreateDatabase);

    private static readonly DateTimeZone[] Zones =
        [.. new[] { "Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC" }.Select(id => DateTimeZoneProviders.Tzdb[id])];

    /// <summary>The window lengths the rule generator uses (and 0 for "now"): the boundaries orders are placed on.</summary>
    private static readonly int[] BoundaryDays = [0, 1, 6, 7, 30, 90, 180, 365, 1000, RuleLimits.MaxWindowDays];

    [PostgresProperty(MaxTest = 25)]
    public Property BuiltInCatalogue_InOneStatement_ClassifiesAsTheInterpreter() => BuiltInCatalogueAgrees(Database, "PostgreSQL");

    [PostgresProperty(MaxTest = 40)]
    public Property GeneratedCatalogues_InOneStatement_ClassifyAsTheInterpreter() => GeneratedCataloguesAgree(Database, "PostgreSQL");

    [PostgresProperty(MaxTest = 40)]
    public Property OrdersAndDatesOnBoundaries_InOneStatement_ClassifyAsTheInterpreter() => BoundariesAgree(Database, "PostgreSQL");

    /// <summary>The built-in catalogue classified in one statement equals the interpreter (one node and Citus).</summary>
    internal static Property BuiltInCatalogueAgrees(Lazy<string> database, string server)
        => Prop.ForAll(RuleGenerators.PopulationFor(RecordStore.Database), p =>
        {
            var records = Postgres.Store(database.Value, p.Records);
            return Agrees(database, server, BuiltInSegments.Catalog, records, p.Context, counts: true);
        });

    /// <summary>Generated catalogues classified in one statement equal the interpreter (one node and Citus).</summary>
    internal static Property GeneratedCataloguesAgree(Lazy<string> database, string server)
        => Prop.ForAll(
            (from catalog in Catalogue
             from records in RuleGenerators.RecordFor(RecordStore.Database).ArrayOf().Select(a => a.Take(10).ToArray())
             from context in RuleGenerators.Context
             select (catalog, records, context)).ToArbitrary(),
            c => Agrees(database, server, c.catalog, Postgres.Store(database.Value, c.records), c.context, counts: true));

    // Orders exactly on each window's start (and a microsecond either side), at the evaluation instant, created and
    // born on the day boundaries of the evaluation date in its zone, evaluated at instants with sub-microsecond parts.
    internal static Property BoundariesAgree(Lazy<string> database, string server)
        => Prop.ForAll(
            (from catalog in Gen.Frequency((1, Gen.Constant(BuiltInSegments.Catalog)), (3, Catalogue))
             from context in BoundaryContext
             from records in RuleGenerators.RecordFor(RecordStore.Database).ArrayOf().Select(a => a.Take(8).ToArray())
             from offsets in Gen.Choose(0, 1_000_000).ArrayOf()
             select (catalog, context, records: OnBoundaries(records, context, offsets))).ToArbitrary(),
            c => Agrees(database, server, c.catalog, Postgres.Store(database.Value, c.records), c.context, counts: false));

    [PostgresFact]
    public Task RefreshAsync_StoresEveryMembership_AndRewritesOnlyWhatChanged() => RefreshStoresEveryMembership(Postgres.CreateDatabase());

    [PostgresFact]
    public Task RefreshCustomersAsync_AfterAnOrder_RewritesThatCustomerOnly() => RefreshCustomersRewritesThatCustomerOnly(Postgres.CreateDatabase());

    /// <summary>The full refresh stores every membership and rewrites only what changed (one node and Citus).</summary>
    internal static async Task RefreshStoresEveryMembership(string database)
    {
        var context = new EvaluationContext(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);
        var catalog = BuiltInSegments.Catalog;
        var classifier = new SqlSegmentClassifier(catalog);
        var records = Postgres.Store(database, Gen.Sample(RuleGenerators.RecordFor(RecordStore.Database), 30).Take(30).ToArray());
        await using var db = Postgres.Context(database);

        Assert.Equal(records.Length, await classifier.RefreshAsync(db, context));
        var stored = await db.SegmentMemberships.AsNoTracking().ToDictionaryAsync(m => m.CustomerId);
        Assert.Equal(records.Length, stored.Count);
        foreach (var r in records)
        {
            Assert.Equal(catalog.ClassifyInterpreted(r, context).Order(StringComparer.Ordinal), stored[r.Id].SegmentIds.Order(StringComparer.Ordinal));
            Assert.Equal(context.AsOf, stored[r.Id].Since);
        }

        // Nothing changed: nothing is written.
        var later = new EvaluationContext(context.AsOf + Duration.FromMinutes(1), context.Zone);
        Assert.Equal(0, await classifier.RefreshAsync(db, later));

        // Every stored member is what InSegment reads.
        foreach (var segment in catalog.Segments)
        {
            var members = await db.Customers.InSegment(db.SegmentMemberships, segment.Id).Select(c => c.Id).ToListAsync();
            Assert.Equal(records.Where(r => catalog.ClassifyInterpreted(r, context).Contains(segment.Id)).Select(r => r.Id).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>A per-customer refresh in the order's transaction rewrites that customer only (one node and Citus).</summary>
    internal static async Task RefreshCustomersRewritesThatCustomerOnly(string database)
    {
        var context = new EvaluationContext(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZone.Utc);
        var catalog = BuiltInSegments.Catalog;
        var classifier = new SqlSegmentClassifier(catalog);
        var born = new LocalDate(1990, 5, 1);
        Postgres.Store(database,
        [
            new CustomerRecord { Id = "x", BirthDate = born, CreatedAt = context.AsOf - Duration.FromDays(400), JoinedOn = new LocalDate(2025, 9, 26) },
            new CustomerRecord { Id = "y", BirthDate = born, CreatedAt = context.AsOf - Duration.FromDays(400), JoinedOn = new LocalDate(2025, 9, 26) },
        ]);
        await using var db = Postgres.Context(database);
        await classifier.RefreshAsync(db, context);
        Assert.DoesNotContain("new", (await db.SegmentMemberships.AsNoTracking().SingleAsync(m => m.CustomerId == "c00")).SegmentIds);

        // c00 buys: the engine stores the order and refreshes c00 in the same transaction.
        var now = context.AsOf + Duration.FromHours(1);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO crm_orders (customer_id, id, placed_at, amount, status, product_tags) VALUES ('c00', 'o1', {0}, 2500000, 0, '{{}}')", now);
            Assert.Equal(1, await classifier.RefreshCustomersAsync(db, new EvaluationContext(now, context.Zone), [new CustomerId("c00")]));
            await transaction.CommitAsync();
        }

        var rows = await db.SegmentMemberships.AsNoTracking().ToDictionaryAsync(m => m.CustomerId);
        Assert.Contains("new", rows["c00"].SegmentIds);
        Assert.Contains("first-time-big-buyer", rows["c00"].SegmentIds);
        Assert.Equal(now, rows["c00"].Since);
        Assert.Equal(context.AsOf, rows["c01"].Since);
        Assert.Equal(["c00"], await db.Customers.InSegment(db.SegmentMemberships, "new").Select(c => c.Id).ToListAsync());

        // A customer that no longer exists loses its row.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM crm_orders WHERE customer_id = 'c00'; DELETE FROM crm_customers WHERE id = 'c00'");
        Assert.Equal(1, await classifier.RefreshCustomersAsync(db, new EvaluationContext(now, context.Zone), [new CustomerId("c00")]));
        Assert.Equal(["c01"], await db.SegmentMemberships.Select(m => m.CustomerId).ToListAsync());
    }

    /// <summary>
    /// Constants far beyond any stored date (±3,000,000 and ±10²⁵ days or years) on the fields compared with
    /// client-computed bounds: those bounds fall outside the instants and dates PostgreSQL and NodaTime share, are sent
    /// as NULL, and the test is decided by the constant's sign, as the interpreter decides it.
    /// </summary>
    [PostgresProperty(MaxTest = 10)]
    public Property FarConstants_OnDaysSinceAndAges_ClassifyAsTheInterpreter()
        => Prop.ForAll(RuleGenerators.PopulationFor(RecordStore.Database), p => Agrees(Database, "PostgreSQL", FarCatalogue, Postgres.Store(Database.Value, p.Records), p.Context, counts: false));

    /// <summary>
    /// The first matching order's amount in a conjunction that admits at most one such order (count = 1, ≤ 1, in {0, 1},
    /// between 1 and 1) is read as that filter's largest amount, without the per-order array; where the count admits
    /// two, or counts another filter, the first amount is computed in full. Every shape equals the interpreter,
    /// including orders tied at the first instant and customers without orders.
    /// </summary>
    [PostgresProperty(MaxTest = 25)]
    public Property FirstAmount_UnderAnAtMostOneOrderCount_ClassifiesAsTheInterpreter()
        => Prop.ForAll(RuleGenerators.PopulationFor(RecordStore.Database), p => Agrees(Database, "PostgreSQL", FirstAmountCatalogue(guardedOnly: false), Postgres.Store(Database.Value, WithTies(p.Records)), p.Context, counts: true));

    [Fact]
    public void ClassifySql_FirstAmountUnderAnAtMostOneOrderCount_ReadsTheLargestAmount()
    {
        var guarded = new SqlSegmentClassifier(FirstAmountCatalogue(guardedOnly: true)).ClassifySql;
        var all = new SqlSegmentClassifier(FirstAmountCatalogue(guardedOnly: false)).ClassifySql;

        Assert.DoesNotContain("min(ARRAY[", guarded, StringComparison.Ordinal);
        Assert.Contains("max(amount) FILTER (WHERE status = 0) AS m0", guarded, StringComparison.Ordinal);
        Assert.Contains("max(amount) AS m1", guarded, StringComparison.Ordinal);
        Assert.Contains("min(ARRAY[", all, StringComparison.Ordinal);
    }

    /// <summary>
    /// The orders' index by customer and time carries status and amount, so the aggregate pass (and the RFM summary)
    /// can read every column it needs from the index alone (benchmarks/results/postgres.md, seventh run).
    /// </summary>
    [Fact]
    public void Schema_OrdersIndexByCustomerAndTime_CoversStatusAndAmount()
    {
        using var db = new CrmKitDbContext(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused", o => o.UseNodaTime()).Options);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("CREATE INDEX \"IX_crm_orders_customer_id_placed_at\" ON crm_orders (customer_id, placed_at) INCLUDE (status, amount);", script, StringComparison.Ordinal);
    }

    private static SegmentCatalog FirstAmountCatalogue(bool guardedOnly)
    {
        var completed = new OrderFilter();
        var any = new OrderFilter(null, null);
        Rule Count(OrderFilter f, ComparisonOperator op, decimal n) => Rule.Compare(Field.Order(FieldKind.OrderCount, f), op, n);
        Rule First(OrderFilter f, ComparisonOperator op, decimal amount) => Rule.Compare(Field.Order(FieldKind.FirstOrderAmount, f), op, amount);
        var first = Field.Order(FieldKind.FirstOrderAmount, completed);
        List<Rule> rules =
        [
            Rule.All(Count(completed, ComparisonOperator.Equal, 1), First(completed, ComparisonOperator.GreaterThanOrEqual, 25_000_000)),
            Rule.All(Count(completed, ComparisonOperator.LessThanOrEqual, 1), Rule.Not(First(completed, ComparisonOperator.LessThan, 10_000_000))),
            Rule.All(Rule.In(Field.Order(FieldKind.OrderCount, completed), AttributeValue.Number(0), AttributeValue.Number(1)), Rule.Any(First(completed, ComparisonOperator.GreaterThanOrEqual, 40_000_000), Rule.IsNotSet(first))),
            Rule.All(Rule.Between(Field.Order(FieldKind.OrderCount, any), AttributeValue.Number(1), AttributeValue.Number(1)), Rule.Between(Field.Order(FieldKind.FirstOrderAmount, any), AttributeValue.Number(10_000_000), AttributeValue.Number(40_000_000))),
            Rule.All(Count(completed, ComparisonOperator.LessThan, 2), Rule.All(Rule.IsSet(first), First(completed, ComparisonOperator.LessThanOrEqual, 5_000_000))),
        ];
        if (!guardedOnly)
        {
            rules.Add(Rule.All(Count(completed, ComparisonOperator.LessThanOrEqual, 2), First(completed, ComparisonOperator.GreaterThanOrEqual, 25_000_000)));
            rules.Add(Rule.All(Count(any, ComparisonOperator.Equal, 1), First(completed, ComparisonOperator.GreaterThanOrEqual, 10_000_000)));
            rules.Add(Rule.Any(Count(completed, ComparisonOperator.Equal, 1), First(completed, ComparisonOperator.LessThan, 20_000_000)));
        }

        return new SegmentCatalog([.. rules.Select((rule, i) => new Segment($"first{i}", $"First {i}", rule))], RuleGenerators.Schema);
    }

    // Every other customer's second order moved to the instant of their first: ties at the first instant, broken by the smaller amount.
    private static CustomerRecord[] WithTies(CustomerRecord[] records)
    {
        for (var i = 0; i < records.Length; i += 2)
        {
            if (records[i].Orders is { Count: >= 2 } orders)
            {
                orders[1].PlacedAt = orders[0].PlacedAt;
            }
        }

        return records;
    }

    private static readonly SegmentCatalog FarCatalogue = new(
        [.. (from kind in new[] { FieldKind.Age, FieldKind.DaysSinceCreated, FieldKind.DaysSinceLastOrder }
             from far in new[] { -1e25m, -3_000_000m, 3_000_000m, 1e25m }
             from op in new[] { ComparisonOperator.GreaterThanOrEqual, ComparisonOperator.LessThan, ComparisonOperator.Equal, ComparisonOperator.NotEqual }
             select (Rule)new Condition(kind == FieldKind.DaysSinceLastOrder ? Field.Order(kind) : Field.Of(kind), op, [AttributeValue.Number(far)]))
            .Append(new Condition(Field.Of(FieldKind.Age), ComparisonOperator.Between, [AttributeValue.Number(-1e25m), AttributeValue.Number(1e25m)]))
            .Append(new Condition(Field.Of(FieldKind.DaysSinceCreated), ComparisonOperator.Between, [AttributeValue.Number(-1e25m), AttributeValue.Number(1e25m)]))
            .Select((rule, i) => new Segment($"far{i}", $"Far {i}", rule))],
        RuleGenerators.Schema);

    /// <summary>
    /// The statement runs with JIT compilation off (it measured faster: benchmarks/results/postgres.md), set for the
    /// transaction only: in a caller's transaction the previous value is back afterwards, and the session's value is
    /// never changed.
    /// </summary>
    [PostgresFact]
    public async Task Classify_TurnsJitOffOnlyForItsOwnStatement()
    {
        var database = Database.Value;
        var context = new EvaluationContext(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZone.Utc);
        Postgres.Store(database, [new CustomerRecord { Id = "j", CreatedAt = context.AsOf - Duration.FromDays(3) }]);
        var classifier = new SqlSegmentClassifier(BuiltInSegments.Catalog);
        await using var db = Postgres.Context(database);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET jit = on");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await classifier.ClassifyAsync(db, context);
            Assert.Equal("on", await Setting(db));
            await classifier.RefreshAsync(db, context);
            Assert.Equal("on", await Setting(db));
            await transaction.CommitAsync();
        }

        await classifier.CountAsync(db, context);
        Assert.Equal("on", await Setting(db));
        var plan = await classifier.ExplainAsync(db, context);
        Assert.DoesNotContain("JIT:", plan, StringComparison.Ordinal);
    }

    private static async Task<string> Setting(CrmKitDbContext db)
        => await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync();

    /// <summary>Customers are named by <see cref="CustomerId"/>; an unset one is refused, with its index, before any SQL is sent.</summary>
    [Fact]
    public async Task ClassifyAndRefreshCustomers_DefaultCustomerId_RefusedWithItsIndex()
    {
        var classifier = new SqlSegmentClassifier(BuiltInSegments.Catalog);
        await using var db = new CrmKitDbContext(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused", o => o.UseNodaTime()).Options);
        var context = new EvaluationContext(Instant.FromUtc(2026, 11, 2, 1, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);
        CustomerId[] ids = [new("c00"), default];

        var classify = await Assert.ThrowsAsync<ArgumentException>(async () => await classifier.ClassifyAsync(db, context, ids));
        var refresh = await Assert.ThrowsAsync<ArgumentException>(async () => await classifier.RefreshCustomersAsync(db, context, ids));

        Assert.Equal("customerIds[1] is not set (a default CustomerId). (Parameter 'customerIds')", classify.Message);
        Assert.Equal(classify.Message, refresh.Message);
    }

    [Fact]
    public void ClassifySql_ComparesDaysSinceAndAgesWithBounds()
    {
        var sql = new SqlSegmentClassifier(BuiltInSegments.Catalog).ClassifySql;

        // No per-row arithmetic for days since and ages: columns against client-computed bounds.
        Assert.DoesNotContain("@as_of_epoch", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("floor(", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("date_part('year'", sql, StringComparison.Ordinal);
        Assert.Contains("coalesce(c.birth_date <= @bound_", sql, StringComparison.Ordinal);
        Assert.Contains("<= @bound_", sql.Replace("c.birth_date <= @bound_", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifySql_ReadsEachTableOnceGroupedByCustomer()
    {
        var sql = new SqlSegmentClassifier(BuiltInSegments.Catalog).ClassifySql;

        // One aggregate pass per child table, joined on the customer id (the Citus distribution column).
        Assert.Equal(1, Occurrences(sql, "FROM crm_orders"));
        Assert.Equal(1, Occurrences(sql, "FROM crm_customer_consents"));
        Assert.Equal(0, Occurrences(sql, "crm_customer_attributes"));
        Assert.Equal(2, Occurrences(sql, "GROUP BY customer_id"));
        Assert.Contains("o ON o.customer_id = c.id", sql, StringComparison.Ordinal);
        Assert.Contains("k ON k.customer_id = c.id", sql, StringComparison.Ordinal);

        // The built-in catalogue reads completed orders over the whole history and orders of any status: two filters.
        Assert.Contains("count(*) FILTER (WHERE status = 0) AS n0", sql, StringComparison.Ordinal);
        Assert.Contains("count(*) AS n", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("OFFSET", sql, StringComparison.Ordinal);
    }

    /// <summary>
    /// With <c>crm_customers</c> analysed, <see cref="SqlSegmentClassifier.CountAsync"/> cuts the customers into one range
    /// of ids per process (the leader and two workers by default: three <c>UNION ALL</c> branches under one
    /// <c>Append</c>); without statistics, or without parallel workers, it runs one branch. The sizes are the
    /// interpreter's every time.
    /// </summary>
    [PostgresFact]
    public async Task CountAsync_WithStatistics_CountsEachRangeOfCustomersInItsOwnBranch()
    {
        var database = Postgres.CreateDatabase();
        var context = new EvaluationContext(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);
        var catalog = BuiltInSegments.Catalog;
        var records = Postgres.Store(database, Gen.Sample(RuleGenerators.RecordFor(RecordStore.Database), 40).Take(40).ToArray());
        var expected = catalog.Segments.ToDictionary(s => s.Id, s => (long)records.Count(r => catalog.ClassifyInterpreted(r, context).Contains(s.Id)));
        var classifier = new SqlSegmentClassifier(catalog);
        await using var db = Postgres.Context(database);
        await db.Database.OpenConnectionAsync();

        async Task<int> Branches() => Occurrences(await classifier.ExplainAsync(db, context, analyze: false), "on crm_customers c");

        Assert.Equal(1, await Branches());
        Assert.Equal(expected, await classifier.CountAsync(db, context));

        await db.Database.ExecuteSqlRawAsync("ANALYZE crm_customers");
        Assert.Equal(3, await Branches());
        Assert.Equal(expected, await classifier.CountAsync(db, context));

        await db.Database.ExecuteSqlRawAsync("SET max_parallel_workers_per_gather = 0");
        Assert.Equal(1, await Branches());
        Assert.Equal(expected, await classifier.CountAsync(db, context));
    }

    /// <summary>
    /// A catalogue of 130 segments needs three <c>bigint</c> masks (63 segments each), and an exclusivity group whose
    /// members fall in all three (s0, s70, s129) still gives each customer at most one of them. Customers with 0 to 9
    /// orders: the sizes from <c>CountAsync</c> equal the interpreter's, and are worked out by hand for the group.
    /// </summary>
    [PostgresFact]
    public async Task CountAsync_MoreSegmentsThanOneMaskHolds_CountsEverySegment()
    {
        var database = Postgres.CreateDatabase();
        var context = new EvaluationContext(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZone.Utc);
        static Rule AtLeast(int orders) => Rule.Compare(Field.Order(FieldKind.OrderCount, new OrderFilter(null, null)), ComparisonOperator.GreaterThanOrEqual, orders);
        var segments = Enumerable.Range(0, 130).Select(i => i switch
        {
            0 => new Segment("s0", "Segment 0", Rule.True) { ExclusiveGroup = "g", Priority = 1 },
            70 => new Segment("s70", "Segment 70", AtLeast(1)) { ExclusiveGroup = "g", Priority = 2 },
            129 => new Segment("s129", "Segment 129", AtLeast(3)) { ExclusiveGroup = "g", Priority = 3 },
            _ => new Segment($"s{i}", $"Segment {i}", AtLeast(i % 11)),
        }).ToArray();
        var catalog = new SegmentCatalog(segments, RuleGenerators.Schema);
        var records = Postgres.Store(database, [.. Enumerable.Range(0, 30).Select(k => new CustomerRecord
        {
            CreatedAt = context.AsOf - Duration.FromDays(400),
            JoinedOn = new LocalDate(2025, 9, 26),
            Orders = [.. Enumerable.Range(0, k % 10).Select(j => new OrderRecord { Id = $"o{j}", PlacedAt = context.AsOf - Duration.FromDays(j + 1), Amount = 100_000 })],
        })]);
        await using var db = Postgres.Context(database);
        await db.Database.ExecuteSqlRawAsync("ANALYZE crm_customers");

        var sizes = await new SqlSegmentClassifier(catalog).CountAsync(db, context);

        Assert.Equal(catalog.Segments.ToDictionary(s => s.Id, s => (long)records.Count(r => catalog.ClassifyInterpreted(r, context).Contains(s.Id))), sizes);
        Assert.Equal((3L, 6L, 21L), (sizes["s0"], sizes["s70"], sizes["s129"]));   // 0 orders; 1–2; 3–9 (three customers each)
        Assert.Equal((27L, 24L, 0L), (sizes["s1"], sizes["s13"], sizes["s21"]));  // at least 1, 2 and 10 orders
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static Property Agrees(Lazy<string> database, string server, SegmentCatalog catalog, CustomerRecord[] records, EvaluationContext context, bool counts)
    {
        var classifier = new SqlSegmentClassifier(catalog);
        using var db = Postgres.Context(database.Value);
        var actual = classifier.ClassifyAsync(db, context).GetAwaiter().GetResult();
        if (actual.Count != records.Length)
        {
            return false.Label($"{actual.Count} customers classified, {records.Length} stored");
        }

        foreach (var r in records)
        {
            var expected = catalog.Membership(catalog.ClassifyInterpreted(r, context));
            if (!expected.Equals(actual[new CustomerId(r.Id)]))
            {
                return false.Label($"{r.Id} at {context}: in memory [{expected}], {server} [{actual[new CustomerId(r.Id)]}]\n{catalog.ToJson()}");
            }
        }

        if (counts)
        {
            // With statistics, CountAsync cuts the customers into ranges of ids (one UNION ALL branch per range).
            if (server == "PostgreSQL")
            {
                db.Database.ExecuteSqlRaw("ANALYZE crm_customers");
            }

            var sizes = classifier.CountAsync(db, context).GetAwaiter().GetResult();
            foreach (var segment in catalog.Segments)
            {
                var expected = records.Count(r => catalog.ClassifyInterpreted(r, context).Contains(segment.Id));
                if (sizes[segment.Id] != expected)
                {
                    return false.Label($"{segment.Id} at {context}: {expected} members in memory, {server} counts {sizes[segment.Id]}");
                }
            }
        }

        // Some customer, in some segment, in most runs: the comparison is not vacuous.
        return true.Classify(actual.Values.Any(m => !m.Ids.IsEmpty), "some membership");
    }

    /// <summary>
    /// Catalogues of up to eight generated rules: some in two exclusivity groups (distinct priorities), some referring
    /// to (or excluding) an earlier segment outside any group.
    /// </summary>
    private static Gen<SegmentCatalog> Catalogue { get; } =
        from rules in RuleGenerators.Rule.ArrayOf().Select(a => a.Take(8).ToArray())
        from groups in Gen.Elements<string?>(null, null, "g1", "g2").ArrayOf()
        from references in Gen.Choose(-1, 7).ArrayOf()
        from negations in Gen.Elements(true, false).ArrayOf()
        select Build(rules, groups, references, negations);

    private static SegmentCatalog Build(Rule[] rules, string?[] groups, int[] references, bool[] negations)
    {
        T At<T>(T[] values, int i, T otherwise) => i < values.Length ? values[i] : otherwise;
        var segments = new List<Segment>();
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var target = At(references, i, -1);
            if (target >= 0 && target < i && segments[target].ExclusiveGroup is null)
            {
                var reference = Rule.InSegment(segments[target].Id);
                rule = Rule.All(rule, At(negations, i, false) ? Rule.Not(reference) : reference);
            }

            segments.Add(new Segment($"s{i}", $"Segment {i}", rule) { ExclusiveGroup = At(groups, i, null), Priority = i });
        }

        return new SegmentCatalog(segments, RuleGenerators.Schema);
    }

    /// <summary>Evaluation instants with a fraction of a second (down to 100 ns ticks), in zones far east and west of UTC.</summary>
    private static Gen<EvaluationContext> BoundaryContext { get; } =
        from at in Generators.Instant
        from ticks in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 9_999_999)))
        from zone in Gen.Elements(Zones)
        select new EvaluationContext(at + Duration.FromTicks(ticks), zone);

    /// <summary>
    /// Moves every order onto a boundary of the context (a window start, or the evaluation instant, exactly or a
    /// microsecond either side), and the creation instant, birth date and joining date onto day boundaries around it.
    /// </summary>
    private static CustomerRecord[] OnBoundaries(CustomerRecord[] records, EvaluationContext context, int[] offsets)
    {
        var ticks = context.AsOf.ToUnixTimeTicks();
        var asOf = Instant.FromUnixTimeTicks(ticks - (ticks % 10)); // to the microsecond, as stored
        var k = 0;
        int Next() => offsets.Length == 0 ? k++ : offsets[k++ % offsets.Length] + k;
        Instant Boundary()
        {
            var n = Next();
            return asOf - Duration.FromDays(BoundaryDays[n % BoundaryDays.Length]) + Duration.FromTicks(10 * ((n / BoundaryDays.Length % 3) - 1));
        }

        LocalDate Day()
        {
            var n = Next();
            return context.Today.PlusDays((n % 9) - 4).PlusYears(-(n / 9 % 80));
        }

        return [.. records.Select(r =>
        {
            var copy = r.Clone();
            foreach (var o in copy.Orders)
            {
                o.PlacedAt = Boundary();
            }

            copy.CreatedAt = Boundary();
            copy.BirthDate = copy.BirthDate is null ? null : Day();
            copy.JoinedOn = Day();
            return copy;
        })];
    }
}
