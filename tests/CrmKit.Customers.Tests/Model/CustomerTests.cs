using System.Collections.Immutable;

namespace CrmKit.Customers.Tests;

public class CustomerTests
{
    private static Customer NewCustomer() => new()
    {
        Id = new CustomerId("KH001"),
        DisplayName = "Nguyễn Văn An",
        CreatedAt = Instant.FromUtc(2024, 5, 1, 3, 0),
        Phones = [PhoneNumber.Parse("0912345678"), PhoneNumber.Parse("+84 912 345 678")],
        BirthDate = new LocalDate(1990, 2, 28),
    };

    [Fact]
    public void Phones_Duplicates_AreRemoved()
        => Assert.Single(NewCustomer().Phones);

    [Fact]
    public void DisplayName_Blank_IsRejected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => NewCustomer() with { DisplayName = "  " });
        Assert.Equal("Invalid display name: must not be empty.", ex.Message);
    }

    [Fact]
    public void Id_Default_IsRejected()
        => Assert.Throws<InvalidValueException>(() => NewCustomer() with { Id = default });

    [Fact]
    public void Tags_AreTrimmedDistinctAndSorted()
        => Assert.Equal<string>(["Travel", "food"], (NewCustomer() with { Tags = [" Travel", "food", "travel", ""] }).Tags);

    [Theory]
    [InlineData(2025, 2, 27, 34)]
    [InlineData(2025, 2, 28, 35)]
    [InlineData(1989, 1, 1, null)]
    public void AgeOn_CountsWholeYears(int year, int month, int day, int? age)
        => Assert.Equal(age, NewCustomer().AgeOn(new LocalDate(year, month, day)));

    [Fact]
    public void History_OfAnotherCustomer_IsRejected()
    {
        var order = new Order { Id = new OrderId("O1"), CustomerId = new CustomerId("KH999"), PlacedAt = Instant.FromUtc(2025, 1, 1, 0, 0), Total = Money.Vnd(1000) };
        var ex = Assert.Throws<InvalidValueException>(() => NewCustomer().WithOrder(order));
        Assert.Equal("Invalid history: order 'O1' belongs to customer 'KH999', not 'KH001'.", ex.Message);
    }

    [Fact]
    public void ToString_MasksTheName()
        => Assert.Equal("Customer KH001 N***** V** A*", NewCustomer().ToString());

    [Fact]
    public void Equality_IsStructural()
    {
        var a = NewCustomer().WithTag("food").WithAttribute("children", AttributeValue.Number(2));
        var b = NewCustomer().WithAttribute("children", AttributeValue.Number(2)).WithTag("food");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.WithTag("travel"));
    }

    [Fact]
    public void Feedback_ScoreOffItsScale_IsRejected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => new Feedback(new FeedbackId("F1"), new CustomerId("KH001"), Instant.FromUtc(2025, 1, 1, 0, 0), FeedbackKind.StarRating, 6));
        Assert.Equal("Invalid StarRating score: 6 is outside 1..5.", ex.Message);
    }

    [Fact]
    public void Feedback_ChangingKindWithWith_RechecksTheScore()
    {
        var nps = new Feedback(new FeedbackId("F1"), new CustomerId("KH001"), Instant.FromUtc(2025, 1, 1, 0, 0), FeedbackKind.Nps, 9);
        Assert.Throws<InvalidValueException>(() => nps with { Kind = FeedbackKind.Csat });
        Assert.Equal(FeedbackKind.Ces, (nps with { Score = 3 } with { Kind = FeedbackKind.Ces }).Kind);
    }

    [Fact]
    public void SupportTicket_Validate_RejectsReplyBeforeOpening()
    {
        var opened = Instant.FromUtc(2025, 1, 2, 0, 0);
        var ticket = new SupportTicket { Id = new TicketId("T1"), CustomerId = new CustomerId("KH001"), OpenedAt = opened, Channel = ContactChannel.Zalo, FirstReplyAt = opened.Minus(Duration.FromHours(1)) };
        var ex = Assert.Throws<InvalidValueException>(ticket.Validate);
        Assert.Equal("Invalid first reply: 2025-01-01T23:00:00Z precedes 2025-01-02T00:00:00Z in ticket 'T1'.", ex.Message);
    }

    [Fact]
    public void AttributeValue_WrongKind_Throws()
    {
        var value = AttributeValue.Text("dầu");
        Assert.Equal("dầu", value.AsText());
        Assert.Equal("The attribute value is Text, not Number.", Assert.Throws<InvalidOperationException>(() => value.AsNumber()).Message);
    }

    [Fact]
    public void Attributes_UseOrdinalKeys()
    {
        var customer = NewCustomer() with { Attributes = ImmutableSortedDictionary<string, AttributeValue>.Empty.Add("b", AttributeValue.Boolean(true)).Add("B", AttributeValue.Boolean(false)) };
        Assert.Equal(["B", "b"], customer.Attributes.Keys);
    }

    [Fact]
    public void Attributes_RefuseADefaultValue_WhichJsonCouldNotReadBack()
    {
        var ex = Assert.Throws<InvalidValueException>(() => NewCustomer().WithAttribute("children", default));
        Assert.Equal("Invalid attribute 'children': has no value (default(AttributeValue)); create values with AttributeValue.Text, Number, Boolean, Date or Instant.", ex.Message);
        Assert.Throws<InvalidValueException>(() => NewCustomer() with { Attributes = ImmutableSortedDictionary<string, AttributeValue>.Empty.Add("x", default) });
    }
}
