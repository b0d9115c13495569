using System.Globalization;
using System.Text;
using CrmKit.Customers;

namespace CrmKit.CareProcess;

/// <summary>
/// Draws a process definition: states (nested in their parents), the initial and final states, and every
/// transition labelled with its trigger or timer, its guard in brackets and its effects after a slash.
/// Internal transitions appear as notes on their state. Output is deterministic (definition order). States and labels
/// come from <see cref="ProcessGraph"/>, the one model every CrmKit diagram (and the report's SVG) is drawn from.
/// </summary>
public static class ProcessDiagram
{
    /// <summary>The diagram in a format.</summary>
    public static string Render(ProcessDefinition definition, DiagramFormat format) => format switch
    {
        DiagramFormat.Mermaid => Mermaid(definition),
        DiagramFormat.Dot => Dot(definition),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown diagram format."),
    };

    /// <summary>A Mermaid <c>stateDiagram-v2</c>; names and labels in <see cref="CultureInfo.CurrentUICulture"/>'s language (<see cref="LocalizedText.Get"/>).</summary>
    public static string Mermaid(ProcessDefinition definition)
    {
        var graph = ProcessGraph.Of(definition);
        var sb = new StringBuilder();
        sb.Append("stateDiagram-v2\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %% {Escape(graph.Name.ToString())}\n");
        void WriteStates(string? parent, string indent)
        {
            foreach (var s in graph.Children(parent))
            {
                if (s.HasChildren)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}state \"{Escape(s.Title)}\" as {Node(s.Id)} {{\n");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}    [*] --> {Node(s.InitialChild!)}\n");
                    WriteStates(s.Id, indent + "    ");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}state \"{Escape(s.Title)}\" as {Node(s.Id)}\n");
                }
            }
        }

        WriteStates(null, "    ");
        sb.Append(CultureInfo.InvariantCulture, $"    [*] --> {Node(graph.Initial)}\n");
        foreach (var e in graph.Edges.Where(e => !e.IsInternal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    {Node(e.From)} --> {Node(e.To!)} : {Escape(e.Label)}\n");
        }

        foreach (var s in graph.Nodes.Where(s => s.IsFinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    {Node(s.Id)} --> [*]\n");
        }

        foreach (var e in graph.Edges.Where(e => e.IsInternal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    note right of {Node(e.From)} : {Escape(e.Label)} (internal)\n");
        }

        return sb.ToString();
    }

    /// <summary>A Graphviz DOT digraph (clusters for parent states); names and labels in <see cref="CultureInfo.CurrentUICulture"/>'s language.</summary>
    public static string Dot(ProcessDefinition definition)
    {
        var graph = ProcessGraph.Of(definition);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"digraph \"{Quote(graph.Id)}\" {{\n");
        sb.Append(CultureInfo.InvariantCulture, $"    label=\"{Quote(graph.Name.ToString())}\";\n    rankdir=LR;\n    compound=true;\n");
        sb.Append("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append("    \"__start\" [shape=point, width=0.15, label=\"\"];\n");
        void WriteStates(string? parent, string indent)
        {
            foreach (var s in graph.Children(parent))
            {
                if (s.HasChildren)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}subgraph \"cluster_{Quote(s.Id)}\" {{\n{indent}    label=\"{Quote(s.Title)}\";\n");
                    WriteStates(s.Id, indent + "    ");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                }
                else
                {
                    var internals = graph.Edges.Where(e => e.IsInternal && e.From == s.Id).Select(e => e.Label + " (internal)");
                    var label = string.Join("\\n", new[] { s.Title }.Concat(internals).Select(Quote));
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}\"{Quote(s.Id)}\" [label=\"{label}\"{(s.IsFinal ? ", peripheries=2" : "")}];\n");
                }
            }
        }

        WriteStates(null, "    ");
        sb.Append(CultureInfo.InvariantCulture, $"    \"__start\" -> \"{Quote(graph.EntryState(graph.Initial))}\";\n");
        foreach (var e in graph.Edges.Where(e => !e.IsInternal))
        {
            // DOT clusters cannot be edge ends: draw to the entered leaf and clip at the cluster.
            var (from, to) = (graph.EntryState(e.From), graph.EntryState(e.To!));
            var extra = (from != e.From ? $", ltail=\"cluster_{Quote(e.From)}\"" : "") + (to != e.To ? $", lhead=\"cluster_{Quote(e.To!)}\"" : "");
            sb.Append(CultureInfo.InvariantCulture, $"    \"{Quote(from)}\" -> \"{Quote(to)}\" [label=\"{Quote(e.Label)}\"{(e.IsTimed ? ", style=dashed" : "")}{extra}];\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Node(string id) => id.Replace('-', '_');

    private static string Escape(string text) => text.Replace("\"", "'", StringComparison.Ordinal).Replace(":", "∶", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
