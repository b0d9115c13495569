using System.Globalization;
using System.Net;
using System.Text;
using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Report.Charts;
using GraphShape;
using GraphShape.Algorithms.Layout;
using QuikGraph;

namespace CrmKit.Cli.Report;

/// <summary>
/// A care process as an SVG state diagram for the HTML report, laid out by GraphShape's layered (Sugiyama) algorithm
/// with every transition label as a vertex of its own ("label nodes", as Graphviz' dot places edge labels): a transition
/// From → To becomes From → label → To, so the layout keeps labels apart from each other and from the states exactly as
/// it keeps states apart. Labels (trigger or timer, guard, effects) are worded by <see cref="ProcessGraph"/>, the model
/// the Mermaid and DOT diagrams are drawn from too.
/// </summary>
internal static class ProcessSvg
{
    // Any fixed value; changing it may reshape the diagrams (still without overlaps, which the tests check).
    private const int LayoutSeed = 20261202;

    /// <summary>Font size in px of a state's name.</summary>
    public const double StateFontSize = 12;

    /// <summary>Font size in px of a transition's label.</summary>
    public const double LabelFontSize = 10;

    /// <summary>The longest label shown in full, in characters; the full text is in the transition's tooltip.</summary>
    public const int LabelLength = 48;

    private const double Margin = 24;
    private const double NodeHeight = 34;
    private const string Start = "[*]";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The diagram; with <paramref name="live"/>, each state shows how many instances are in it now (a state missing from it: 0).</summary>
    public static string Render(ProcessDefinition definition, IReadOnlyDictionary<string, int>? live = null)
    {
        var process = ProcessGraph.InLanguage(definition, System.Globalization.CultureInfo.CurrentUICulture);
        var layout = Layout(process, live);
        var box = layout.Boxes;
        var svg = new StringBuilder();
        var (width, height) = (layout.Width, layout.Height);
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process\" viewBox=\"0 0 {width:F0} {height:F0}\" width=\"{width:F0}\" height=\"{height:F0}\" role=\"img\" aria-label=\"{Html(process.DisplayName())}\">");
        svg.Append(Inv, $"<defs><marker id=\"arrow-{Html(process.Id)}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var t in layout.Transitions)
        {
            svg.Append(Inv, $"<g class=\"transition\"><title>{Html(t.From == Start ? process.Initial : $"{t.From} → {t.To}: {t.Text}")}</title>");
            foreach (var line in t.Lines)
            {
                svg.Append(Inv, $"<polyline fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\"{(line.Arrow ? $" marker-end=\"url(#arrow-{Html(process.Id)})\"" : string.Empty)} points=\"{string.Join(" ", line.Points.Select(p => string.Create(Inv, $"{p.X:F1},{p.Y:F1}")))}\"/>");
            }

            if (t.Label is { } label)
            {
                var b = box[label];
                svg.Append(Inv, $"<text x=\"{b.X:F1}\" y=\"{b.Y + (LabelFontSize * 0.35):F1}\" font-size=\"{LabelFontSize:F0}\" text-anchor=\"middle\" fill=\"#333\">{Html(layout.Texts[label])}</text>");
            }

