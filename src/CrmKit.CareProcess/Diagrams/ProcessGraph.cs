using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.CareProcess;

/// <summary>
/// A process definition as a graph to draw: its states as <see cref="Nodes"/> (nested through
/// <see cref="ProcessGraphNode.Parent"/>) and its transitions as <see cref="Edges"/>, each labelled once — trigger or
/// timer, guard in brackets, effects after a slash (<c>reply [priority = high] / assign agent</c>). Every diagram
/// CrmKit draws (<see cref="ProcessDiagram"/>'s Mermaid and Graphviz DOT, the <c>crmkit</c> report's SVG) reads this
/// model, so a state's title or a transition's label is worded in one place.
/// </summary>
/// <remarks>Nodes and edges keep definition order, so every rendering is deterministic.</remarks>
public sealed class ProcessGraph
{
    private readonly Dictionary<string, ProcessGraphNode> _byId;

    private ProcessGraph(ProcessDefinition definition, CultureInfo? culture)
    {
        var model = definition.Model;
        Id = model.Id;
        Name = model.Name;
        Initial = model.Initial;
        var parents = model.States.Where(s => s.Parent is not null).Select(s => s.Parent!).ToHashSet(StringComparer.Ordinal);
        Nodes = [.. model.States.Select(s => new ProcessGraphNode(s.Id, s.Description, s.Parent, s.InitialChild, s.IsFinal, parents.Contains(s.Id)))];
        Edges = [.. model.Transitions.Select(t => new ProcessGraphEdge(t.From, t.To, Label(t, culture), t.Timer is not null))];
        _byId = Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>The process id.</summary>
    public string Id { get; }

    /// <summary>The process name by language (for captions; <see cref="LocalizedText.ToString"/> is the current UI culture's).</summary>
    public LocalizedText Name { get; }

    /// <summary>The id of the initial state (possibly a parent; see <see cref="EntryState"/>).</summary>
    public string Initial { get; }

    /// <summary>The states, in definition order.</summary>
    public ImmutableArray<ProcessGraphNode> Nodes { get; }

    /// <summary>The transitions, in definition order; internal ones (<see cref="ProcessGraphEdge.IsInternal"/>) included.</summary>
    public ImmutableArray<ProcessGraphEdge> Edges { get; }

    /// <summary>The graph of a (valid) definition.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    public static ProcessGraph Of(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ProcessGraph(definition, null);
    }

    /// <summary>
    /// The graph of a (valid) definition with its transitions labelled in <paramref name="culture"/> (timers, guards and
    /// effects in the culture's words: <c>sau 90 ngày / gửi we-miss-you qua Zalo</c>); <see cref="Of"/>
    /// labels them in the invariant English the generated docs keep.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ProcessGraph InLanguage(ProcessDefinition definition, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(culture);
        return new ProcessGraph(definition, culture);
    }

    /// <summary>The node of a state.</summary>
    /// <exception cref="KeyNotFoundException">The process has no state <paramref name="id"/>.</exception>
    public ProcessGraphNode Node(string id) => _byId.TryGetValue(id, out var node) ? node
        : throw new KeyNotFoundException($"Process '{Id}' has no state '{id}'. Known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The direct children of a state (<see langword="null"/>: the top-level states), in definition order.</summary>
    public IEnumerable<ProcessGraphNode> Children(string? parent) => Nodes.Where(n => n.Parent == parent);

    /// <summary>
    /// The leaf state entered when a transition targets <paramref name="id"/>: the state itself, or for a parent its
    /// initial child, descended until a state without children.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The process has no state <paramref name="id"/>.</exception>
    public string EntryState(string id)
    {
        var node = Node(id);
        return node.InitialChild is { } child ? EntryState(child) : node.Id;
    }

    /// <summary>A transition's label: trigger or timer with its guard, then its effects after <c>" / "</c>.</summary>
    private static string Label(TransitionDefinition t, CultureInfo? culture)
    {
        var label = culture is null ? t.Label() : t.LabelFor(culture);
        return t.Effects.IsEmpty ? label : $"{label} / {string.Join(", ", t.Effects.Select(e => culture is null ? e.Describe() : e.DescribeFor(culture)))}";
    }
}
