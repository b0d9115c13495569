using System.Globalization;
using System.Text;

namespace CrmKit.CareProcess;

/// <summary>Diagram formats.</summary>
public enum DiagramFormat
{
    /// <summary>Mermaid <c>stateDiagram-v2</c> (renders in Markdown on GitHub and in Mermaid-aware editors).</summary>
    Mermaid,

    /// <summary>Graphviz DOT.</summary>
    Dot,
}
