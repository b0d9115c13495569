namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// Where the value label of each horizontal bar goes: inside the bar's end when the label fits there with
/// <see cref="Padding"/> on both sides, else just past the end — and how long the value axis must be for every outside
/// label to fit in the plot (room reserved, never a label drawn over a bar's end or cut by the plot's edge).
/// </summary>
internal static class BarLabelPlacement
{
    /// <summary>Space in px between a label and the bar's end (and, inside, the bar's start).</summary>
    public const double Padding = 4;

    /// <summary>
    /// Places the labels of bars of <paramref name="values"/> (≥ 0, in axis units) whose labels are
    /// <paramref name="labelWidths"/> px wide, in a plot <paramref name="plotWidth"/> px wide whose axis starts at 0.
    /// </summary>
    /// <returns>
    /// The axis maximum (≥ the largest value; 1 when every value is 0) and, per bar, whether its label goes inside.
    /// </returns>
    /// <exception cref="ArgumentException">The lists differ in length, a value is negative or not finite, or a label
    /// cannot fit beside a zero-length bar (<paramref name="plotWidth"/> ≤ its width + <see cref="Padding"/>).</exception>
    /// <remarks>
    /// The scale s (px per unit) starts at <c>plotWidth / max</c>; each outside label needs
    /// <c>value·s + Padding + width ≤ plotWidth</c>, so s shrinks to the smallest such bound, which may push more labels
    /// outside; s only decreases and the inside set only shrinks, so this ends within one pass per bar.
    /// </remarks>
    public static (double AxisMaximum, bool[] Inside) Place(IReadOnlyList<double> values, IReadOnlyList<double> labelWidths, double plotWidth)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labelWidths);
        if (values.Count != labelWidths.Count)
        {
            throw new ArgumentException($"{values.Count} values but {labelWidths.Count} label widths.", nameof(labelWidths));
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
            {
                throw new ArgumentException($"Bar {i}: value {values[i]}; bars start at 0 and need a finite value ≥ 0.", nameof(values));
            }

            if (labelWidths[i] + Padding >= plotWidth)
            {
                throw new ArgumentException($"Bar {i}: its label ({labelWidths[i]:F0} px) cannot fit in a plot {plotWidth:F0} px wide.", nameof(plotWidth));
            }
        }

        var inside = new bool[values.Count];
        var max = values.DefaultIfEmpty(0).Max();
        if (max == 0)
        {
            return (1, inside);
        }

        var scale = plotWidth / max;
        while (true)
        {
            var next = scale;
            for (var i = 0; i < values.Count; i++)
            {
                inside[i] = values[i] * scale >= labelWidths[i] + (2 * Padding);
                if (!inside[i] && values[i] > 0)
                {
                    next = Math.Min(next, (plotWidth - Padding - labelWidths[i]) / values[i]);
                }
            }

            if (next >= scale)
            {
                // Never below the largest value (plotWidth / (plotWidth / max) may round under it).
                return (Math.Max(max, plotWidth / scale), inside);
            }

            scale = next;
        }
    }
}
