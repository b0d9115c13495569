using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public class ConsentLedgerTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    [Fact]
    public void IsGranted_NoDecision_IsFalse()
        => Assert.False(ConsentLedger.Empty.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));

    [Fact]
    public void Append_LaterWithdrawal_WinsAndBothAreKept()
    {
        var set = ConsentLedger.Empty
            .Append(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, T0))
            .Append(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromHours(1))));
        Assert.False(set.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing));
        Assert.Equal(2, set.Count);
        Assert.Equal(ConsentStatus.Withdrawn, Assert.Single(set.Current).Status);
    }

    [Fact]
    public void Append_OlderDecisionArrivingLate_DoesNotOverrideTheLaterOne()
    {
        var set = ConsentLedger.Empty
            .Append(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromDays(2))))
            .Append(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, T0));
        Assert.False(set.IsGranted(ContactChannel.Email, ContactPurpose.Marketing));
    }

    [Fact]
    public void Append_SameInstant_WithdrawalWins()
    {
        var granted = new ConsentDecision(ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, T0);
        var withdrawn = granted with { Status = ConsentStatus.Withdrawn };
        Assert.False(ConsentLedger.Empty.Append(withdrawn).Append(granted).IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
        Assert.False(ConsentLedger.Empty.Append(granted).Append(withdrawn).IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
    }

    [Fact]
    public void ConsentDecision_InPerson_IsRejected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => new ConsentDecision(ContactChannel.InPerson, ContactPurpose.Marketing, ConsentStatus.Granted, T0));
        Assert.Equal("Invalid consent channel: in-person contact needs no consent. Record consent for SMS, Zalo, email, phone call or chat.", ex.Message);
    }

    [Fact]
    public void Ledger_ProvesWhatWasInForceAtAnyPastInstant()
    {
        var ledger = ConsentLedger.Empty
            .Grant(ContactChannel.Zalo, ContactPurpose.Marketing, T0, "web form", "self-service")
            .Withdraw(ContactChannel.Zalo, ContactPurpose.Marketing, T0.Plus(Duration.FromDays(30)), "zalo message", "NV02")
            .Grant(ContactChannel.Zalo, ContactPurpose.Marketing, T0.Plus(Duration.FromDays(60)), "call", "NV01");

        Assert.Null(ledger.FindAt(ContactChannel.Zalo, ContactPurpose.Marketing, T0.Minus(Duration.FromSeconds(1))));
        Assert.True(ledger.IsGrantedAt(ContactChannel.Zalo, ContactPurpose.Marketing, T0));
        Assert.False(ledger.IsGrantedAt(ContactChannel.Zalo, ContactPurpose.Marketing, T0.Plus(Duration.FromDays(45))));
        Assert.Equal("NV02", ledger.FindAt(ContactChannel.Zalo, ContactPurpose.Marketing, T0.Plus(Duration.FromDays(45)))!.RecordedBy);
        Assert.True(ledger.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing));
        Assert.Equal(["web form", "zalo message", "call"], ledger.History(ContactChannel.Zalo, ContactPurpose.Marketing).Select(d => d.Source));
        Assert.Empty(ledger.History(ContactChannel.Sms, ContactPurpose.Marketing));
        Assert.Equal(T0.Plus(Duration.FromDays(60)), ledger.LastDecisionAt);
    }

    [Fact]
    public void Append_TheSameDecisionTwice_RecordsItOnce()
    {
        var decision = new ConsentDecision(ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, T0, "form");
        var ledger = ConsentLedger.Empty.Append(decision);
        Assert.Same(ledger, ledger.Append(decision with { }));
        Assert.Equal(2, ledger.Append(decision with { Source = "call" }).Count);
    }

    [Fact]
    public void WithdrawAll_WithdrawsEveryGrantInForceInOneCall()
    {
        var at = T0.Plus(Duration.FromDays(3));
        var ledger = ConsentLedger.Empty
            .Grant(ContactChannel.Sms, ContactPurpose.Marketing, T0)
            .Grant(ContactChannel.Email, ContactPurpose.Marketing, T0)
            .Grant(ContactChannel.Email, ContactPurpose.Transactional, T0)
            .Withdraw(ContactChannel.Zalo, ContactPurpose.Marketing, T0);

        var marketingOff = ledger.WithdrawAll(at, ContactPurpose.Marketing, "call", "NV01");
        Assert.False(marketingOff.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
        Assert.False(marketingOff.IsGranted(ContactChannel.Email, ContactPurpose.Marketing));
        Assert.True(marketingOff.IsGranted(ContactChannel.Email, ContactPurpose.Transactional));
        Assert.Equal(ledger.Count + 2, marketingOff.Count);

        var allOff = ledger.WithdrawAll(at);
        Assert.DoesNotContain(allOff.Current, d => d.Status == ConsentStatus.Granted);
        Assert.True(allOff.IsGrantedAt(ContactChannel.Sms, ContactPurpose.Marketing, T0), "the past stays provable");
    }

    [Fact]
    public void Customer_Json_KeepsTheWholeLedger()
    {
        var customer = new Customer { Id = new CustomerId("KH1"), DisplayName = "Lê Thị Hoa", CreatedAt = T0 }
            .WithConsent(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, T0, "form", "self-service"))
            .WithConsent(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromDays(1)), "email reply", "NV03"));
        var json = CrmKitJson.Serialize(customer);
        Assert.Contains("\"recordedBy\":\"NV03\"", json, StringComparison.Ordinal);
        Assert.Equal(customer, CrmKitJson.Deserialize<Customer>(json));
    }

    [Property(MaxTest = 200)]
    public Property CurrentAt_EqualsTheLatestDecisionPerKeyUpToThatInstant()
        => Prop.ForAll(Generators.Consent.ListOf().ToArbitrary(), Generators.Instant.ToArbitrary(), (decisions, instant) =>
        {
            var ledger = ConsentLedger.From(decisions);
            var expected = decisions
                .Where(d => d.At <= instant)
                .GroupBy(d => (d.Channel, d.Purpose))
                .Select(g => g.Aggregate((best, d) => d.Supersedes(best) ? d : best))
                .OrderBy(d => d.Channel).ThenBy(d => d.Purpose);
            return ledger.CurrentAt(instant).SequenceEqual(expected)
                && ledger.Count == decisions.Distinct().Count()
                && ledger.Zip(ledger.Skip(1)).All(p => !p.First.Supersedes(p.Second));
        });

    [Property(MaxTest = 200)]
    public Property From_AnyOrderOfDecisions_GivesTheSameSet()
        => Prop.ForAll(Generators.Consent.ListOf().ToArbitrary(), decisions =>
        {
            var forward = ConsentLedger.From(decisions);
            var backward = ConsentLedger.From(Enumerable.Reverse(decisions));
            return forward.Equals(backward);
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutativeAndKeepsTheLatestPerKey()
        => Prop.ForAll(Generators.Consent.ListOf().ToArbitrary(), Generators.Consent.ListOf().ToArbitrary(), (a, b) =>
        {
            var left = ConsentLedger.From(a);
            var right = ConsentLedger.From(b);
            var merged = left.Merge(right);
            var latestPerKey = a.Concat(b).GroupBy(d => (d.Channel, d.Purpose)).All(g => merged.Find(g.Key.Channel, g.Key.Purpose)!.At == g.Max(d => d.At));
            return merged.Equals(right.Merge(left)) && latestPerKey;
        });
}
