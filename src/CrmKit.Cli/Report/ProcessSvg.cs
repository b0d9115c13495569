using System.Globalization;
using System.Net;
using System.Text;
using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using GraphShape;
using GraphShape.Algorithms.Layout;
using QuikGraph;

namespace CrmKit.Cli.Report;

/// <summary>
/// A care process as an SVG state diagram for the HTML report: GraphShape's layered (Sugiyama) layout places the
/// states; transitions are drawn along its edge routes with their labels (trigger or timer, guard, effects) as worded by
/// <see cref="ProcessGraph"/>, the model Mermaid and DOT diagrams are drawn from too.
/// </summary>
internal static class ProcessSvg
{
    private const double Margin = 24;
    private const double NodeHeight = 34;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The diagram; with <paramref name="live"/>, each state shows how many instances are in it now (a state missing from it: 0).</summary>
    public static string Render(ProcessDefinition definition, IReadOnlyDictionary<string, int>? live = null)
    {
        var process = ProcessGraph.Of(definition);
        var graph = new BidirectionalGraph<string, Edge<string>>();
        const string start = "[*]";
        graph.AddVertex(start);
        foreach (var state in process.Nodes)
        {
            graph.AddVertex(state.Id);
        }

        graph.AddEdge(new Edge<string>(start, process.Initial));
        var labels = new Dictionary<(string, string), List<string>>();
        foreach (var t in process.Edges.Where(t => !t.IsInternal))
        {
            var key = (t.From, t.To!);
            if (!labels.TryGetValue(key, out var list))
            {
                labels[key] = list = [];
                if (t.From != t.To)
                {
                    graph.AddEdge(new Edge<string>(t.From, t.To!));
                }
            }

            list.Add(t.Label);
        }

        string Caption(string state) => live is null ? state : string.Create(Inv, $"{state} · {live.GetValueOrDefault(state):N0}");
        var sizes = graph.Vertices.ToDictionary(v => v, v => v == start ? new Size(16, 16) : new Size(Math.Max(80, (Caption(v).Length * 7.5) + 28), NodeHeight));
        var layout = new SugiyamaLayoutAlgorithm<string, Edge<string>, BidirectionalGraph<string, Edge<string>>>(
            graph, sizes, new SugiyamaLayoutParameters { LayerGap = 70, SliceGap = 40 });
        layout.Compute();
        var positions = layout.VerticesPositions;
        var minX = positions.Min(p => p.Value.X - (sizes[p.Key].Width / 2)) - Margin;
        var minY = positions.Min(p => p.Value.Y - (sizes[p.Key].Height / 2)) - Margin;
        var width = positions.Max(p => p.Value.X + (sizes[p.Key].Width / 2)) - minX + Margin + 300;
        var height = positions.Max(p => p.Value.Y + (sizes[p.Key].Height / 2)) - minY + Margin;
        (double X, double Y) At(string v) => (positions[v].X - minX, positions[v].Y - minY);

        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process\" viewBox=\"0 0 {width:F0} {height:F0}\" width=\"{width:F0}\" height=\"{height:F0}\" role=\"img\" aria-label=\"{Html(process.DisplayName())}\">");
        svg.Append(Inv, $"<defs><marker id=\"arrow-{Html(process.Id)}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var edge in graph.Edges)
        {
            var points = new List<(double X, double Y)> { At(edge.Source) };
            if (layout.EdgeRoutes.TryGetValue(edge, out var route))
            {
                points.AddRange(route.Select(p => (p.X - minX, p.Y - minY)));
            }

            points.Add(At(edge.Target));
            points[0] = Border(points[0], points[1], sizes[edge.Source]);
            points[^1] = Border(points[^1], points[^2], sizes[edge.Target]);
            var labelAt = 0.5;
            if (graph.ContainsEdge(edge.Target, edge.Source))
            {
                // A pair of opposite edges: draw them side by side and label them at different heights.
                var (dx, dy) = (points[^1].X - points[0].X, points[^1].Y - points[0].Y);
                var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
                var side = string.CompareOrdinal(edge.Source, edge.Target) < 0 ? 5 : -5;
                points = [.. points.Select(p => (p.X - (dy / length * side), p.Y + (dx / length * side)))];
                labelAt = side > 0 ? 0.3 : 0.7;
            }
            var text = labels.TryGetValue((edge.Source, edge.Target), out var list) ? string.Join(" | ", list) : string.Empty;
            svg.Append(Inv, $"<g class=\"transition\"><title>{Html($"{edge.Source} → {edge.Target}: {text}")}</title>");
            svg.Append(Inv, $"<polyline fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" marker-end=\"url(#arrow-{Html(process.Id)})\" points=\"{string.Join(" ", points.Select(p => string.Create(Inv, $"{p.X:F1},{p.Y:F1}")))}\"/>");
            if (text.Length > 0)
            {
                (double X, double Y) mid = points.Count > 2 ? points[points.Count / 2] : (points[0].X + ((points[1].X - points[0].X) * labelAt), points[0].Y + ((points[1].Y - points[0].Y) * labelAt));
                svg.Append(Inv, $"<text x=\"{mid.X + 4:F1}\" y=\"{mid.Y - 3:F1}\" font-size=\"10\" fill=\"#333\">{Html(Shorten(text, 48))}</text>");
            }

            svg.Append("</g>");
        }

        foreach (var state in process.Nodes)
        {
            var (x, y) = At(state.Id);
            var size = sizes[state.Id];
            var parent = state.Parent is null ? string.Empty : $" (in {state.Parent})";
            var count = live is null ? string.Empty : string.Create(Inv, $" data-live=\"{live.GetValueOrDefault(state.Id)}\"");
            var liveNote = live is null ? string.Empty : string.Create(Inv, $"; {live.GetValueOrDefault(state.Id):N0} live");
            svg.Append(Inv, $"<g class=\"state\" data-state=\"{Html(state.Id)}\"{count}><title>{Html((state.Description ?? state.Id) + parent + liveNote)}</title>");
            svg.Append(Inv, $"<rect x=\"{x - (size.Width / 2):F1}\" y=\"{y - (size.Height / 2):F1}\" width=\"{size.Width:F1}\" height=\"{size.Height:F1}\" rx=\"9\" fill=\"{(state.IsFinal ? "#e8f0e8" : state.Parent is null ? "#eef3fb" : "#fbf6e9")}\" stroke=\"#3b5b8c\" stroke-width=\"{(state.IsFinal ? 2.5 : 1.2)}\"/>");
            svg.Append(Inv, $"<text x=\"{x:F1}\" y=\"{y + 4:F1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#111\">{Html(Caption(state.Id))}</text>");
            if (labels.TryGetValue((state.Id, state.Id), out var self))
            {
                svg.Append(Inv, $"<text x=\"{x + (size.Width / 2) + 6:F1}\" y=\"{y + 4:F1}\" font-size=\"10\" fill=\"#666\">↻ {Html(Shorten(string.Join(" | ", self), 40))}</text>");
            }

            svg.Append("</g>");
        }

        var (sx, sy) = At(start);
        svg.Append(Inv, $"<circle cx=\"{sx:F1}\" cy=\"{sy:F1}\" r=\"7\" fill=\"#222\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Where the segment from a node's centre towards <paramref name="toward"/> leaves the node's box.</summary>
    private static (double X, double Y) Border((double X, double Y) centre, (double X, double Y) toward, Size size)
    {
        var (dx, dy) = (toward.X - centre.X, toward.Y - centre.Y);
        if (dx == 0 && dy == 0)
        {
            return centre;
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : size.Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : size.Height / 2 / Math.Abs(dy));
        return (centre.X + (dx * scale), centre.Y + (dy * scale));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    internal static string Html(string text) => WebUtility.HtmlEncode(text);
}
