using System.Globalization;
using System.Text;

namespace CrmKit.CareProcess;

/// <summary>
/// Draws a process definition: states (nested in their parents), the initial and final states, and every
/// transition labelled with its trigger or timer, its guard in brackets and its effects after a slash.
/// Internal transitions appear as notes on their state. Output is deterministic (definition order).
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

    /// <summary>A Mermaid <c>stateDiagram-v2</c>.</summary>
    public static string Mermaid(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = definition.Model;
        var sb = new StringBuilder();
        sb.Append("stateDiagram-v2\n");
        sb.Append(CultureInfo.InvariantCulture, $"    %% {Escape(model.Name)}\n");
        void WriteStates(string? parent, string indent)
        {
            foreach (var s in model.States.Where(s => s.Parent == parent))
            {
                var children = model.States.Any(c => c.Parent == s.Id);
                if (children)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}state \"{Escape(Title(s))}\" as {Node(s.Id)} {{\n");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}    [*] --> {Node(s.InitialChild!)}\n");
                    WriteStates(s.Id, indent + "    ");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}state \"{Escape(Title(s))}\" as {Node(s.Id)}\n");
                }
            }
        }

        WriteStates(null, "    ");
        sb.Append(CultureInfo.InvariantCulture, $"    [*] --> {Node(model.Initial)}\n");
        foreach (var t in model.Transitions.Where(t => t.To is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    {Node(t.From)} --> {Node(t.To!)} : {Escape(Label(t))}\n");
        }

        foreach (var s in model.States.Where(s => s.IsFinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    {Node(s.Id)} --> [*]\n");
        }

        foreach (var t in model.Transitions.Where(t => t.To is null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    note right of {Node(t.From)} : {Escape(Label(t))} (internal)\n");
        }

        return sb.ToString();
    }

    /// <summary>A Graphviz DOT digraph (clusters for parent states).</summary>
    public static string Dot(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = definition.Model;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"digraph \"{Quote(model.Id)}\" {{\n");
        sb.Append(CultureInfo.InvariantCulture, $"    label=\"{Quote(model.Name)}\";\n    rankdir=LR;\n    compound=true;\n");
        sb.Append("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append("    \"__start\" [shape=point, width=0.15, label=\"\"];\n");
        void WriteStates(string? parent, string indent)
        {
            foreach (var s in model.States.Where(s => s.Parent == parent))
            {
                if (model.States.Any(c => c.Parent == s.Id))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}subgraph \"cluster_{Quote(s.Id)}\" {{\n{indent}    label=\"{Quote(Title(s))}\";\n");
                    WriteStates(s.Id, indent + "    ");
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                }
                else
                {
                    var internals = model.Transitions.Where(t => t.To is null && t.From == s.Id).Select(t => Label(t) + " (internal)");
                    var label = string.Join("\\n", new[] { Title(s) }.Concat(internals).Select(Quote));
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}\"{Quote(s.Id)}\" [label=\"{label}\"{(s.IsFinal ? ", peripheries=2" : "")}];\n");
                }
            }
        }

        WriteStates(null, "    ");
        sb.Append(CultureInfo.InvariantCulture, $"    \"__start\" -> \"{Quote(Leaf(model, model.Initial))}\";\n");
        foreach (var t in model.Transitions.Where(t => t.To is not null))
        {
            var (from, to) = (Leaf(model, t.From), Leaf(model, t.To!));
            var extra = (from != t.From ? $", ltail=\"cluster_{Quote(t.From)}\"" : "") + (to != t.To ? $", lhead=\"cluster_{Quote(t.To!)}\"" : "");
            sb.Append(CultureInfo.InvariantCulture, $"    \"{Quote(from)}\" -> \"{Quote(to)}\" [label=\"{Quote(Label(t))}\"{(t.Timer is not null ? ", style=dashed" : "")}{extra}];\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Title(StateDefinition s) => s.Description is { } d ? $"{s.Id} — {d}" : s.Id;

    private static string Label(TransitionDefinition t)
    {
        var label = t.Label();
        return t.Effects.IsEmpty ? label : $"{label} / {string.Join(", ", t.Effects.Select(e => e.Describe()))}";
    }

    /// <summary>A state to draw an edge to: a parent's initial leaf (DOT clusters cannot be edge ends).</summary>
    private static string Leaf(ProcessModel model, string id)
    {
        var s = model.States.First(x => x.Id == id);
        return s.InitialChild is { } c ? Leaf(model, c) : id;
    }

    private static string Node(string id) => id.Replace('-', '_');

    private static string Escape(string text) => text.Replace("\"", "'", StringComparison.Ordinal).Replace(":", "∶", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
