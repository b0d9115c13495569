namespace CrmKit.Cli.Report;

/// <summary>A laid-out process diagram: boxes and shown texts by vertex, the transitions, the frame's size in px.</summary>
internal sealed record DiagramLayout(IReadOnlyDictionary<string, DiagramBox> Boxes, IReadOnlyDictionary<string, string> Texts, IReadOnlyList<DiagramTransition> Transitions, double Width, double Height);
