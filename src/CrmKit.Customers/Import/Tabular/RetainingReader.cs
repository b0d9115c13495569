namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// A reader that keeps the text it handed out from a position on, so that a parser which read ahead can be replaced
/// by another that starts where the first one's last record ended (<see cref="Since"/>). Each character is copied once
/// more than without it; the kept text is the current record and the parser's read-ahead.
/// </summary>
internal sealed class RetainingReader(TextReader inner) : TextReader
{
    private char[] _kept = new char[1 << 16];
    private long _keptFrom;   // the position of _kept[0] in the text
    private int _length;      // characters kept

    /// <summary>The reader this one reads from.</summary>
    public TextReader Inner { get; } = inner;

    /// <summary>How many characters were handed out.</summary>
    public long Position => _keptFrom + _length;

    /// <summary>The text before <paramref name="position"/> will not be asked for again.</summary>
    public void Release(long position)
    {
        var drop = (int)Math.Clamp(position - _keptFrom, 0, _length);
        // Moved only when more than half of the buffer is dropped, so each character moves at most once on average.
        if (drop > 0 && drop >= _kept.Length / 2)
        {
            Array.Copy(_kept, drop, _kept, 0, _length - drop);
            _length -= drop;
            _keptFrom += drop;
        }
    }

    /// <summary>The text handed out from <paramref name="position"/> on (which must not have been released).</summary>
    public string Since(long position)
    {
        var from = (int)(position - _keptFrom);
        if (from < 0 || from > _length)
        {
            throw new InvalidOperationException("The text from that position was released.");
        }

        return new string(_kept, from, _length - from);
    }

    /// <summary>The text handed out between two positions (which must not have been released).</summary>
    public string Text(long from, long to)
    {
        var at = (int)(from - _keptFrom);
        if (at < 0 || to - _keptFrom > _length)
        {
            throw new InvalidOperationException("The text between those positions is not kept.");
        }

        return new string(_kept, at, (int)(to - from));
    }

    /// <summary>The character handed out at a kept position, or -1 past what was handed out.</summary>
    public int CharAt(long position)
    {
        var at = position - _keptFrom;
        return at >= 0 && at < _length ? _kept[at] : -1;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = Inner.Read(buffer);
        if (read > 0)
        {
            if (_length + read > _kept.Length)
            {
                Array.Resize(ref _kept, Math.Max(_kept.Length * 2, _length + read));
            }

            buffer[..read].CopyTo(_kept.AsSpan(_length));
            _length += read;
        }

        return read;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Peek() => throw new NotSupportedException();
}
