namespace CrmKit.Customers.Tests;

public class ConsentSetTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    [Fact]
    public void IsGranted_NoDecision_IsFalse()
        => Assert.False(ConsentSet.Empty.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));

    [Fact]
    public void With_LaterWithdrawal_Wins()
    {
        var set = ConsentSet.Empty
            .With(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, T0))
            .With(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromHours(1))));
        Assert.False(set.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing));
        Assert.Single(set);
    }

    [Fact]
    public void With_OlderDecisionArrivingLate_IsIgnored()
    {
        var set = ConsentSet.Empty
            .With(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T0.Plus(Duration.FromDays(2))))
            .With(new ConsentDecision(ContactChannel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, T0));
        Assert.False(set.IsGranted(ContactChannel.Email, ContactPurpose.Marketing));
    }

    [Fact]
    public void With_SameInstant_WithdrawalWins()
    {
        var granted = new ConsentDecision(ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, T0);
        var withdrawn = granted with { Status = ConsentStatus.Withdrawn };
        Assert.False(ConsentSet.Empty.With(withdrawn).With(granted).IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
        Assert.False(ConsentSet.Empty.With(granted).With(withdrawn).IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
    }

    [Fact]
    public void ConsentDecision_InPerson_IsRejected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => new ConsentDecision(ContactChannel.InPerson, ContactPurpose.Marketing, ConsentStatus.Granted, T0));
        Assert.Equal("Invalid consent channel: in-person contact needs no consent. Record consent for SMS, Zalo, email, phone call or chat.", ex.Message);
    }

    [Property(MaxTest = 200)]
    public Property From_AnyOrderOfDecisions_GivesTheSameSet()
        => Prop.ForAll(Generators.Consent.ListOf().ToArbitrary(), decisions =>
        {
            var forward = ConsentSet.From(decisions);
            var backward = ConsentSet.From(Enumerable.Reverse(decisions));
            return forward.Equals(backward);
        });

    [Property(MaxTest = 200)]
    public Property Merge_IsCommutativeAndKeepsTheLatestPerKey()
        => Prop.ForAll(Generators.Consent.ListOf().ToArbitrary(), Generators.Consent.ListOf().ToArbitrary(), (a, b) =>
        {
            var left = ConsentSet.From(a);
            var right = ConsentSet.From(b);
            var merged = left.Merge(right);
            var latestPerKey = a.Concat(b).GroupBy(d => (d.Channel, d.Purpose)).All(g => merged.Find(g.Key.Channel, g.Key.Purpose)!.At == g.Max(d => d.At));
            return merged.Equals(right.Merge(left)) && latestPerKey;
        });
}
