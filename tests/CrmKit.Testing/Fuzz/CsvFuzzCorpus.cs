using System.Globalization;
using System.Text;

namespace CrmKit.Testing.Fuzz;

/// <summary>One generated person of the clean data set: the personal data no import message may show in clear.</summary>
/// <param name="Id">The customer id.</param>
/// <param name="Name">The full name.</param>
/// <param name="Phone">The phone in E.164 (+84…).</param>
/// <param name="LocalPhone">The same phone as written locally (0…).</param>
/// <param name="Email">The email address.</param>
public sealed record FuzzPerson(string Id, string Name, string Phone, string LocalPhone, string Email);

/// <summary>
/// A broken variant of the clean CSV folder: the bytes of every file, what was done, and which rows of which file the
/// mutation touched (keyed by the row's id), so that every other row must survive the import.
/// </summary>
/// <param name="Index">The input's number in the corpus (with the seed, reproduces it).</param>
/// <param name="Mutation">What was done, e.g. <c>stray-quote</c>.</param>
/// <param name="File">The file the mutation changed.</param>
/// <param name="Touched">The keys of the rows of <paramref name="File"/> the mutation touched (may be lost).</param>
/// <param name="FileLevel">Whether the mutation concerns the whole file (a file-level issue at line 0 is then allowed).</param>
/// <param name="Files">File name → content.</param>
public sealed record CsvFuzzCase(int Index, string Mutation, string File, IReadOnlySet<string> Touched, bool FileLevel, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>Writes the files into <paramref name="folder"/> (created).</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in Files)
        {
            System.IO.File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"#{Index} {Mutation} in {File} (touches {Touched.Count} rows)";
}

/// <summary>
/// A seeded generator of broken CSV folders (issue 18, "a standing fuzz suite"): a small clean shop — customers,
/// orders and order lines of generated people with Vietnamese names, phones and emails — and, for each index, one
/// mutation of one file: truncation, stray and unbalanced quotes, control characters and NUL, invalid UTF-8, other
/// encodings (UTF-16 with and without BOM, Windows-1258), extreme numbers and dates, very long cells, very wide rows,
/// many columns, split rows, blank lines, other line endings and delimiters, and many extra rows. Each mutation
/// records the rows it touches, so the invariant "every untouched valid row is kept" can be checked.
/// </summary>
public sealed class CsvFuzzCorpus
{
    /// <summary>The header of the clean customers file.</summary>
    public static readonly string[] CustomerColumns = ["customer_id", "name", "created_at", "phone", "email"];

    /// <summary>The header of the clean orders file.</summary>
    public static readonly string[] OrderColumns = ["order_id", "customer_id", "placed_at", "total", "currency", "status"];

    /// <summary>The header of the clean order lines file.</summary>
    public static readonly string[] LineColumns = ["order_id", "sku", "product_name", "quantity", "unit_price"];

    /// <summary>The mutations, in the order the index cycles through them.</summary>
    public static readonly string[] Mutations =
    [
        "truncate", "stray-quote", "quote-inside", "unclosed-quote-last-row", "control-char", "nul", "escape-sequence",
        "invalid-utf8", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "windows-1258", "utf8-bom", "extreme-number",
        "extreme-date", "long-cell", "wide-row", "short-row", "many-columns", "split-row", "blank-lines", "crlf", "cr-only",
        "semicolon", "extra-rows", "header-quote", "header-missing", "swap-cells", "emoji", "lone-surrogate-bytes",
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] MiddleNames = ["Thị", "Văn", "Quốc", "Minh", "Ngọc", "Thanh", "Đức", "Hữu"];
    private static readonly string[] GivenNames = ["Hà", "Quang", "Lan", "Tuấn", "Thảo", "Hùng", "Hương", "Dũng", "Trang", "Khoa", "Yến", "Phúc", "Nhung", "Sơn"];
    private static readonly string[] ExtremeNumbers = ["79228162514264337593543950335", "-79228162514264337593543950335", "1e308", "-1e308", "1e-400", "NaN", "Infinity", "-0", "99999999999999999999999999999999999", "0x7FFFFFFF", "1,2,3", "١٢٣", "--5", "5e", "2147483648", "-2147483649", "0.0000000000000000000000000001"];
    private static readonly string[] ExtremeDates = ["9999-12-31T23:00:00Z", "9999-12-31T23:59:59+14:00", "-0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0000-00-00", "2025-02-30T00:00:00Z", "+275760-09-13T00:00:00Z", "2025-01-01T25:61:61Z", "1900-01-01", "2999-12-31", "2025-01-01T00:00:00+07:00\u0000junk", "99999999999", "1e308", "2025-13-01", "0"];

