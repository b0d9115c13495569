using System.Globalization;
using System.Text;
using OxyPlot;

namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// How wide and tall a label is drawn, for laying out the charts and diagrams before any browser draws them. Widths are
/// the advance widths of DejaVu Sans, the widest of the common sans-serif faces (Liberation Sans/Arial, Helvetica,
/// Roboto, Noto Sans and Segoe UI are narrower), so room reserved with this measure is enough whichever face the
/// reader's browser picks for <c>sans-serif</c>. Heights are DejaVu Sans' ascent + descent (0.928 + 0.236 em).
/// </summary>
/// <remarks>
/// OxyPlot's SVG exporter measures with the PDF standard fonts (Helvetica) by default, narrower than what Chromium draws
/// on Linux: labels overlapped and legends were cut ("droppe", issue 21). Letters with diacritics (Vietnamese: ệ, ữ) take
/// their base letter's width, as in DejaVu Sans; other characters outside ASCII count one em, wider than any of them.
/// </remarks>
internal static class ChartText
{
    /// <summary>Line height in em: DejaVu Sans' ascent 928 + descent 236 units per 1000.</summary>
    public const double LineHeight = 1.164;

    /// <summary>Bold DejaVu Sans is at most this much wider than the regular face.</summary>
    private const double BoldFactor = 1.12;

    // Advance widths of DejaVu Sans Book, U+0020 ' ' to U+007E '~', in thousandths of an em (measured from the font with
    // Chromium's canvas measureText at 1000 px).
    private static readonly short[] Ascii =
    [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ];

    /// <summary>The width in px of <paramref name="text"/>'s longest line at <paramref name="fontSize"/> px.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var widest = 0.0;
        foreach (var line in text.Split('\n'))
        {
            var em = 0.0;
            foreach (var c in line.Normalize(NormalizationForm.FormD))
            {
                em += c is >= ' ' and <= '~' ? Ascii[c - ' '] / 1000.0
                    : CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format or UnicodeCategory.Control ? 0
                    : 1.0;
            }

            widest = Math.Max(widest, em);
        }

        return widest * fontSize * (bold ? BoldFactor : 1);
    }

    /// <summary>The height in px of <paramref name="text"/> (one line per <c>\n</c>) at <paramref name="fontSize"/> px.</summary>
    public static double Height(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (1 + text.Count(c => c == '\n')) * LineHeight * fontSize;
    }

    /// <summary>The size of <paramref name="text"/> as OxyPlot lays it out.</summary>
    public static OxySize Measure(string text, double fontSize, double fontWeight)
        => string.IsNullOrEmpty(text) ? OxySize.Empty : new OxySize(Width(text, fontSize, fontWeight > 500), Height(text, fontSize));
}
