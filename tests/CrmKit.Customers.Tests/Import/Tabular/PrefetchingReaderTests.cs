using System.Text;
using CrmKit.Customers.Import;
using CrmKit.Customers.Import.Tabular;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// The reader that splits rows on a thread of its own hands on exactly what the CSV reader gives when read directly:
/// rows, issues at the same place among the caller's own issues, skipped lines, and a failure at the same row.
/// </summary>
public class PrefetchingReaderTests
{
    // Rows over more than three batches, with blank lines, a quoted newline, a stray quote on one line, a record with an
    // extra field, and a quote left open over three lines (the record is skipped and reading resumes), each at a line
    // known here.
    private static (string Text, int[] Skipped, int Rows) Sample()
    {
        var text = new StringBuilder("id,name,note\n");
        var line = 1;
        var skipped = new List<int>();
        var rows = 0;
        for (var i = 0; i < 3 * PrefetchingReader.BatchRows + 100; i++)
        {
            switch (i % 500)
            {
                case 7:
                    text.Append('\n'); // a blank line
                    line++;
                    break;
                case 11:
                    text.Append(i).Append(",\"multi\nline\",x\n"); // one row over two lines
                    line += 2;
                    rows++;
                    continue;
                case 13:
                    text.Append(i).Append(",a\"b,x\n"); // a quote inside an unquoted field
                    line++;
                    skipped.Add(line);
                    continue;
                case 17:
                    text.Append(i).Append(",a,b,c\n"); // one field too many
                    line++;
                    skipped.Add(line);
                    continue;
                case 19:
                    text.Append(i).Append(",\"open,x\n").Append(i).Append("b,y,z\n").Append(i).Append("c,y,z\n"); // a quote never closed
                    line += 3;
                    skipped.Add(line - 2);
                    rows += 2; // reading resumes at the second of the three lines
                    continue;
            }

            text.Append(i).Append(",name ").Append(i).Append(",note\n");
            line++;
            rows++;
        }

        return (text.ToString(), [.. skipped], rows);
    }

    // Reads every row, adding an issue of the caller's own after each read (so the place of the reader's issues among
    // them is compared too).
    private static (List<string> Rows, List<string> Issues, int[] Skipped) ReadAll(ITabularReader reader, List<ImportIssue> issues)
    {
        var rows = new List<string>();
        while (reader.Read(out var row))
        {
            rows.Add($"{row.Line}: {string.Join('|', Enumerable.Range(0, row.Count).Select(row.Text))}");
            issues.Add(new ImportIssue("caller", row.Line, null, "after the row"));
        }

        issues.Add(new ImportIssue("caller", 0, null, "at the end"));
        return (rows, [.. issues.Select(i => i.ToString())], [.. reader.SkippedLines]);
    }

    [Fact]
    public void Read_MalformedAndMultilineCsv_GivesWhatTheCsvReaderGivesInPlace()
    {
        var (text, skipped, rowCount) = Sample();
        var directIssues = new List<ImportIssue>();
        using var direct = new CsvTabularReader(new StringReader(text), "f.csv", ',', "utf-8", directIssues);
        var expected = ReadAll(direct, directIssues);

        var prefetchedIssues = new List<ImportIssue>();
        using var prefetching = new PrefetchingReader(own => new CsvTabularReader(new StringReader(text), "f.csv", ',', "utf-8", own), prefetchedIssues);
        var actual = ReadAll(prefetching, prefetchedIssues);

        Assert.Equal(skipped, expected.Skipped); // the sample is what this test says it is
        Assert.Equal(rowCount, expected.Rows.Count);
        Assert.Equal(["id", "name", "note"], prefetching.Header);
        Assert.Equal(1, prefetching.HeaderLine);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Issues, actual.Issues);
        Assert.Equal(expected.Skipped, actual.Skipped);
        Assert.Equal(17, skipped[0]); // header, rows 0–6, a blank line, rows 7–10, row 11 over two lines, row 12, then row 13
        var at = actual.Issues.FindIndex(i => i.StartsWith("f.csv:17: the row is not valid CSV", StringComparison.Ordinal));
        Assert.Equal("caller:16: after the row", actual.Issues[at - 1]);
        Assert.Equal("caller:18: after the row", actual.Issues[at + 1]);
    }

    [Fact]
    public void Read_InnerReaderFails_ThrowsAtTheSameRowAfterTheRowsBefore()
    {
        var text = "id,name\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},n{i}\n"));
        var failAt = text.Length / 2;

        var direct = new List<string>();
        using (var reader = new CsvTabularReader(new FailingReader(text, failAt), "f.csv", ',', "utf-8", new List<ImportIssue>()))
        {
            Assert.Throws<IOException>(() => { while (reader.Read(out var row)) { direct.Add(row.Text(0)!); } });
        }

        var prefetched = new List<string>();
        using (var reader = new PrefetchingReader(own => new CsvTabularReader(new FailingReader(text, failAt), "f.csv", ',', "utf-8", own), []))
        {
            var thrown = Assert.Throws<IOException>(() => { while (reader.Read(out var row)) { prefetched.Add(row.Text(0)!); } });
            Assert.Equal("disk gone", thrown.Message);
            Assert.False(reader.Read(out _)); // the end, once failed
        }

        Assert.NotEmpty(direct);
        Assert.Equal(direct, prefetched);
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsReadingAndClosesTheText()
    {
        var text = "id,name\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},n{i}\n"));
        var inner = new FailingReader(text, int.MaxValue);
        var reader = new PrefetchingReader(own => new CsvTabularReader(inner, "f.csv", ',', "utf-8", own), []);
        Assert.True(reader.Read(out var first));
        Assert.Equal("0", first.Text(0));

        reader.Dispose();

        Assert.True(inner.Disposed);
        Assert.True(inner.Position < text.Length, "the reading thread stops a few batches ahead, not at the end of the text");
    }

    // A text that throws IOException once the reader asks past a position; records its disposal.
    private sealed class FailingReader(string text, int failAt) : TextReader
    {
        public int Position { get; private set; }

        public bool Disposed { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (Position >= failAt)
            {
                throw new IOException("disk gone");
            }

            var n = Math.Min(Math.Min(buffer.Length, 4096), Math.Min(text.Length, failAt) - Position);
            text.AsSpan(Position, n).CopyTo(buffer);
            Position += n;
            return n;
        }

        public override int Peek() => Position < text.Length ? text[Position] : -1;

        public override int Read() => Position < text.Length ? text[Position++] : -1;

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