    private static readonly char[] ControlChars = ['\u0001', '\u0002', '\u0007', '\b', '\v', '\f', '\u001F', '\u007F', '\u0085'];

    private readonly int _seed;

    /// <summary>Creates the corpus for a seed: the clean data set and every mutation follow from it.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="customers">How many customers the clean data set has (tens keep an input small).</param>
    public CsvFuzzCorpus(int seed, int customers = 24)
    {
        _seed = seed;
        var random = new Random(seed);
        var people = new List<FuzzPerson>();
        for (var i = 1; i <= customers; i++)
        {
            var name = $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
            var subscriber = random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var prefix = new[] { "90", "91", "93", "98", "97" }[random.Next(5)];
            people.Add(new FuzzPerson($"KH{i:D4}", name, $"+84{prefix}{subscriber[..7]}", $"0{prefix}{subscriber[..7]}", $"khach{i}.{random.Next(1000, 9999)}@example.vn"));
        }

        People = people;
        var customerRows = people.Select((p, i) => new[] { p.Id, p.Name, Instant(2024, 1 + (i % 12), 1 + (i % 27)), p.Phone, p.Email }).ToList();
        var orderRows = new List<string[]>();
        var lineRows = new List<string[]>();
        var number = 1;
        foreach (var person in people)
        {
            for (var k = 0; k < 1 + random.Next(3); k++)
            {
                var id = $"HD{number++:D5}";
                var lines = 1 + random.Next(3);
                var total = 0;
                for (var l = 0; l < lines; l++)
                {
                    var price = 10_000 * (1 + random.Next(50));
                    var quantity = 1 + random.Next(3);
                    total += price * quantity;
                    lineRows.Add([id, $"SKU-{random.Next(100):D3}", $"Sản phẩm {l}", quantity.ToString(CultureInfo.InvariantCulture), price.ToString(CultureInfo.InvariantCulture)]);
                }

                orderRows.Add([id, person.Id, Instant(2025, 1 + random.Next(12), 1 + random.Next(28)), total.ToString(CultureInfo.InvariantCulture), "VND", "completed"]);
            }
        }

        Clean = new Dictionary<string, CsvTable>
        {
            ["customers.csv"] = new(CustomerColumns, customerRows),
            ["orders.csv"] = new(OrderColumns, orderRows),
            ["order_lines.csv"] = new(LineColumns, lineRows, CsvTable.ByOrderAndPosition(lineRows)),
        };
    }

    /// <summary>The generated people (their names, phones and emails must never appear in clear in a message).</summary>
    public IReadOnlyList<FuzzPerson> People { get; }

    /// <summary>The clean files as tables.</summary>
    public IReadOnlyDictionary<string, CsvTable> Clean { get; }

