using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>Membership computed by PostgreSQL equals the in-memory interpreter's, on generated customers, rules and instants.</summary>
public sealed class SegmentQueryTests
{
    private static readonly Lazy<string> Database = new(Postgres.CreateDatabase);

    [PostgresProperty(MaxTest = 100)]
    public Property GeneratedRules_InPostgres_SelectWhatTheInterpreterSelects() => GeneratedRulesAgree(Database, "PostgreSQL");

    [PostgresProperty(MaxTest = 25)]
    public Property BuiltInCatalogue_InPostgres_ClassifiesAsInMemory() => CatalogueAgrees(Database, "PostgreSQL");

    /// <summary>Each generated rule selects in the database what the interpreter selects (run on one node and on Citus).</summary>
    internal static Property GeneratedRulesAgree(Lazy<string> database, string server)
        => Prop.ForAll(
            (from rules in RuleGenerators.Rule.ArrayOf().Select(a => a.Take(10).ToArray())
             from records in RuleGenerators.RecordFor(RecordStore.Database).ArrayOf().Select(a => a.Take(12).ToArray())
             from context in RuleGenerators.Context
             select (rules, records, context)).ToArbitrary(),
            c =>
            {
                var records = Store(database, c.records);
                using var db = Postgres.Context(database.Value);
                foreach (var rule in c.rules)
                {
                    var expected = records.Where(r => RuleGenerators.Reference(rule, r, c.context)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
                    var actual = db.Customers.Matching(rule, c.context).Select(r => r.Id).ToList().Order(StringComparer.Ordinal).ToList();
                    if (!expected.SequenceEqual(actual))
                    {
                        return false.Label($"{rule} at {c.context}: in memory [{string.Join(", ", expected)}], {server} [{string.Join(", ", actual)}]");
                    }
                }

                return true.ToProperty();
            });

    /// <summary>Every built-in segment selects in the database what the interpreter's classification selects.</summary>
    internal static Property CatalogueAgrees(Lazy<string> database, string server)
        => Prop.ForAll(RuleGenerators.PopulationFor(RecordStore.Database), p =>
        {
            var records = Store(database, p.Records);
            var catalog = BuiltInSegments.Catalog;
            using var db = Postgres.Context(database.Value);
            foreach (var segment in catalog.Segments)
            {
                var expected = records.Where(r => catalog.ClassifyInterpreted(r, p.Context).Contains(segment.Id)).Select(r => r.Id).Order(StringComparer.Ordinal);
                var actual = db.Customers.InSegment(catalog, segment.Id, p.Context).Select(r => r.Id).ToList().Order(StringComparer.Ordinal);
                if (!expected.SequenceEqual(actual))
                {
                    return false.Label($"{segment.Id} at {p.Context}: in memory [{string.Join(", ", expected)}], {server} [{string.Join(", ", actual)}]");
                }
            }

            return true.ToProperty();
        });

    [PostgresProperty(MaxTest = 40)]
    public Property BirthdayWithinNDays_AcrossNewYear_InPostgres_MatchesTheDayByDaySearch()
        => Prop.ForAll(OccasionCases.AroundNewYear, c =>
        {
            // One customer per case, with the birthday and the joining day on the generated date.
            var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
            var record = new CustomerRecord { Id = "c00", BirthDate = c.Date, JoinedOn = c.Date };
            Store(Database, [record]);
            var context = new EvaluationContext((c.Today + new LocalTime(23, 30)).InZoneStrictly(zone).ToInstant(), zone);
            var expected = OccasionCases.Expected(OccasionCases.DaysUntilBySearch(c.Date, c.Today), c.Op, c.Bound);
            using var db = Postgres.Context(Database.Value);
            foreach (var field in new[] { FieldKind.DaysUntilBirthday, FieldKind.DaysUntilAnniversary })
            {
                var rule = Rule.Compare(Field.Of(field), c.Op, (decimal)c.Bound);
                var selected = db.Customers.Matching(rule, context).Any();
                if (selected != expected)
                {
                    return false.Label($"{rule} on {c.Today} for {c.Date}: PostgreSQL {selected}, search {expected}");
                }
            }

            return true.ToProperty();
        });

    [PostgresFact]
    public void ToSql_ShowsTheWhereClause()
    {
        using var db = Postgres.Context(Database.Value);
        var context = new EvaluationContext(Instant.FromUtc(2026, 11, 1, 0, 0), DateTimeZone.Utc);
        var sql = db.Customers.ToSql(BuiltInSegments.Catalog.MembershipRule("loyal-customers"), context, BuiltInSegments.Catalog.MembershipRule);
        Assert.Contains("FROM crm_customers", sql, StringComparison.Ordinal);
        Assert.Contains("crm_orders", sql, StringComparison.Ordinal);

        // The value tiers read the stored tier (ranked over the population, like the RFM scores), not an order sum.
        var vip = db.Customers.ToSql(BuiltInSegments.Catalog.MembershipRule("vip"), context, BuiltInSegments.Catalog.MembershipRule);
        Assert.Contains("value_tier", vip, StringComparison.Ordinal);
    }

    private static CustomerRecord[] Store(Lazy<string> database, CustomerRecord[] generated) => Postgres.Store(database.Value, generated);
}

public sealed class SegmentQueryRegressionTests
{
    // Found by the property above: the first order amount among no matching orders is "not set" in every evaluator.
    [PostgresFact]
    public void FirstOrderAmount_OfNoMatchingOrder_IsNotSet()
    {
        var database = Postgres.CreateDatabase();
        using var db = Postgres.Context(database);
        var record = new CustomerRecord { Id = "c1", CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0) };
        record.Orders.Add(new OrderRecord { Id = "o1", PlacedAt = Instant.FromUtc(2025, 2, 1, 0, 0), Amount = 120_000m, Status = OrderStatus.Completed });
        db.Customers.Add(record);
        db.SaveChanges();
        var rule = RuleJson.Parse("""{"field":"firstOrderAmount","status":"returned","channel":"website","productTag":"TET","op":"isNotSet"}""");
        var context = new EvaluationContext(Instant.FromUtc(2026, 9, 2, 17, 22), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);

