namespace CrmKit.Customers.Import;

/// <summary>
/// Chooses the field delimiter of a CSV text from its first records: comma, semicolon (Excel's choice where the
/// decimal mark is a comma, as in Vietnam), tab or vertical bar.
/// </summary>
/// <remarks>
/// A candidate fits when it splits the header into more than one field and most following sample records into as
/// many (more than half), so that one broken row does not send the whole file to another delimiter; that row is
/// then reported by the reader. Fields in double quotes (RFC 4180: the quote opens the field, <c>""</c> inside is a
/// quote) may hold delimiters and line breaks; blank lines are skipped. Among fitting candidates the one most records
/// agree with wins, then the one giving the most fields (a header <c>a;b;c,d</c> whose records agree both ways is
/// split by <c>;</c>), then the order <c>,</c> <c>;</c> tab <c>|</c>.
/// </remarks>
internal static class DelimiterDetector
{
    /// <summary>The delimiters considered, in order of preference.</summary>
    public static IReadOnlyList<char> Candidates { get; } = [',', ';', '\t', '|'];

    /// <summary>How many records (the header included) are examined by default.</summary>
    public const int DefaultSampleRecords = 20;

    /// <summary>Chooses the delimiter of a text.</summary>
    /// <param name="sample">The start of the file (or all of it), decoded.</param>
    /// <param name="isWholeText">
    /// Whether <paramref name="sample"/> is the whole file; when it is not, a last record not ended by a line
    /// break may be cut short and is left out.
    /// </param>
    /// <param name="maxRecords">How many records, the header included, to examine at most.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRecords"/> is below 1.</exception>
    public static DelimiterDetection Detect(string sample, bool isWholeText = false, int maxRecords = DefaultSampleRecords)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        var reasons = new List<string>(Candidates.Count);
        DelimiterDetection? best = null;
        var bestAgreeing = -1;
        foreach (var candidate in Candidates)
        {
            var records = Split(sample, candidate, isWholeText, maxRecords);
            if (records.Count == 0)
            {
                return new DelimiterDetection(null, 0, 0, "the text has no records");
            }

            // A candidate fits when it splits the header into more than one field and most following records into
            // as many: one broken row (a stray delimiter in a note) must not send the whole file to another delimiter.
            var header = records[0].Fields;
            var following = records.Skip(1).ToList();
            var agreeing = following.Count(r => r.Fields == header);
            var firstOff = following.FirstOrDefault(r => r.Fields != header);
            var reason = header < 2 ? "the header has 1 field"
                : following.Count > 0 && agreeing * 2 <= following.Count ? $"line {firstOff.Line} has {firstOff.Fields} {Fields(firstOff.Fields)} but the header has {header}" + (following.Count - agreeing > 1 ? $", and {following.Count - agreeing - 1} more of the first {following.Count} records disagree too" : string.Empty)
                : null;
            if (reason is not null)
            {
                reasons.Add($"{NameOf(candidate)}: {reason}");
            }
            else if (best is null || agreeing > bestAgreeing || (agreeing == bestAgreeing && header > best.FieldCount))
            {
                best = new DelimiterDetection(candidate, header, records.Count, null);
                bestAgreeing = agreeing;
            }
        }

        return best ?? new DelimiterDetection(null, 0, 0, $"no delimiter fits the first lines: {string.Join("; ", reasons)}");
    }

    /// <summary><c>','</c>, <c>';'</c>, <c>tab</c>, <c>'|'</c>.</summary>
    public static string NameOf(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";

    private static string Fields(int count) => count == 1 ? "field" : "fields";

    // The records of the sample split by one delimiter: the line each starts on and its number of fields.
    private static List<(int Line, int Fields)> Split(string text, char delimiter, bool isWholeText, int maxRecords)
    {
        var records = new List<(int Line, int Fields)>();
        var line = 1;
        var recordLine = 1;
        var fields = 1;
        var fieldStart = true;
        var inQuotes = false;
        var hasContent = false;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length && records.Count < maxRecords; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                {
                    line++;
                }

                continue;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (hasContent)
                {
                    records.Add((recordLine, fields));
                }

                line++;
                recordLine = line;
                fields = 1;
                fieldStart = true;
                hasContent = false;
                continue;
            }

            if (c == '"' && fieldStart)
            {
                inQuotes = true;
                fieldStart = false;
                hasContent = true;
            }
            else if (c == delimiter)
            {
                fields++;
                fieldStart = true;
                hasContent = true;
            }
            else
            {
                fieldStart = false;
                hasContent |= !char.IsWhiteSpace(c);
            }
        }

        // A last record without a line break: complete only when the sample is the whole text.
        if (hasContent && records.Count < maxRecords && isWholeText && !inQuotes)
        {
            records.Add((recordLine, fields));
        }

        return records;
    }
}
