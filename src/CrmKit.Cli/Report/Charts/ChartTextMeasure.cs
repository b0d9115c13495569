using OxyPlot;

namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// The text measure OxyPlot's SVG exporter lays the charts out with (<see cref="SvgExporter.TextMeasurer"/>):
/// <see cref="ChartText"/>'s widths and heights. It only measures — the exporter draws into its own SVG context and never
/// asks a measurer to draw, so every drawing member throws.
/// </summary>
internal sealed class ChartTextMeasure : IRenderContext
{
    /// <summary>The one instance (the measure has no state).</summary>
    public static ChartTextMeasure Instance { get; } = new();

    private ChartTextMeasure()
    {
    }

    /// <inheritdoc/>
    public bool RendersToScreen => false;

    /// <inheritdoc/>
    public int ClipCount => 0;

    /// <inheritdoc/>
    public OxySize MeasureText(string text, string? fontFamily, double fontSize, double fontWeight) => ChartText.Measure(text, fontSize, fontWeight);

    /// <inheritdoc/>
    public void SetToolTip(string text)
    {
    }

    /// <inheritdoc/>
    public void CleanUp()
    {
    }

    /// <inheritdoc/>
    public void DrawEllipse(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawEllipses(IList<OxyRect> rectangles, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawLineSegments(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawPolygons(IList<IList<ScreenPoint>> polygons, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawRectangle(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawRectangles(IList<OxyRect> rectangles, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily, double fontSize, double fontWeight, double rotation, HorizontalAlignment horizontalAlignment, VerticalAlignment verticalAlignment, OxySize? maxSize) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void DrawImage(OxyImage source, double srcX, double srcY, double srcWidth, double srcHeight, double destX, double destY, double destWidth, double destHeight, double opacity, bool interpolate) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void PushClip(OxyRect clippingRectangle) => throw MeasuresOnly();

    /// <inheritdoc/>
    public void PopClip() => throw MeasuresOnly();

    private static NotSupportedException MeasuresOnly() => new("ChartTextMeasure only measures text; OxyPlot's SVG exporter draws into its own context.");
}
