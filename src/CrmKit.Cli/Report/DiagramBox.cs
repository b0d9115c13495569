namespace CrmKit.Cli.Report;

/// <summary>A laid-out vertex: centre and size in px.</summary>
internal sealed record DiagramBox(double X, double Y, double Width, double Height)
{
    /// <summary>Whether this box and <paramref name="other"/> share more than their edges.</summary>
    public bool Overlaps(DiagramBox other)
        => Math.Abs(X - other.X) < (Width + other.Width) / 2 && Math.Abs(Y - other.Y) < (Height + other.Height) / 2;

    /// <summary>Where the segment from the centre towards <paramref name="toward"/> leaves the box.</summary>
    public (double X, double Y) Border((double X, double Y) toward)
    {
        var (dx, dy) = (toward.X - X, toward.Y - Y);
        if (dx == 0 && dy == 0)
        {
            return (X, Y);
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : Height / 2 / Math.Abs(dy));
        return (X + (dx * scale), Y + (dy * scale));
    }
}