            svg.Append("</g>");
        }

        foreach (var state in process.Nodes)
        {
            var b = box[state.Id];
            var title = state.Description.Display() ?? state.Id;
            title = state.Parent is null ? title : Display.Format(ChartStrings.DiagramInParent, title, state.Parent);
            title = live is null ? title : Display.Format(ChartStrings.DiagramLive, title, Display.Number(live.GetValueOrDefault(state.Id)));
            var count = live is null ? string.Empty : string.Create(Inv, $" data-live=\"{live.GetValueOrDefault(state.Id)}\"");
            svg.Append(Inv, $"<g class=\"state\" data-state=\"{Html(state.Id)}\"{count}><title>{Html(title)}</title>");
            svg.Append(Inv, $"<rect x=\"{b.X - (b.Width / 2):F1}\" y=\"{b.Y - (b.Height / 2):F1}\" width=\"{b.Width:F1}\" height=\"{b.Height:F1}\" rx=\"9\" fill=\"{(state.IsFinal ? "#e8f0e8" : state.Parent is null ? "#eef3fb" : "#fbf6e9")}\" stroke=\"#3b5b8c\" stroke-width=\"{(state.IsFinal ? 2.5 : 1.2)}\"/>");
            svg.Append(Inv, $"<text x=\"{b.X:F1}\" y=\"{b.Y + 4:F1}\" font-size=\"{StateFontSize:F0}\" text-anchor=\"middle\" fill=\"#111\">{Html(layout.Texts[state.Id])}</text>");
            svg.Append("</g>");
        }

        var s = box[Start];
        svg.Append(Inv, $"<circle cx=\"{s.X:F1}\" cy=\"{s.Y:F1}\" r=\"7\" fill=\"#222\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// Lays <paramref name="process"/> out: a box (centre, size) per state, per label vertex and for the start point,
    /// and the lines of each transition, in a frame of <see cref="DiagramLayout.Width"/> × <see cref="DiagramLayout.Height"/> px.
    /// </summary>
    internal static DiagramLayout Layout(ProcessGraph process, IReadOnlyDictionary<string, int>? live)
    {
        var graph = new BidirectionalGraph<string, Edge<string>>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, Size>(StringComparer.Ordinal) { [Start] = new Size(16, 16) };
        graph.AddVertex(Start);
        foreach (var state in process.Nodes)
        {
            var caption = live is null ? state.Id : $"{state.Id} · {Display.Number(live.GetValueOrDefault(state.Id))}";
            texts[state.Id] = caption;
            sizes[state.Id] = new Size(Math.Max(80, ChartText.Width(caption, StateFontSize) + 28), NodeHeight);
            graph.AddVertex(state.Id);
        }

        var transitions = new List<(string From, string To, string? Label, string Text)> { (Start, process.Initial, null, string.Empty) };
        graph.AddEdge(new Edge<string>(Start, process.Initial));
        foreach (var pair in process.Edges.Where(t => !t.IsInternal).GroupBy(t => (t.From, To: t.To!)))
        {
            var text = string.Join(" | ", pair.Select(t => t.Label));
            var (from, to) = pair.Key;
            if (text.Length == 0)
            {
                transitions.Add((from, to, null, text));
                if (from != to)
                {
                    graph.AddEdge(new Edge<string>(from, to));
                }

                continue;
            }

            // The label is a vertex between the two states; a self-transition's label hangs below its state.
            var label = $"{from} → {to}";
            var shown = from == to ? "↻ " + Shorten(text, LabelLength) : Shorten(text, LabelLength);
            texts[label] = shown;
            sizes[label] = new Size(ChartText.Width(shown, LabelFontSize) + 8, ChartText.Height(shown, LabelFontSize) + 4);
            graph.AddVertex(label);
            graph.AddEdge(new Edge<string>(from, label));
            if (from != to)
            {
                graph.AddEdge(new Edge<string>(label, to));
            }

            transitions.Add((from, to, label, text));
        }

        var algorithm = new SugiyamaLayoutAlgorithm<string, Edge<string>, BidirectionalGraph<string, Edge<string>>>(
            graph, sizes, new SugiyamaLayoutParameters { LayerGap = 36, SliceGap = 24 })
        {
            // The algorithm breaks ties between equally good orders of a layer at random (a cryptographic generator
            // by default), so the same process came out in different shapes from run to run: a fixed seed makes the
            // report reproducible.
            Rand = new Random(LayoutSeed),
        };
        algorithm.Compute();
        var positions = algorithm.VerticesPositions;
        var minX = positions.Min(p => p.Value.X - (sizes[p.Key].Width / 2)) - Margin;
        var minY = positions.Min(p => p.Value.Y - (sizes[p.Key].Height / 2)) - Margin;
        var boxes = positions.ToDictionary(p => p.Key, p => new DiagramBox(p.Value.X - minX, p.Value.Y - minY, sizes[p.Key].Width, sizes[p.Key].Height), StringComparer.Ordinal);
        var width = boxes.Values.Max(b => b.X + (b.Width / 2)) + Margin;
        var height = boxes.Values.Max(b => b.Y + (b.Height / 2)) + Margin;

        List<(double X, double Y)> Route(string from, string to)
        {
            var points = new List<(double X, double Y)> { (boxes[from].X, boxes[from].Y) };
            if (graph.TryGetEdge(from, to, out var edge) && algorithm.EdgeRoutes.TryGetValue(edge, out var route))
            {
                points.AddRange(route.Select(p => (p.X - minX, p.Y - minY)));
            }

            points.Add((boxes[to].X, boxes[to].Y));
            points[0] = boxes[from].Border(points[1]);
            points[^1] = boxes[to].Border(points[^2]);
            return points;
        }

        var drawn = new List<DiagramTransition>();
        foreach (var (from, to, label, text) in transitions)
        {
            var lines = label is null
                ? from == to ? [] : [new DiagramLine(Route(from, to), Arrow: true)]
                : from == to
                    ? [new DiagramLine([.. Route(from, label).AsEnumerable().Reverse()], Arrow: true)]
                    : new List<DiagramLine> { new(Route(from, label), Arrow: false), new(Route(label, to), Arrow: true) };
            drawn.Add(new DiagramTransition(from, to, label, text, lines));
        }

        return new DiagramLayout(boxes, texts, drawn, width, height);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    internal static string Html(string text) => WebUtility.HtmlEncode(text);
}
