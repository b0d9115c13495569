using System.CommandLine;
using System.Data;
using System.Globalization;
using System.Text;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CsvHelper;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace CrmKit.Cli.Profile;

/// <summary>
/// A call or message list written for people to work through in a spreadsheet (<c>crmkit segment --members</c>,
/// <c>crmkit care agenda --out</c>): <c>.csv</c> (UTF-8 with a byte order mark, so that Excel shows diacritics; every
/// text cell passed through <see cref="SpreadsheetSafety.Cell"/>, so that no cell starts a formula) or <c>.xlsx</c>
/// (written with MiniExcel; text is stored as text cells, which a spreadsheet never evaluates, numbers as numbers).
/// The header row names the columns in the invocation's language (<see cref="Column.Header"/>: "Mã KH", "Họ tên" …)
/// and the cells are written for people (dates in the language's form, channels, statuses and templates by name);
/// with <c>--codes</c> (<see cref="CodesOption"/>) the header is the columns' invariant snake_case names and the cells
/// are codes, for a program that reads the file. Such a file holds
/// personal data (names, phone numbers, emails): <see cref="Write"/> says so on the error stream, and the file carries
/// a notice in the invocation's language (<see cref="NoticeLines"/>: what it holds, its purpose, keep it only as long
/// as needed, Vietnam's Decree 13/2023/ND-CP) — a second sheet <see cref="ProfileStrings.NoticeSheet"/> of the
/// <c>.xlsx</c>, or <c>NAME.notice.txt</c> beside a <c>.csv</c> (<see cref="NoticeFile"/>), named on the output.
/// </summary>
internal static class ContactListFile
{
    /// <summary>The file kinds <c>--out</c> accepts.</summary>
    public static readonly string[] Extensions = [".csv", ".xlsx"];

    /// <summary>
    /// A column: its invariant name (the header with <c>--codes</c>), its header for people (<see cref="Label"/> of the
    /// name unless given) and whether its cells are numbers (written as numbers in .xlsx).
    /// </summary>
    public sealed record Column(string Name, bool Numeric = false, string? Label = null)
    {
        /// <summary>The header for people: <see cref="Label"/>, else the name's label in <see cref="ProfileStrings"/> (<c>Column_</c> + the name), else the name.</summary>
        public string Header => Label ?? HeaderOf(Name);
    }

    /// <summary>A column's header in the invocation's language: <c>customer_id</c> → "Mã KH" / "Customer ID"; a name without one stays as it is.</summary>
    public static string HeaderOf(string name)
        => ProfileStrings.ResourceManager.GetString("Column_" + name, System.Globalization.CultureInfo.CurrentUICulture) ?? name;

    /// <summary>The option <c>--codes</c>: invariant column names and coded values, for programs.</summary>
    public static Option<bool> CodesOption() => new("--codes") { Description = ProfileStrings.CodesOptionDescription };

    /// <summary>Checks that <paramref name="file"/> is a .csv or .xlsx file that can be written (before any work is done).</summary>
    /// <exception cref="InvalidValueException">Another extension, a folder, or a file that cannot be written.</exception>
    public static void Check(FileInfo file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
        {
            // A folder (crmkit care agenda --out /tmp): say so and what to give instead, not "neither .csv nor .xlsx".
            throw new InvalidValueException(option, Display.Format(Strings.ErrorIsFolder, file.FullName), Display.Format(ProfileStrings.OutIsFolder, Path.Combine(file.FullName, ProfileStrings.CallListFileName)));
        }

        if (!Extensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidValueException(option, Display.Format(ProfileStrings.OutExtensionInvalid, file.Name), ProfileStrings.OutExtensionHint);
        }

        OutputFiles.CheckFile(file, option);
    }

