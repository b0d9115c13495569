using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CrmKit.Customers.Import;
using CrmKit.Customers.Serialization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Nothing valid is lost: a written data set whose optional customer fields and required order fields are broken at
/// random reads back with every customer, every break reported once at its physical line and column (a warning for
/// an optional field, an error rejecting the row for a required one), and everything else equal to what was written.
/// </summary>
public class ImportNothingLostTests
{
    private const string Customers = "customers.csv";
    private const string Orders = "orders.csv";
    private const string OrderLines = "order_lines.csv";

    // Optional fields of the customers file and values none of them can be read as.
    private static readonly (string Column, string[] Values)[] OptionalBreaks =
    [
        ("gender", ["woman", "unknown", "nữ giới", "x"]),
        ("birth_date", ["31/02/2020", "30/02/1999", "2021-02-29", "not a date"]),
        ("email", ["x@"]),
        ("income_tier", ["rich", "very high", "5"]),
        ("phone", ["12"]),
        ("source", ["tivi", "word of mouth!"]),
        ("time_zone", ["Mars/Olympus", "GMT+25"]),
    ];

    private static readonly string[] PlacedAtGarbage = ["yesterday", "31/02/2025 10:00", "2025-13-01T10:00:00+07:00", "??", string.Empty];

    /// <summary>What to break: per customer id, column → value; per order id, the placed-at text.</summary>
    private sealed record Scenario(Customer[] Customers, ImmutableDictionary<CustomerId, ImmutableDictionary<string, string>> CustomerBreaks, ImmutableDictionary<OrderId, string> OrderBreaks)
    {
        public override string ToString()
            => $"{Customers.Length} customers; broken customer fields: {string.Join(", ", CustomerBreaks.Select(b => $"{b.Key} {{{string.Join(", ", b.Value.Select(f => $"{f.Key}='{f.Value}'"))}}}"))}; "
                + $"broken orders: {string.Join(", ", OrderBreaks.Select(b => $"{b.Key}='{b.Value}'"))}";
    }

