namespace CrmKit.Engine.Tests;

/// <summary>Builders for engine tests: a shop in Asia/Ho_Chi_Minh, events with ids, an engine over an in-memory store.</summary>
internal static class Shop
{
    public static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>Local time in Ho Chi Minh City, 2026.</summary>
    public static Instant Local(int month, int day, int hour, int minute = 0) => new LocalDateTime(2026, month, day, hour, minute).InZoneStrictly(Hcm).ToInstant();

    public static (CareEngine Engine, InMemoryEngineStore Store) NewEngine(CareEngineOptions? options = null)
    {
        var store = new InMemoryEngineStore();
        return (new CareEngine(options ?? new CareEngineOptions(), store), store);
    }

    public static OrderPlacedEvent Order(string customer, string id, Instant at, decimal amount = 300_000, OrderStatus status = OrderStatus.Completed)
        => new(new Order { Id = new(id), CustomerId = new(customer), PlacedAt = at, Total = Money.Vnd(amount), Status = status })
        { EventId = $"order:{id}:{status}", CustomerId = new(customer), At = at };

    public static ConsentChangedEvent Consent(string customer, ContactChannel channel, ContactPurpose purpose, ConsentStatus status, Instant at)
        => new(new ConsentDecision(channel, purpose, status, at)) { EventId = $"consent:{customer}:{channel}:{purpose}:{status}:{at}", CustomerId = new(customer), At = at };

    /// <summary>A profile with a phone number and an email address (reachable on every channel).</summary>
    public static ProfileChangedEvent Profile(string customer, Instant at, LocalDate? birthDate = null)
        => new(new Customer { Id = new(customer), DisplayName = "Khách " + customer, CreatedAt = at, BirthDate = birthDate, Phones = [PhoneNumber.Parse("0912345678")], Emails = [EmailAddress.Parse(customer.ToLowerInvariant() + "@example.com")] }) { EventId = $"profile:{customer}:{at}", CustomerId = new(customer), At = at };

    public static async Task<List<OutboxRecord>> Outbox(InMemoryEngineStore store, OutboxState? state = null) => [.. await store.ListAsync(state)];
}
