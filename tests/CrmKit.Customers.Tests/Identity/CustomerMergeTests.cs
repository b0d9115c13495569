using CrmKit.Customers.Identity;

namespace CrmKit.Customers.Tests;

public class CustomerMergeTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static Customer Person(string id, string name, Instant created) => new() { Id = new CustomerId(id), DisplayName = name, CreatedAt = created };

    [Fact]
    public void Merge_KeepsDiacriticSpellingAndUnitesContacts()
    {
        var survivor = Person("KH1", "Nguyen van an", T0) with { Phones = [PhoneNumber.Parse("0912345678")] };
        var duplicate = Person("KH2", "Nguyễn Văn An", T0.Plus(Duration.FromHours(5))) with
        {
            Phones = [PhoneNumber.Parse("+84 912 345 678"), PhoneNumber.Parse("0987654321")],
            Emails = [EmailAddress.Parse("an@gmail.com")],
            BirthDate = new LocalDate(1990, 1, 1),
            Stage = LifecycleStage.Loyalty,
        };

        var result = CustomerMerge.Merge(survivor, duplicate);

        Assert.Equal("Nguyễn Văn An", result.Customer.DisplayName);
        Assert.Equal(new CustomerId("KH1"), result.Customer.Id);
        Assert.Equal(["+84912345678", "+84987654321"], result.Customer.Phones.Select(p => p.E164));
        Assert.Single(result.Customer.Emails);
        Assert.Equal(new LocalDate(1990, 1, 1), result.Customer.BirthDate);
        Assert.Equal(LifecycleStage.Loyalty, result.Customer.Stage);
        Assert.Equal<CustomerId>([new CustomerId("KH2")], result.Customer.MergedIds);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void Merge_DisagreeingFields_KeepSurvivorAndReportMasked()
    {
        var survivor = Person("KH1", "Trần Thị Mai", T0) with { Gender = Gender.Female, BirthDate = new LocalDate(1990, 1, 1) };
        var duplicate = Person("KH2", "Lê Văn Bình", T0) with { Gender = Gender.Male, BirthDate = new LocalDate(1991, 1, 1) };

        var result = CustomerMerge.Merge(survivor, duplicate);

        Assert.Equal(Gender.Female, result.Customer.Gender);
        Assert.Equal<MergeConflict>(
            [
                new MergeConflict("displayName", "T*** T** M**", "L* V** B***"),
                new MergeConflict("birthDate", "(date withheld)", "(date withheld)"),
                new MergeConflict("gender", "Female", "Male"),
            ],
            result.Conflicts);
    }

    [Fact]
    public void Merge_MostRecentConsentWins()
    {
        var granted = new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, T0.Plus(Duration.FromDays(10)));
        var withdrawn = granted with { Status = ConsentStatus.Withdrawn, At = T0.Plus(Duration.FromDays(20)) };
        var survivor = Person("KH1", "An", T0).WithConsent(granted);
        var duplicate = Person("KH2", "An", T0).WithConsent(withdrawn);
        Assert.False(CustomerMerge.Merge(survivor, duplicate).Customer.Consents.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing));
        Assert.False(CustomerMerge.Merge(duplicate, survivor).Customer.Consents.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing));
    }

    [Fact]
    public void Merge_SameOrderIdWithDifferentContents_IsRefused()
    {
        Order Sale(string customer, decimal amount) => new() { Id = new OrderId("O1"), CustomerId = new CustomerId(customer), PlacedAt = T0, Total = Money.Vnd(amount) };
        var ex = Assert.Throws<MergeConflictException>(() => CustomerMerge.Merge(Person("KH1", "An", T0).WithOrder(Sale("KH1", 1000)), Person("KH2", "An", T0).WithOrder(Sale("KH2", 2000))));
        Assert.Equal("Cannot merge customer 'KH2' into 'KH1': both have order 'O1' with different contents.", ex.Message);
    }

    [Fact]
    public void Merge_IntoItself_IsRefused()
        => Assert.Throws<MergeConflictException>(() => CustomerMerge.Merge(Person("KH1", "An", T0), Person("KH1", "An", T0)));

    [Property(MaxTest = 150)]
    public Property Merge_NeverLosesOrDuplicatesHistory()
        => Prop.ForAll(Generators.Customer("KH1").ToArbitrary(), Generators.Customer("KH2").ToArbitrary(), (a, b) =>
        {
            var merged = CustomerMerge.Merge(a, b).Customer;
            var ha = a.History;
            var hb = b.History;
            var hm = merged.History;
            return hm.Orders.Count == ha.Orders.Count + hb.Orders.Count
                && hm.Orders.Revenue == ha.Orders.Revenue + hb.Orders.Revenue
                && hm.Orders.Sum(o => o.Total.Amount) == ha.Orders.Sum(o => o.Total.Amount) + hb.Orders.Sum(o => o.Total.Amount)
                && hm.Interactions.Length == ha.Interactions.Length + hb.Interactions.Length
                && hm.Feedback.Length == ha.Feedback.Length + hb.Feedback.Length
                && hm.Feedback.Sum(f => f.Score) == ha.Feedback.Sum(f => f.Score) + hb.Feedback.Sum(f => f.Score)
                && hm.Tickets.Length == ha.Tickets.Length + hb.Tickets.Length
                && hm.Referrals.Length == ha.Referrals.Length + hb.Referrals.Length
                && hm.Orders.All(o => o.CustomerId == merged.Id)
                && a.Phones.Concat(b.Phones).All(merged.Phones.Contains)
                && a.Emails.Concat(b.Emails).All(merged.Emails.Contains);
        });

    [Property(MaxTest = 100)]
    public Property Merge_OfATwinSharingItsHistory_KeepsEachItemOnce()
        => Prop.ForAll(Generators.Customer("KH1").ToArbitrary(), a =>
        {
            var id = new CustomerId("KH2");
            var h = a.History;
            var twin = a with { History = CustomerHistory.Empty, Id = id } with
            {
                History = new CustomerHistory
                {
                    Orders = OrderHistory.From(h.Orders.Select(o => o with { CustomerId = id })),
                    Interactions = [.. h.Interactions.Select(x => x with { CustomerId = id })],
                    Feedback = [.. h.Feedback.Select(x => x with { CustomerId = id })],
                    Tickets = [.. h.Tickets.Select(x => x with { CustomerId = id })],
                    Referrals = [.. h.Referrals.Select(x => x with { ReferrerId = id })],
                },
            };
            var merged = CustomerMerge.Merge(a, twin).Customer;
            return merged.History.Equals(a.History) && merged.Consents.Equals(a.Consents);
        });
}
