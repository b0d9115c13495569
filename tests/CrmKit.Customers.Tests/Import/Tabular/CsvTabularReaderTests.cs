using System.Text;
using CrmKit.Customers.Import;
using CrmKit.Customers.Import.Tabular;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// The CSV reader over Sep: physical line numbers and cells as written, whatever the line breaks and however the text
/// arrives in pieces; a row is the reader's own and refilled, a copy keeps its cells.
/// </summary>
public class CsvTabularReaderTests
{
    // Reads every row as "line: cell|cell|…" (an empty cell as "∅").
    private static List<string> ReadAll(TextReader text, List<ImportIssue> issues)
    {
        using var reader = new CsvTabularReader(text, "f.csv", ',', "utf-8", issues);
        var rows = new List<string> { $"{reader.HeaderLine}: {string.Join('|', reader.Header)}" };
        while (reader.Read(out var row))
        {
            rows.Add($"{row.Line}: {string.Join('|', Enumerable.Range(0, row.Count).Select(i => row.Text(i) ?? "∅"))}");
        }

        return rows;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Read_ManyPiecesOfText_EveryRowAtItsLine(string newline)
    {
        // 20,000 rows, a blank line before every 997th, a quote never closed on row 12,345 (its record runs over three
        // lines, the last two of which are rows of their own: reading resumes at the next line), handed out 4,093
        // characters at a time so that line breaks fall between the pieces. (A malformed record is split into lines at
        // LF only, as it always was: with CR alone the broken record is left out.)
        var text = new StringBuilder("id,name").Append(newline);
        var expected = new List<string> { "1: id|name" };
        var line = 1;
        var broken = 0;
        for (var i = 0; i < 20_000; i++)
        {
            if (i % 997 == 0)
            {
                text.Append(newline);
                line++;
            }

            if (i == 12_345 && newline != "\r")
            {
                text.Append(i).Append(",\"open").Append(newline).Append("x1,y").Append(newline).Append("x2,y").Append(newline);
                broken = line + 1;
                expected.Add($"{line + 2}: x1|y");
                expected.Add($"{line + 3}: x2|y");
                line += 3;
                continue;
            }

            text.Append(i).Append(",name ").Append(i).Append(newline);
            line++;
            expected.Add($"{line}: {i}|name {i}");
        }

        var issues = new List<ImportIssue>();
        var rows = ReadAll(new PiecesReader(text.ToString(), 4093), issues);

        Assert.Equal(expected, rows);
        Assert.Equal(newline == "\r" ? 0 : 1, issues.Count);
        Assert.All(issues, issue => Assert.Equal(
            $"f.csv:{broken}: the row is not valid CSV: the quoted field opened at character 7 of the line is not closed on it; the row was skipped and reading resumed at line {broken + 1}.",
            issue.ToString()));
    }

    [Fact]
    public void Read_QuotedFieldsAndLineBreaksInside_AreUnquotedAndCleaned()
    {
        var text = "\uFEFFid,note,code\r\n\"1\",\"a \"\"b\"\"\r\nc \",\"=\"\"007\"\"\"\r\n2,  ' -x+y ,\r\n3,\"Ha\u0300 No\u0302\u0323i\",'=1\r\n";
        var issues = new List<ImportIssue>();

        var rows = ReadAll(new StringReader(text), issues);

        Assert.Equal(["1: id|note|code", "2: 1|a \"b\"\r\nc|007", "4: 2|' -x+y|∅", "5: 3|Hà Nội|=1"], rows);
        Assert.Empty(issues);
    }

    [Fact]
    public void Read_NextRow_RefillsTheRowAndACopyKeepsItsCells()
    {
        using var reader = new CsvTabularReader(new StringReader("id,name,tag\n1,An,vip\n2,Binh,\n"), "f.csv", ',', "utf-8", new List<ImportIssue>());

        Assert.True(reader.Read(out var first));
        var copy = first.Copy();
        var name = first.Text(1);
        Assert.Same(name, first.Text(1)); // made once per row
        Assert.True(reader.Read(out var second));

        Assert.Same(first, second);
        Assert.Equal((3, "2", "Binh", true), (second.Line, second.Text(0), second.Text(1), second.IsEmpty(2)));
        Assert.Equal((2, "1", "An", "vip"), (copy.Line, copy.Text(0), copy.Text(1), copy.Text(2)));
        Assert.Equal("An", name);
        Assert.False(reader.Read(out _));
    }

    // A text handed out at most a given number of characters per read.
    private sealed class PiecesReader(string text, int piece) : TextReader
    {
        private int _at;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, piece), text.Length - _at);
            text.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Peek() => _at < text.Length ? text[_at] : -1;

