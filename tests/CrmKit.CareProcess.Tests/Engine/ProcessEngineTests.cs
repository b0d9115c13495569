using System.Collections.Immutable;

namespace CrmKit.CareProcess.Tests;

public sealed class ProcessEngineTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 2, 0); // Monday 09:00 in Hồ Chí Minh City
    private static readonly ProcessDefinition Ticket = BuiltInProcesses.SupportTicket;

    [Fact]
    public void BuiltInProcesses_AreValid_AndHaveDistinctIds()
    {
        Assert.Equal(6, BuiltInProcesses.All.Length);
        Assert.Equal(BuiltInProcesses.All.Length, BuiltInProcesses.All.Select(p => p.Id).Distinct().Count());
        foreach (var p in BuiltInProcesses.All)
        {
            Assert.Empty(ProcessDefinition.Validate(p.Model));
        }
    }

    [Fact]
    public void Advance_ARepeatingTimerOverYears_TakesItEveryTimeItFellDue()
    {
        // Pre-sale's "answer-questions" reminds every 4 business hours; three years without a call is ~2,000 reminders
        // (found by the trigger-sequence property: the old guard took any 1,000 timers in one call for a cycle).
        var preSale = BuiltInProcesses.PreSale;
        var start = preSale.Start("lead-1", T0).Snapshot;
        var classified = preSale.Fire(preSale.Fire(start, "details-collected", T0).GetStepOrThrow().Snapshot, "classified", T0).GetStepOrThrow().Snapshot;

        var later = preSale.Advance(classified, T0 + Duration.FromDays(3 * 365));

        Assert.Equal("answer-questions", later.Snapshot.State);
        Assert.True(later.Transitions.Length > 1000, $"{later.Transitions.Length} reminders");
        Assert.Equal(later.Transitions.Length, later.Effects.Count(e => e is CreateTask));
    }

    [Fact]
    public void Ticket_HappyPath_EffectsAndHistory()
    {
        var start = Ticket.Start("T-1", T0);
        Assert.Equal("new", start.Snapshot.State);
        Assert.Equal([new SendMessage(ContactChannel.Email, ContactPurpose.Transactional, "ticket-received")], start.Effects.ToArray());

        var assigned = Ticket.Fire(start.Snapshot, "assign", T0 + Duration.FromMinutes(5), [ProcessValue.Of("lan")]).GetStepOrThrow();
        Assert.Equal("open", assigned.Snapshot.State);
        Assert.Equal([new AssignStaff("support")], assigned.Effects.ToArray());
        Assert.Equal(ProcessValue.Of("lan"), assigned.Snapshot.Data["agent"]);
        Assert.Equal(2, assigned.Snapshot.Version);
        Assert.Null(assigned.NextDue);

        var solved = Ticket.Fire(assigned.Snapshot, "solve", T0 + Duration.FromHours(1)).GetStepOrThrow();
        Assert.Equal("solved", solved.Snapshot.State);
        Assert.Equal([new SendMessage(ContactChannel.Email, ContactPurpose.Transactional, "satisfaction-survey")], solved.Effects.ToArray());
        Assert.Equal(T0 + Duration.FromHours(1) + Duration.FromDays(4), solved.NextDue);
        Assert.Equal(
            [new HistoryEntry("new", "open", T0 + Duration.FromMinutes(5), "assign"), new HistoryEntry("open", "solved", T0 + Duration.FromHours(1), "solve")],
            solved.Snapshot.History.ToArray());
    }

    [Fact]
    public void Ticket_NotPermitted_NamesStateTriggerAndPermitted()
    {
        var s = Ticket.Start("T-1", T0).Snapshot;
        var result = Ticket.Fire(s, "resume", T0);
        Assert.False(result.IsAccepted);
        var r = result.Rejection!;
        Assert.Equal(RejectionReason.NotPermitted, r.Reason);
        Assert.Equal(["assign", "agent-reply", "customer-reply"], r.Permitted.ToArray());
        Assert.Equal("'resume' is not permitted in state 'new' of support-ticket; permitted: assign, agent-reply, customer-reply.", r.ToString());
        var ex = Assert.Throws<TriggerRejectedException>(() => result.GetStepOrThrow());
        Assert.Same(r, ex.Rejection);
    }

    [Fact]
    public void Fire_UnknownTrigger_And_BadArguments_AreRejectedWithDetail()
    {
        var s = Ticket.Start("T-1", T0).Snapshot;
        Assert.Equal(RejectionReason.UnknownTrigger, Ticket.Fire(s, "explode", T0).Rejection!.Reason);
        var bad = Ticket.Fire(s, "assign", T0, [ProcessValue.Of(3m)]).Rejection!;
        Assert.Equal(RejectionReason.BadArguments, bad.Reason);
        Assert.Equal("agent must be Text, got Number", bad.Detail);
        var tooMany = Ticket.Fire(s, "solve", T0, [ProcessValue.Of(true)]).Rejection!;
        Assert.Equal(RejectionReason.BadArguments, tooMany.Reason);
        Assert.Equal("1 arguments given, 0 expected ()", tooMany.Detail);
    }

    [Fact]
    public void Fire_ADefaultProcessValue_IsRejected_AndWithDataAndStartThrow()
    {
        var s = Ticket.Start("T-1", T0).Snapshot;
        var r = Ticket.Fire(s, "assign", T0, [default]).Rejection!;
        Assert.Equal(RejectionReason.BadArguments, r.Reason);
        Assert.Equal("'assign' in state 'new' of support-ticket: bad arguments (agent has no content (default(ProcessValue)); create values with ProcessValue.Of); permitted: assign, agent-reply, customer-reply.", r.ToString());
        var cursor = new ProcessCursor(Ticket.StateIndex(s.State), s.EnteredAt, s.Version);
        Assert.Equal(FireStatus.BadArguments, Ticket.TryFire(ref cursor, Ticket.TriggerIndex("assign"), [default], T0, out _));

        var withData = Assert.Throws<ArgumentException>(() => s.WithData("agent", default));
        Assert.Equal("Data value 'agent' has no content (default(ProcessValue)); create values with ProcessValue.Of. (Parameter 'value')", withData.Message);
        var start = Assert.Throws<ArgumentException>(() => Ticket.Start("T-2", T0, [new("priority", default)]));
        Assert.Equal("Data value 'priority' has no content (default(ProcessValue)); create values with ProcessValue.Of. (Parameter 'data')", start.Message);
        Assert.Throws<ArgumentException>(() => s with { Data = s.Data.Add("x", default) });
    }

    [Fact]
    public void ProcessValueOf_ALoneSurrogate_IsRejected()
    {
        // Not a [Theory]: xunit's test-case serialisation would turn the lone surrogates into U+FFFD.
        foreach (var (text, index) in new[] { ("tail \udc00", 5), ("\ud83d", 0), ("a\ud83d b", 1) })
        {
            var ex = Assert.Throws<ArgumentException>(() => ProcessValue.Of(text));
            Assert.Equal($"The text has a lone surrogate at index {index} (U+{(int)text[index]:X4}); it is not well-formed UTF-16 and could not be stored as JSON. (Parameter 'text')", ex.Message);
            Assert.Throws<ArgumentException>(() => Ticket.Start(text, T0));
            Assert.Throws<ArgumentException>(() => Ticket.Start("T-1", T0).Snapshot.WithData(text, ProcessValue.Of(1m)));
        }

        Assert.Equal("😀", ProcessValue.Of("😀").Text);
    }

    [Fact]
    public void Fire_WithoutATrailingArgument_UnsetsItsDataValue()
    {
        var p = new ProcessBuilder("notes", "Notes", "open")
            .Trigger("note", null, new TriggerParameter("text", ValueKind.Text))
            .Trigger("close")
            .State("open").State("closed", final: true)
            .On("open", "note", null)
            .On("open", "close", "closed", new Guard("no pending note", GuardSource.Data, "text", GuardOperator.IsNotSet))
            .Build();
        var s = p.Start("N-1", T0).Snapshot;
        s = p.Fire(s, "note", T0, [ProcessValue.Of("hi")]).GetStepOrThrow().Snapshot;
        Assert.Equal(ProcessValue.Of("hi"), s.Data["text"]);
        Assert.Equal(RejectionReason.GuardsFailed, p.Fire(s, "close", T0).Rejection!.Reason);

        // The docs: missing trailing arguments are unset — the data says so too, and the guard sees it.
        s = p.Fire(s, "note", T0).GetStepOrThrow().Snapshot;
        Assert.False(s.Data.ContainsKey("text"));
        Assert.Equal("closed", p.Fire(s, "close", T0).GetStepOrThrow().Snapshot.State);
    }

    [Fact]
    public void Validator_ReportsDefaultValuesInGuardsAndEffects()
    {
        var ex = Assert.Throws<InvalidProcessException>(new ProcessBuilder("p", "P", "a")
            .Trigger("t", null, new TriggerParameter("x", ValueKind.Text))
            .State("a").State("b")
            .On("a", "t", "b", new Guard("x is empty", GuardSource.Parameter, "x", GuardOperator.Equal, default(ProcessValue)), new SetAttributeValue("note", default))
            .Build);
        Assert.Equal(
        [
            "$.transitions[0].guard.value: the value has no content (default(ProcessValue)); create values with ProcessValue.Of",
            "$.transitions[0].effects[0]: the attribute value has no content (default(ProcessValue)); create values with ProcessValue.Of",
        ], ex.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Warranty_Guards_ChooseTheBranch_AndKeepTheReason()
    {
        var w = BuiltInProcesses.WarrantyCase;
        var s = w.Start("W-7", T0).Snapshot;
        s = w.Fire(s, "diagnosed", T0, [ProcessValue.Of("screen")]).GetStepOrThrow().Snapshot;
        var rejected = w.Fire(s, "decide", T0, [ProcessValue.Of(false), ProcessValue.Of("water damage")]).GetStepOrThrow();
        Assert.Equal("rejected", rejected.Snapshot.State);
        Assert.Equal(ProcessValue.Of("water damage"), rejected.Snapshot.Data["reason"]);
        var approved = w.Fire(s, "decide", T0, [ProcessValue.Of(true), ProcessValue.Of("manufacturing defect")]).GetStepOrThrow();
        Assert.Equal("approved", approved.Snapshot.State);

        // A missing guard value satisfies no guard.
        var missing = w.Fire(s, "decide", T0).Rejection!;
        Assert.Equal(RejectionReason.GuardsFailed, missing.Reason);
        Assert.Equal("failed: under warranty; not under warranty", missing.Detail);
    }

    [Fact]
    public void ParentTransition_ExitsTheChild_ThenEntersTarget_InOrder()
    {
        var a = BuiltInProcesses.AfterSale;
        var s = a.Start("O-1", T0);
        Assert.Equal("follow-up", s.Snapshot.State);
        var complaint = a.Fire(s.Snapshot, "complaint-received", T0, [ProcessValue.Of("late delivery")]).GetStepOrThrow();
        Assert.Equal("complaint", complaint.Snapshot.State);
        Assert.Equal([new AssignStaff("care-lead"), new CreateTask("Resolve the complaint in one contact", "care-lead", Duration.FromDays(1))], complaint.Effects.ToArray());
        Assert.Contains("complaint-received", a.PermittedTriggers("perks"));
    }

    [Fact]
    public void Advance_TakesChainedTimers_AtTheirDueInstants()
    {
        var a = BuiltInProcesses.AfterSale;
        var s = a.Start("O-1", T0).Snapshot;
        var late = a.Advance(s, T0 + Duration.FromDays(100));
        Assert.Equal("completed", late.Snapshot.State);
        Assert.Equal(
            [T0 + Duration.FromDays(2), T0 + Duration.FromDays(9), T0 + Duration.FromDays(39), T0 + Duration.FromDays(46)],
            late.Snapshot.History.Select(h => h.At).ToArray());
        Assert.All(late.Snapshot.History, h => Assert.Null(h.Trigger));
        Assert.Null(late.NextDue);

        var early = a.Advance(s, T0 + Duration.FromDays(1));
        Assert.Same(s, early.Snapshot);
        Assert.Empty(early.Effects);
        Assert.Equal(T0 + Duration.FromDays(2), early.NextDue);
    }

    [Fact]
    public void Ticket_ReplyBeforeAutoClose_Reopens_AndRestartsTheClock()
    {
        var s = Ticket.Start("T-1", T0).Snapshot;
        s = Ticket.Fire(s, "assign", T0, [ProcessValue.Of("an")]).GetStepOrThrow().Snapshot;
        s = Ticket.Fire(s, "solve", T0).GetStepOrThrow().Snapshot;
        var reopened = Ticket.Fire(s, "customer-reply", T0 + Duration.FromDays(3)).GetStepOrThrow();
        Assert.Equal("open", reopened.Snapshot.State);
        var resolved = Ticket.Fire(reopened.Snapshot, "solve", T0 + Duration.FromDays(5)).GetStepOrThrow();
        Assert.Equal("solved", Ticket.Advance(resolved.Snapshot, T0 + Duration.FromDays(8)).Snapshot.State);
        Assert.Equal("closed", Ticket.Advance(resolved.Snapshot, T0 + Duration.FromDays(9)).Snapshot.State);
    }

    [Fact]
    public void ClosedTicket_CustomerReply_StartsFollowUpTicket_WithoutLeavingClosed()
    {
        var s = Ticket.Start("T-1", T0).Snapshot;
        s = Ticket.Fire(s, "agent-reply", T0).GetStepOrThrow().Snapshot;
        s = Ticket.Fire(s, "solve", T0).GetStepOrThrow().Snapshot;
        s = Ticket.Advance(s, T0 + Duration.FromDays(10)).Snapshot;
        Assert.True(Ticket.IsFinal(s.State));
        var reply = Ticket.Fire(s, "customer-reply", T0 + Duration.FromDays(11)).GetStepOrThrow();
        Assert.Equal("closed", reply.Snapshot.State);
        Assert.Equal(s.EnteredAt, reply.Snapshot.EnteredAt);
        Assert.Equal([new StartProcess("support-ticket")], reply.Effects.ToArray());
    }

    [Fact]
    public void TimerInBusinessHours_SkipsNightsWeekendsAndHolidays()
    {
        var env = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.VietnamOffice([new LocalDate(2026, 11, 9)]));
        var p = BuiltInProcesses.PreSale;
        var s = p.Start("L-1", T0).Snapshot;
        s = p.Fire(s, "details-collected", T0).GetStepOrThrow().Snapshot;

        // Saturday 2026-11-07 11:00 local: one business hour left that day, Sunday closed, Monday 9 Nov a holiday,
        // so the 4-hour reminder falls on Tuesday 10 Nov at 11:00 local (04:00 UTC).
        var saturday = Instant.FromUtc(2026, 11, 7, 4, 0);
        var step = p.Fire(s, "classified", saturday, [ProcessValue.Of("retail")], env).GetStepOrThrow();
        Assert.Equal(Instant.FromUtc(2026, 11, 10, 4, 0), step.NextDue);
    }

    [Fact]
    public void TryFire_SteadyState_DoesNotAllocate()
    {
        var (reply, wait) = (Ticket.TriggerIndex("customer-reply"), Ticket.TriggerIndex("wait-for-customer"));
        var cursor = new ProcessCursor(Ticket.StateIndex("open"), T0, 1);
        var fired = 0;
        for (var round = 0; round < 2; round++)
        {
            // The first round warms up; the second is measured.
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                fired += Ticket.TryFire(ref cursor, wait, [], T0, out _) == FireStatus.Fired ? 1 : 0;
                fired += Ticket.TryFire(ref cursor, reply, [], T0, out _) == FireStatus.Fired ? 1 : 0;
                fired += Ticket.TryFire(ref cursor, reply, [], T0, out _) == FireStatus.Fired ? 1 : 0;
            }

            if (round == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Assert.Equal(6000, fired);
        Assert.Equal(6001, cursor.Version);
        Assert.Equal("open", Ticket.States[cursor.State]);
        Assert.Equal(FireStatus.NotPermitted, Ticket.TryFire(ref cursor, Ticket.TriggerIndex("resume"), [], T0, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Lifecycle_IsForwardOnly_OnOrders()
    {
        var l = BuiltInProcesses.CustomerLifecycle;
        var s = l.Start("KH1", T0).Snapshot;
        foreach (var (count, expected) in new[] { (1, "conversion"), (1, "conversion"), (2, "retention"), (3, "retention"), (5, "loyalty"), (1, "loyalty") })
        {
            s = l.Fire(s, "order-placed", T0, [ProcessValue.Of((decimal)count)]).GetStepOrThrow().Snapshot;
            Assert.Equal(expected, s.State);
        }
    }
}
