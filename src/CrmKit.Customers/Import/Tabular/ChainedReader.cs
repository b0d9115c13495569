namespace CrmKit.Customers.Import.Tabular;

/// <summary>A text, then the rest of a reader.</summary>
internal sealed class ChainedReader(string first, TextReader rest) : TextReader
{
    private int _at;

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

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }
}