    /// <summary>
    /// Writes <paramref name="rows"/> under <paramref name="columns"/> to <paramref name="file"/> (.csv or .xlsx, by its
    /// extension) with its personal-data notice for <paramref name="purpose"/> (a sheet of the .xlsx, else
    /// <see cref="NoticeFile"/>, then named on <paramref name="output"/>), and tells <paramref name="error"/> that the
    /// file holds personal data of <paramref name="customers"/> customers (nothing when there are none). A numeric cell is a <see cref="decimal"/>, a
    /// <see cref="long"/> or <see langword="null"/>; a text cell a string or <see langword="null"/>.
    /// </summary>
    public static void Write(FileInfo file, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows, int customers, string purpose, string sheet, TextWriter output, TextWriter error, bool codes = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        file.Directory?.Create();
        var notice = NoticeLines(customers, purpose);
        var headers = columns.Select(c => codes ? c.Name : c.Header).ToList();
        // Two figures with one label (the same field over other orders) keep apart by their names.
        headers = [.. headers.Select((h, i) => headers.Count(x => string.Equals(x, h, StringComparison.OrdinalIgnoreCase)) > 1 ? $"{h} ({columns[i].Name})" : h)];
        if (string.Equals(file.Extension, ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            WriteXlsx(file, columns, headers, rows, notice, SheetName(sheet));
        }
        else
        {
            WriteCsv(file, headers, rows);
            var noticeFile = NoticeFile(file);
            File.WriteAllLines(noticeFile.FullName, notice, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            output.WriteLine(Display.Format(ProfileStrings.NoticeWritten, noticeFile.FullName, file.Name));
        }

        // An empty list (a segment with no member, an agenda with nobody due) holds nobody's data: no warning.
        if (customers > 0)
        {
            error.WriteLine($"crmkit: {Display.Format(ProfileStrings.PersonalDataWritten, file.FullName, Display.Number(customers))}");
        }
    }

    /// <summary>
    /// The name of the list's sheet in an .xlsx: <paramref name="content"/> (the segment's display name, "Danh sách gọi")
    /// as Excel accepts it — without the characters it forbids ([ ] : * ? / \), at most 31 characters, never empty and
    /// never the notice sheet's name.
    /// </summary>
    public static string SheetName(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var cleaned = new string([.. content.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal) && !char.IsControl(c))]).Trim().Trim('\'');
        var text = new System.Globalization.StringInfo(cleaned);
        if (text.LengthInTextElements > MaxSheetName)
        {
            cleaned = text.SubstringByTextElements(0, MaxSheetName).TrimEnd();
        }

        // Excel counts UTF-16 units; a name of combined characters may still be longer.
        cleaned = cleaned.Length > MaxSheetName ? cleaned[..MaxSheetName].TrimEnd() : cleaned;
        return cleaned.Length == 0 || string.Equals(cleaned, ProfileStrings.NoticeSheet, StringComparison.OrdinalIgnoreCase) ? ProfileStrings.SheetCallList : cleaned;
    }

    private const int MaxSheetName = 31;

    /// <summary>The notice written beside a .csv list: <c>NAME.notice.txt</c> in its folder (<c>members.csv</c> → <c>members.notice.txt</c>).</summary>
    public static FileInfo NoticeFile(FileInfo list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new FileInfo(Path.Combine(list.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(list.Name) + ".notice.txt"));
    }

    /// <summary>
    /// The personal-data notice of a list of <paramref name="customers"/> customers written for <paramref name="purpose"/>,
    /// one sentence a line, in the invocation's language: what the file holds, its purpose, that it is kept only as long
    /// as needed, and the law that applies (Vietnam's Decree 13/2023/ND-CP on personal data protection).
    /// </summary>
    public static IReadOnlyList<string> NoticeLines(int customers, string purpose) =>
    [
        Display.Format(ProfileStrings.NoticeHolds, Display.Count(customers, ProfileStrings.CustomerCountOne, ProfileStrings.CustomerCountMany)),
        Display.Format(ProfileStrings.NoticePurpose, purpose),
        ProfileStrings.NoticeKeep,
        ProfileStrings.NoticeDecree,
    ];

    /// <summary>How a phone number is written in a list: <c>0912 345 678</c> for Vietnamese numbers (the grouping keeps a spreadsheet from reading it as a number and dropping the 0), E.164 for others.</summary>
    public static string Phone(PhoneNumber phone)
    {
        var national = phone.Format(PhoneNumberFormat.National);
        return national.StartsWith('+') ? phone.E164 : national;
    }

    private static void WriteCsv(FileInfo file, IReadOnlyList<string> headers, IReadOnlyList<object?[]> rows)
    {
        using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in headers)
        {
            csv.WriteField(SpreadsheetSafety.Cell(header));
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell switch
                {
                    null => string.Empty,
                    decimal d => d.ToString(CultureInfo.InvariantCulture),
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    var other => SpreadsheetSafety.Cell(Convert.ToString(other, CultureInfo.InvariantCulture)),
                });
            }

            csv.NextRecord();
        }
    }

    private static void WriteXlsx(FileInfo file, IReadOnlyList<Column> columns, List<string> headers, IReadOnlyList<object?[]> rows, IReadOnlyList<string> notice, string sheet)
    {
        // A DataTable, so that the header row is written even for an empty list and each column has one type.
        using var table = new DataTable("list") { Locale = CultureInfo.InvariantCulture };
        for (var i = 0; i < columns.Count; i++)
        {
            table.Columns.Add(headers[i], columns[i].Numeric ? typeof(decimal) : typeof(string));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(cell => cell switch
            {
                null => DBNull.Value,
                long l => (decimal)l,
                var other => other,
            })]);
        }

        // The notice: a second sheet, one sentence a row under the sheet's title.
        using var noticeTable = new DataTable("notice") { Locale = CultureInfo.InvariantCulture };
        noticeTable.Columns.Add(ProfileStrings.NoticeSheet, typeof(string));
        foreach (var line in notice)
        {
            noticeTable.Rows.Add(line);
        }

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal) { [sheet] = table, [ProfileStrings.NoticeSheet] = noticeTable };
        MiniExcel.SaveAs(file.FullName, sheets, overwriteFile: true);
    }
}