        Assert.True(RuleGenerators.Reference(rule, record, context));
        Assert.True(db.Customers.Matching(rule, context).Any(), db.Customers.ToSql(rule, context));
    }
}

public sealed class TranslationErrorTests
{
    // A host model without the folded tag column: a tag condition cannot become SQL, and ToSql says which one and why.
    [Fact]
    public void ToSql_ConditionOnAnUnmappedColumn_NamesTheCondition()
    {
        using var db = new WithoutTagKeys(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<CrmKitDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused", o => o.UseNodaTime()).Options);
        var gender = Rule.Compare(Field.Of(FieldKind.Gender), ComparisonOperator.Equal, AttributeValue.Text("female"));
        var rule = Rule.All(gender, RuleJson.Parse("""{"field":"tags","op":"contains","value":"food"}"""));
        var context = new EvaluationContext(Instant.FromUtc(2026, 11, 1, 0, 0), DateTimeZone.Utc);

        Assert.Contains("gender", db.Customers.ToSql(gender, context), StringComparison.Ordinal);
        var ex = Assert.Throws<RuleNotTranslatableException>(() => db.Customers.ToSql(rule, context));
        Assert.Equal("""{"field":"tags","op":"contains","value":"food"}""", ex.Node);
        Assert.StartsWith("""The rule cannot run in the database: {"field":"tags","op":"contains","value":"food"} does not translate to SQL: """, ex.Message, StringComparison.Ordinal);
    }

    private sealed class WithoutTagKeys(Microsoft.EntityFrameworkCore.DbContextOptions options) : CrmKitDbContext(options)
    {
        protected override void OnModelCreating(Microsoft.EntityFrameworkCore.ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<CustomerRecord>().Ignore(c => c.TagKeys);
        }
    }
}