        public override int Read() => _at < text.Length ? text[_at++] : -1;
    }

    /// <summary>
    /// A quote never closed early in a large file: the reader stops with a located error once the parser holds its
    /// limit of one record, instead of failing with the parser's exception (an internal error) or reading on.
    /// </summary>
    [Fact]
    public void Read_QuoteNeverClosed_InALargeFile_StopsWithALocatedError()
    {
        var head = "id,name\n1,ok\n2,\"never closed\n";
        var text = new CountingReader(head, filler: 64 * CsvTabularReader.MaxFieldLength);
        var issues = new List<ImportIssue>();

        var rows = ReadAll(text, issues);

        Assert.Equal(["1: id|name", "2: 1|ok"], rows);
        var issue = Assert.Single(issues);
        Assert.Equal(3, issue.Line);
        Assert.Equal($"a record is longer than {CsvTabularReader.MaxRecordLength:N0} characters (the limit of one row); the rest of the file from line 3 was not read.", issue.Reason);
        Assert.InRange(text.Handed, CsvTabularReader.MaxRecordLength / 2, CsvTabularReader.MaxRecordLength + (2 * CsvTabularReader.MaxFieldLength));
    }

    /// <summary>A record longer than the record limit whose fields each stay within the field limit: stopped with the same located message, never cut into a shorter row.</summary>
    [Fact]
    public void Read_RecordOverTheRecordLimit_StopsWithItsOwnMessage()
    {
        var columns = (CsvTabularReader.MaxRecordLength / (CsvTabularReader.MaxFieldLength - 1)) + 2;
        var cell = new string('x', CsvTabularReader.MaxFieldLength - 1);
        var header = string.Join(',', Enumerable.Range(0, columns).Select(c => $"c{c}"));
        var issues = new List<ImportIssue>();

        var rows = ReadAll(new StringReader($"{header}\n{string.Join(',', Enumerable.Repeat("y", columns))}\n{string.Join(',', Enumerable.Repeat(cell, columns))}\n"), issues);

        Assert.Equal(2, rows.Count);
        var issue = Assert.Single(issues);
        Assert.Equal(3, issue.Line);
        Assert.Equal($"a record is longer than {CsvTabularReader.MaxRecordLength:N0} characters (the limit of one row); the rest of the file from line 3 was not read.", issue.Reason);
    }

    /// <summary>A wide record well under the record limit (eight cells just under the field limit), with LF or CRLF: read whole, and so is the row after it.</summary>
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_WideRecordUnderTheLimit_IsRead(string newline)
    {
        const int cells = 8;
        var cell = new string('x', CsvTabularReader.MaxFieldLength - 1);
        var header = string.Join(',', Enumerable.Range(0, cells).Select(c => $"c{c}"));
        var issues = new List<ImportIssue>();

        var rows = ReadAll(new StringReader($"{header}{newline}{string.Join(',', Enumerable.Repeat(cell, cells))}{newline}a,b,c,d,e,f,g,h{newline}"), issues);

        Assert.Empty(issues);
        Assert.Equal(3, rows.Count);
        Assert.Equal("2: " + string.Join('|', Enumerable.Repeat(cell, cells)), rows[1]);
        Assert.Equal("3: a|b|c|d|e|f|g|h", rows[2]);
    }

    // A head, then `filler` characters of short lines; counts the characters handed out.
    private sealed class CountingReader(string head, long filler) : TextReader
    {
        private long _at;

        public long Handed { get; private set; }

        public override int Read(Span<char> buffer)
        {
            var n = 0;
            for (; n < buffer.Length && _at < head.Length + filler; n++, _at++)
            {
                buffer[n] = _at < head.Length ? head[(int)_at] : ((_at - head.Length) % 64 == 63 ? '\n' : 'x');
            }

            Handed += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }
}
