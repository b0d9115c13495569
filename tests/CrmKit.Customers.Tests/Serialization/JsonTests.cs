using System.Text.Json;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public class JsonTests
{
    [Property(MaxTest = 150)]
    public Property Customer_RoundTrips()
        => Prop.ForAll(Generators.Customer().ToArbitrary(), customer =>
        {
            var json = CrmKitJson.Serialize(customer);
            var back = CrmKitJson.Deserialize<Customer>(json);
            return back.Equals(customer) && CrmKitJson.Serialize(back) == json;
        });

    [Property(MaxTest = 100)]
    public Property HistoryParts_RoundTrip()
        => Prop.ForAll(Generators.History(new CustomerId("KH1")).ToArbitrary(), history =>
            CrmKitJson.Deserialize<CustomerHistory>(CrmKitJson.Serialize(history)).Equals(history)
            && history.Orders.All(o => CrmKitJson.Deserialize<Order>(CrmKitJson.Serialize(o)).Equals(o))
            && history.Feedback.All(f => CrmKitJson.Deserialize<Feedback>(CrmKitJson.Serialize(f)).Equals(f))
            && history.Tickets.All(t => CrmKitJson.Deserialize<SupportTicket>(CrmKitJson.Serialize(t)).Equals(t)));

    [Property(MaxTest = 100)]
    public Property ValueTypes_RoundTrip()
        => Prop.ForAll(Gen.Zip(Gen.Zip(Generators.Phone, Generators.Email), Gen.Zip(Generators.Attribute, Generators.Consent)).ToArbitrary(), values =>
        {
            var ((phone, email), (attribute, consent)) = values;
            return CrmKitJson.Deserialize<PhoneNumber>(CrmKitJson.Serialize(phone)) == phone
            && CrmKitJson.Deserialize<EmailAddress>(CrmKitJson.Serialize(email)) == email
            && CrmKitJson.Deserialize<AttributeValue>(CrmKitJson.Serialize(attribute)) == attribute
            && CrmKitJson.Deserialize<ConsentDecision>(CrmKitJson.Serialize(consent)) == consent;
        });

    [Fact]
    public void Serialize_UsesDocumentedShapes()
    {
        var customer = new Customer
        {
            Id = new CustomerId("KH001"),
            DisplayName = "Nguyễn Văn An",
            CreatedAt = Instant.FromUtc(2024, 5, 1, 3, 0),
            Phones = [PhoneNumber.Parse("0912 345 678")],
            BirthDate = new LocalDate(1990, 2, 28),
            Source = AcquisitionSource.WalkIn,
            TimeZone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"],
            Attributes = System.Collections.Immutable.ImmutableSortedDictionary<string, AttributeValue>.Empty.Add("children", AttributeValue.Number(2)),
        }.WithOrder(new Order { Id = new OrderId("HD1"), CustomerId = new CustomerId("KH001"), PlacedAt = Instant.FromUtc(2025, 1, 20, 2, 0), Total = Money.Vnd(150_000m), Channel = SalesChannel.InStore });

        var json = CrmKitJson.Serialize(customer);

        Assert.Equal(
            """{"id":"KH001","kind":"individual","displayName":"Nguyễn Văn An","createdAt":"2024-05-01T03:00:00Z","phones":["+84912345678"],"emails":[],"birthDate":"1990-02-28","tags":[],"attributes":{"children":{"number":2}},"source":"walkIn","timeZone":"Asia/Ho_Chi_Minh","stage":"acquisition","stageRecorded":true,"consents":[],"mergedIds":[],"history":{"orders":[{"id":"HD1","customerId":"KH001","placedAt":"2025-01-20T02:00:00Z","total":{"amount":150000,"currency":"VND"},"status":"completed","channel":"inStore","lines":[]}],"interactions":[],"feedback":[],"tickets":[],"referrals":[]}}""",
            json);
    }

    [Fact]
    public void Deserialize_BadPhone_NamesThePathAndReason()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Customer>("""{"id":"KH1","displayName":"An","createdAt":"2024-01-01T00:00:00Z","phones":["0912345678","0123"]}"""));
        Assert.StartsWith("Invalid phone number: '0***' is too short for a Vietnamese number (4 digits with the leading 0). Path: $.phones[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownCurrency_NamesThePath()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Order>("""{"id":"O1","customerId":"KH1","placedAt":"2024-01-01T00:00:00Z","total":{"amount":1,"currency":"XXX"}}"""));
        Assert.Contains("'XXX' is not a known ISO 4217 currency code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Path: $.total", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MissingRequiredProperty_Fails()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Customer>("""{"id":"KH1","createdAt":"2024-01-01T00:00:00Z"}"""));
        Assert.Contains("displayName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownProperty_Fails()
        => Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Customer>("""{"id":"KH1","displayName":"An","createdAt":"2024-01-01T00:00:00Z","nickname":"A"}"""));

    [Fact]
    public void Deserialize_ScoreOffScale_NamesThePath()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Customer>("""{"id":"KH1","displayName":"An","createdAt":"2024-01-01T00:00:00Z","history":{"feedback":[{"id":"F1","customerId":"KH1","at":"2024-01-01T00:00:00Z","kind":"nps","score":11}]}}"""));
        Assert.Contains("Nps score: 11 is outside 0..10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.history.feedback[0]", ex.Message, StringComparison.Ordinal);
    }
}
