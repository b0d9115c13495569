namespace CrmKit.CareProcess.Tests;

public sealed class ProcessGraphTests
{
    [Fact]
    public void Of_SupportTicket_HasEveryStateAndTransitionInDefinitionOrder()
    {
        var graph = ProcessGraph.Of(BuiltInProcesses.SupportTicket);
        Assert.Equal("support-ticket", graph.Id);
        Assert.Equal("Support ticket", graph.Name.Get(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("new", graph.Initial);
        Assert.Equal(["new", "open", "pending", "on-hold", "solved", "closed"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(BuiltInProcesses.SupportTicket.Model.Transitions.Length, graph.Edges.Length);
        var closedGood = CrmKit.Customers.LocalizedText.Create([new("en", "Closed for good"), new("vi", "Đã đóng hẳn")]);
        Assert.Equal(new ProcessGraphNode("closed", closedGood, null, null, IsFinal: true, HasChildren: false), graph.Node("closed"));
        Assert.Equal("closed — Closed for good", graph.Node("closed").Title);
    }

    [Fact]
    public void Edges_LabelTriggerOrTimerGuardAndEffects()
    {
        var ticket = ProcessGraph.Of(BuiltInProcesses.SupportTicket);
        Assert.Equal(new ProcessGraphEdge("new", "open", "assign / assign support", IsTimed: false), ticket.Edges[0]);
        Assert.Equal(new ProcessGraphEdge("solved", "closed", "after 4 days", IsTimed: true), ticket.Edges[^2]);
        var internalReply = ticket.Edges[^1];
        Assert.True(internalReply.IsInternal);
        Assert.Equal("customer-reply / start support-ticket", internalReply.Label);

        var warranty = ProcessGraph.Of(BuiltInProcesses.WarrantyCase);
        Assert.Contains(new ProcessGraphEdge("diagnosed", "approved", "decide [under warranty]", IsTimed: false), warranty.Edges);
    }

    [Fact]
    public void EntryState_DescendsInitialChildren_ChildrenFollowNesting()
    {
        var graph = ProcessGraph.Of(BuiltInProcesses.AfterSale);
        var caring = graph.Node("caring");
        Assert.True(caring.HasChildren);
        Assert.Equal("follow-up", caring.InitialChild);
        Assert.Equal("follow-up", graph.EntryState("caring"));
        Assert.Equal("completed", graph.EntryState("completed"));
        Assert.All(graph.Children("caring"), n => Assert.Equal("caring", n.Parent));
        Assert.DoesNotContain(graph.Children(null), n => n.Parent is not null);
    }

    [Fact]
    public void Node_UnknownState_ThrowsNamingKnownStates()
    {
        var graph = ProcessGraph.Of(BuiltInProcesses.WarrantyCase);
        var e = Assert.Throws<KeyNotFoundException>(() => graph.Node("lost"));
        Assert.StartsWith("Process 'warranty-case' has no state 'lost'. Known: approved, ", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ProcessGraph.Of(null!));
    }
}