    /// <summary>The clean folder's files, UTF-8 without BOM, LF line ends.</summary>
    public IReadOnlyDictionary<string, byte[]> CleanFiles() => Clean.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value.Render(',', "\n")));

    /// <summary>The key of the data row at <paramref name="index"/> (0-based, header excluded) of a file.</summary>
    public string KeyOf(string file, int index) => Clean[file].KeyOf(index);

    /// <summary>The <paramref name="index"/>-th broken input: one mutation, chosen by the index, of one file.</summary>
    public CsvFuzzCase Case(int index)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + index)); // not HashCode: it is randomised per process
        var mutation = Mutations[index % Mutations.Length];
        var fileName = Clean.Keys.ElementAt(random.Next(Clean.Count));
        var table = Clean[fileName];
        var files = CleanFiles().ToDictionary(f => f.Key, f => f.Value);
        var rows = table.Rows.Select(r => r.ToArray()).ToList();
        var header = table.Header.ToArray();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var fileLevel = false;
        var row = random.Next(rows.Count);
        var cell = random.Next(header.Length);
        var delimiter = ',';
        var newline = "\n";
        Encoding encoding = new UTF8Encoding(false);
        byte[]? raw = null;

        void Touch(int r) => touched.Add(table.KeyOf(r));
        void TouchFrom(int r)
        {
            for (var i = r; i < rows.Count; i++)
            {
                Touch(i);
            }
        }

        switch (mutation)
        {
            case "truncate":
            {
                var text = Encoding.UTF8.GetBytes(table.Render(',', "\n"));
                var cut = random.Next(1, text.Length);
                raw = text[..cut];
                // The row in which the cut falls and every later one are touched; a cut inside the header loses all.
                var before = Encoding.UTF8.GetString(text, 0, cut);
                var completeLines = before.Count(c => c == '\n');
                TouchFrom(Math.Max(0, completeLines - 1));
                fileLevel = completeLines == 0;
                break;
            }

            case "stray-quote":
                rows[row][cell] = "\"" + rows[row][cell];
                Touch(row);
                break;
            case "quote-inside":
                rows[row][cell] = rows[row][cell].Insert(rows[row][cell].Length / 2, "\"");
                Touch(row);
                break;
            case "unclosed-quote-last-row":
                row = rows.Count - 1;
                rows[row][cell] = "\"" + rows[row][cell] + "\n\n";
                Touch(row);
                break;
            case "control-char":
                rows[row][cell] = rows[row][cell].Insert(random.Next(rows[row][cell].Length + 1), ControlChars[random.Next(ControlChars.Length)].ToString());
                Touch(row);
                break;
            case "nul":
                rows[row][cell] += "\0junk";
                Touch(row);
                break;
            case "escape-sequence":
                rows[row][cell] = "\u001B[31m\u001B]0;pwned\u0007" + rows[row][cell];
                Touch(row);
                break;
            case "invalid-utf8":
            case "lone-surrogate-bytes":
            {
                // Broken bytes in one cell: the reader may fall back to another encoding for the whole file, but ids are ASCII.
                var marker = "\u0001MARK\u0001";
                rows[row][cell] += marker;
                var text = Encoding.UTF8.GetBytes(new CsvTable(header, rows).Render(',', "\n"));
                var bad = mutation == "invalid-utf8" ? new byte[] { 0xFF, 0xC3, 0x28 } : new byte[] { 0xED, 0xA0, 0x80 };
                raw = Replace(text, Encoding.UTF8.GetBytes(marker), bad);
                Touch(row);
                fileLevel = true;
                break;
            }

            case "utf16le-bom":
                encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
                break;
            case "utf16be-bom":
                encoding = new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
                break;
            case "utf16le-no-bom":
                encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
                break;
            case "windows-1258":
                encoding = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1258)!;
                break;
            case "utf8-bom":
                encoding = new UTF8Encoding(true);
                break;
            case "extreme-number":
            {
                var numeric = NumericColumns(fileName);
                cell = numeric[random.Next(numeric.Length)];
                rows[row][cell] = ExtremeNumbers[random.Next(ExtremeNumbers.Length)];
                Touch(row);
                break;
            }

            case "extreme-date":
            {
                cell = Array.IndexOf(header, fileName == "orders.csv" ? "placed_at" : "created_at");
                if (cell < 0)
                {
                    cell = Array.IndexOf(header, "quantity");
                }

                rows[row][cell] = ExtremeDates[random.Next(ExtremeDates.Length)];
                Touch(row);
                break;
            }

            case "long-cell":
                rows[row][cell] = new string('x', random.Next(10_000, 200_000));
                Touch(row);
                break;
            case "wide-row":
                rows[row] = [.. rows[row], .. Enumerable.Repeat("extra", random.Next(100, 5_000))];
                Touch(row);
                break;
            case "short-row":
                rows[row] = rows[row][..random.Next(1, header.Length)];
                Touch(row);
                break;
            case "many-columns":
            {
                var extra = random.Next(50, 400);
                header = [.. header, .. Enumerable.Range(0, extra).Select(i => $"extra_{i}")];
                for (var r = 0; r < rows.Count; r++)
                {
                    rows[r] = [.. rows[r], .. Enumerable.Repeat("v", extra)];
                }

                break;
            }

            case "split-row":
            {
                // The row is broken into two physical rows at a cell boundary: both halves are bad, nothing else.
                var at = random.Next(1, header.Length);
                rows.Insert(row + 1, rows[row][at..]);
                rows[row] = rows[row][..at];
                var key = table.KeyOf(row);
                touched.Add(key);
                return Build(index, mutation, fileName, touched, fileLevel, files, new CsvTable(header, rows, KeyAt(table, row)), delimiter, newline, encoding, raw);
            }

            case "blank-lines":
                for (var k = 0; k < 3; k++)
                {
                    rows.Insert(random.Next(rows.Count + 1), [""]);
                }

                return Build(index, mutation, fileName, touched, fileLevel, files, new CsvTable(header, rows), delimiter, newline, encoding, raw);
            case "crlf":
                newline = "\r\n";
                break;
            case "cr-only":
                newline = "\r";
                break;
            case "semicolon":
                delimiter = ';';
                break;
            case "extra-rows":
            {
                // Many more rows than the clean file (a size within a bound), each valid and new.
                var count = random.Next(1_000, 5_000);
                for (var k = 0; k < count; k++)
                {
                    var copy = rows[k % table.Rows.Count].ToArray();
                    copy[0] = fileName == "order_lines.csv" ? copy[0] : $"{copy[0]}X{k}";
                    rows.Add(copy);
                }

                break;
            }

            case "header-quote":
                header[cell] = "\"" + header[cell];
                TouchFrom(0);
                fileLevel = true;
                break;
            case "header-missing":
                // The first data row stands where the header should be: the whole file is refused at its header.
                TouchFrom(0);
                fileLevel = true;
                return Build(index, mutation, fileName, touched, fileLevel, files, new CsvTable(rows[0], rows.Skip(1).ToList()), delimiter, newline, encoding, raw);
            case "swap-cells":
            {
                var other = (cell + 1 + random.Next(header.Length - 1)) % header.Length;
                (rows[row][cell], rows[row][other]) = (rows[row][other], rows[row][cell]);
                Touch(row);
                break;
            }

            case "emoji":
                rows[row][cell] += "😀\u200D👩‍👩‍👧";
                Touch(row);
                break;
            default:
                throw new InvalidOperationException(mutation);
        }

        return Build(index, mutation, fileName, touched, fileLevel, files, new CsvTable(header, rows, table.KeyOf), delimiter, newline, encoding, raw);
    }

    private static Func<int, string> KeyAt(CsvTable table, int split) => r => r <= split ? table.KeyOf(r) : table.KeyOf(r - 1);

    private static CsvFuzzCase Build(int index, string mutation, string file, HashSet<string> touched, bool fileLevel, Dictionary<string, byte[]> files, CsvTable table, char delimiter, string newline, Encoding encoding, byte[]? raw)
    {
        files[file] = raw ?? [.. encoding.GetPreamble(), .. encoding.GetBytes(table.Render(delimiter, newline))];
        return new CsvFuzzCase(index, mutation, file, touched, fileLevel, files);
    }

    private static int[] NumericColumns(string file) => file switch
    {
        "orders.csv" => [3],
        "order_lines.csv" => [3, 4],
        _ => [2],
    };

    private static string Instant(int year, int month, int day)
        => new DateTimeOffset(year, month, day, 10, 30, 0, TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static byte[] Replace(byte[] text, byte[] marker, byte[] with)
    {
        var at = text.AsSpan().IndexOf(marker);
        return at < 0 ? text : [.. text[..at], .. with, .. text[(at + marker.Length)..]];
    }
}

