namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// A text, then the rest of a reader: the sample read to detect a file's delimiter replayed before the rest of the
/// file, or the lines where reading resumes after a malformed record.
/// </summary>
/// <param name="first">The text read first.</param>
/// <param name="rest">The reader that follows.</param>
/// <param name="ownsRest">Whether disposing this reader disposes <paramref name="rest"/>.</param>
internal sealed class ChainedReader(string first, TextReader rest, bool ownsRest = false) : TextReader
{
    private int _at;

    public override int Peek() => _at < first.Length ? first[_at] : rest.Peek();

    public override int Read() => _at < first.Length ? first[_at++] : rest.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_at < first.Length)
        {
            var n = Math.Min(buffer.Length, first.Length - _at);
            first.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        return rest.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsRest)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
