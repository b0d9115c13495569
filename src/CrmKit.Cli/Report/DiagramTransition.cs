namespace CrmKit.Cli.Report;

/// <summary>A transition as drawn: its states, its label vertex (none for the start arrow and unlabelled ones), its full label text and its lines.</summary>
internal sealed record DiagramTransition(string From, string To, string? Label, string Text, IReadOnlyList<DiagramLine> Lines);
