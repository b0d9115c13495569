namespace CrmKit.Clv.Numerics;

/// <summary>
/// Five running sums over rows (a log-likelihood and its gradient), computed in fixed chunks — in parallel when there
/// are many rows — and added in chunk order, so the result is the same on every run and every machine.
/// </summary>
internal readonly record struct RowSums(double Value, double G0, double G1, double G2, double G3)
{
    private const int Chunk = 32_768;

    public static RowSums operator +(RowSums x, RowSums y)
        => new(x.Value + y.Value, x.G0 + y.G0, x.G1 + y.G1, x.G2 + y.G2, x.G3 + y.G3);

    public static RowSums Add(RowSums x, RowSums y) => x + y;

    public static RowSums Sum(int rows, Func<int, int, RowSums> range)
    {
        var chunks = (rows + Chunk - 1) / Chunk;
        if (chunks <= 1)
        {
            return range(0, rows);
        }

        var parts = new RowSums[chunks];
        Parallel.For(0, chunks, c => parts[c] = range(c * Chunk, Math.Min(rows, (c + 1) * Chunk)));
        var total = default(RowSums);
        foreach (var part in parts)
        {
            total += part;
        }

        return total;
    }

    public void Deconstruct(out double value, out double g0, out double g1, out double g2, out double g3)
        => (value, g0, g1, g2, g3) = (Value, G0, G1, G2, G3);
}