    private static Gen<ImmutableDictionary<string, string>> RowBreaks { get; } = Gen.Frequency(
        (2, Gen.Constant(ImmutableDictionary<string, string>.Empty)),
        (1, Gen.SubListOf(OptionalBreaks).SelectMany(fields => Gen
            .CollectToArray(fields.Select(f => Gen.Elements(f.Values).Select(v => (f.Column, Value: v))))
            .Select(chosen => chosen.ToImmutableDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal)))));

    private static Gen<string?> OrderBreak { get; } = Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements(PlacedAtGarbage).Select(g => (string?)g)));

    private static Gen<Scenario> Scenarios { get; } =
        from generated in Generators.Customers(8)
        let customers = generated.Select(c => c with { Attributes = c.Attributes.Clear() }).OrderBy(c => c.Id).ToArray()
        from rowBreaks in RowBreaks.ArrayOf(customers.Length)
        let orders = customers.SelectMany(c => c.History.Orders).ToArray()
        from orderBreaks in OrderBreak.ArrayOf(orders.Length)
        select new Scenario(
            customers,
            customers.Zip(rowBreaks).Where(x => !x.Second.IsEmpty).ToImmutableDictionary(x => x.First.Id, x => x.Second),
            orders.Zip(orderBreaks).Where(x => x.Second is not null).ToImmutableDictionary(x => x.First.Id, x => x.Second!));

    [Property(MaxTest = 30)]
    public Property ReadFolder_BrokenOptionalCustomerFieldsAndOrderTimes_LosesNothingValid()
        => Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "crmkit-nothing-lost-" + Guid.NewGuid().ToString("N"));
            try
            {
                CustomerDataSet.From(scenario.Customers).WriteFolder(folder);
                var expectedIssues = new List<string>();

                // Customers: each broken field is a warning at the row's line, in its column.
                Rewrite(Path.Combine(folder, Customers), (header, row, line) =>
                {
                    if (scenario.CustomerBreaks.TryGetValue(new CustomerId(row[Column(header, "customer_id")]), out var breaks))
                    {
                        foreach (var (column, value) in breaks)
                        {
                            row[Column(header, column)] = value;
                            expectedIssues.Add(Key(Customers, line, column, ImportIssueSeverity.Warning));
                        }
                    }
                });

                // Orders: a broken placed-at (required) rejects the order at its line, and each of its lines in
                // order_lines.csv is then reported as naming an order that was not imported.
                Rewrite(Path.Combine(folder, Orders), (header, row, line) =>
                {
                    if (scenario.OrderBreaks.TryGetValue(new OrderId(row[Column(header, "order_id")]), out var garbage))
                    {
                        row[Column(header, "placed_at")] = garbage;
                        expectedIssues.Add(Key(Orders, line, "placed_at", ImportIssueSeverity.Error));
                    }
                });
                Rewrite(Path.Combine(folder, OrderLines), (header, row, line) =>
                {
                    if (scenario.OrderBreaks.ContainsKey(new OrderId(row[Column(header, "order_id")])))
                    {
                        expectedIssues.Add(Key(OrderLines, line, "order_id", ImportIssueSeverity.Error));
                    }
                });

                var read = CustomerDataSet.ReadFolder(folder);

                var expected = scenario.Customers.Select(c => Unset(c, scenario)).ToArray();
                var issues = read.Issues.Select(i => Key(i.File, i.Line, i.Column, i.Severity)).ToList();
                var sameIds = read.Customers.Select(c => c.Id).SequenceEqual(expected.Select(c => c.Id));
                var everyBreakOnce = issues.Order(StringComparer.Ordinal).SequenceEqual(expectedIssues.Order(StringComparer.Ordinal));
                var warningsKeepTheRow = read.Issues.Where(i => i.Severity == ImportIssueSeverity.Warning).All(i => i.Reason.EndsWith(" The field was left empty; the row was kept.", StringComparison.Ordinal));
                var lineMessages = read.Issues.Where(i => i.File == OrderLines).All(i => scenario.OrderBreaks.Keys.Any(id => i.Reason == $"order '{id}' is not among the imported orders."));
                var files = read.Files.ToDictionary(f => f.File);
                var counts = files[Customers].RowsRejected == 0 && files[Customers].Warnings == expectedIssues.Count(i => i.StartsWith(Customers, StringComparison.Ordinal))
                    && files[Orders].RowsRejected == scenario.OrderBreaks.Count && files[Orders].RowsKept == scenario.Customers.Sum(c => c.History.Orders.Count) - scenario.OrderBreaks.Count;

                // The import composes text to NFC (the generators write some names decomposed): compare after composing.
                var expectedJson = CrmKitJson.Serialize(expected).Normalize(NormalizationForm.FormC);
                var actualJson = CrmKitJson.Serialize(read.Customers).Normalize(NormalizationForm.FormC);
                var equal = expectedJson == actualJson;

                return (sameIds && everyBreakOnce && warningsKeepTheRow && lineMessages && counts && equal).Label(
                    $"ids {sameIds}, every break once {everyBreakOnce}, warnings keep the row {warningsKeepTheRow}, order-line messages {lineMessages}, file counts {counts}, customers equal {equal}\n"
                    + $"expected issues:\n{string.Join("\n", expectedIssues.Order(StringComparer.Ordinal))}\nissues:\n{string.Join("\n", read.Issues)}\n"
                    + (equal ? string.Empty : $"expected:\n{expectedJson}\nread:\n{actualJson}"));
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });

    // The customer as it must be read back: the broken optional fields unset, the rejected orders gone.
    private static Customer Unset(Customer customer, Scenario scenario)
    {
        var broken = scenario.CustomerBreaks.GetValueOrDefault(customer.Id, ImmutableDictionary<string, string>.Empty);
        return customer with
        {
            Gender = broken.ContainsKey("gender") ? null : customer.Gender,
            BirthDate = broken.ContainsKey("birth_date") ? null : customer.BirthDate,
            Emails = broken.ContainsKey("email") ? [] : customer.Emails,
            IncomeTier = broken.ContainsKey("income_tier") ? null : customer.IncomeTier,
            Phones = broken.ContainsKey("phone") ? [] : customer.Phones,
            Source = broken.ContainsKey("source") ? null : customer.Source,
            TimeZone = broken.ContainsKey("time_zone") ? null : customer.TimeZone,
            History = customer.History with { Orders = OrderHistory.From(customer.History.Orders.Where(o => !scenario.OrderBreaks.ContainsKey(o.Id))) },
        };
    }

    private static string Key(string file, int line, string? column, ImportIssueSeverity severity)
        => string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}:{severity}");

    private static int Column(string[] header, string name)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new InvalidOperationException($"The written file has no column '{name}'.");
    }

    /// <summary>
    /// Reads a CSV file with CsvHelper, lets <paramref name="change"/> edit each record (given the physical line where
    /// it will start), and writes the file back with CsvHelper, so quoting stays valid. The line of a record is counted
    /// as it is written: one for the record, plus one for each line break inside its fields.
    /// </summary>
    private static void Rewrite(string path, Action<string[], string[], int> change)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var records = new List<string[]>();
        using (var reader = new StreamReader(path, Encoding.UTF8))
        using (var parser = new CsvParser(reader, config))
        {
            while (parser.Read())
            {
                records.Add([.. parser.Record!]);
            }
        }

        var header = records[0];
        var line = 1 + header.Sum(f => f.Count(c => c == '\n')) + 1;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, config);
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            if (index > 0)
            {
                change(header, record, line);
                line += 1 + record.Sum(f => f.Count(c => c == '\n'));
            }

            foreach (var field in record)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }
}
