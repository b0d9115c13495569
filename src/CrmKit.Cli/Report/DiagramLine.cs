namespace CrmKit.Cli.Report;

/// <summary>A line of a transition: its points in px, with an arrow head at the last one or not.</summary>
internal sealed record DiagramLine(IReadOnlyList<(double X, double Y)> Points, bool Arrow);