/// <summary>A CSV file as rows of cells, with each row's key.</summary>
public sealed class CsvTable
{
    private readonly Func<int, string> _keyAt;

    /// <summary>A table whose row <c>i</c> is keyed by <paramref name="keyAt"/> (default: its first cell).</summary>
    public CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows, Func<int, string>? keyAt = null)
    {
        Header = header;
        Rows = rows;
        _keyAt = keyAt ?? (i => rows[i][0]);
    }

    /// <summary>The header cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The key of the row at <paramref name="index"/>: its id, or for order lines <c>order_id#n</c>.</summary>
    public string KeyOf(int index) => _keyAt(index);

    /// <summary>Order lines are keyed <c>order_id#n</c>, the n-th line of their order.</summary>
    public static Func<int, string> ByOrderAndPosition(IReadOnlyList<string[]> rows)
    {
        var keys = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var n = seen.GetValueOrDefault(row[0]);
            seen[row[0]] = n + 1;
            keys.Add($"{row[0]}#{n}");
        }

        return i => keys[i];
    }

    /// <summary>The CSV text: cells with the delimiter or a line end are quoted (unless they start with a quote on purpose).</summary>
    public string Render(char delimiter, string newline)
    {
        var text = new StringBuilder();
        foreach (var row in Rows.Prepend([.. Header]))
        {
            text.AppendJoin(delimiter, row.Select(c => c.IndexOfAny([delimiter, '\n', '\r']) >= 0 && !c.StartsWith('"') ? $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : c));
            text.Append(newline);
        }

        return text.ToString();
    }
}
