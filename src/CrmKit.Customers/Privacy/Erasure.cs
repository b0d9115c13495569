using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>Why a customer was erased.</summary>
public enum ErasureBasis
{
    /// <summary>The customer asked to be forgotten (GDPR art. 17; the right to deletion of Vietnam's Decree 13/2023).</summary>
    DataSubjectRequest,

    /// <summary>The retention policy: the customer was inactive for longer than the shop keeps personal data.</summary>
    RetentionPolicy,

    /// <summary>Another legal ground recorded by the host (see <see cref="ErasureRecord.Reference"/>).</summary>
    Other,
}

/// <summary>The record an erasure leaves on the customer: when, on what basis, under which request.</summary>
/// <param name="At">When the customer was erased.</param>
/// <param name="Basis">Why.</param>
/// <param name="Reference">
/// The host's reference of the request, e.g. <c>DSR-2026-0042</c>; it is kept after erasure, so it must not hold
/// personal data itself (a name or phone number in it is rejected).
/// </param>
public sealed record ErasureRecord(Instant At, ErasureBasis Basis, string? Reference = null)
{
    /// <summary>The request's reference, trimmed, or <see langword="null"/>.</summary>
    public string? Reference { get; init => field = CheckReference(value); } = CheckReference(Reference);

    /// <summary>Why.</summary>
    public ErasureBasis Basis { get; init => field = Guard.Defined(value, "erasure basis"); } = Guard.Defined(Basis, "erasure basis");

    private static string? CheckReference(string? reference)
    {
        var value = Guard.TrimToNull(reference);
        if (value is not null && PersonalData.ContainsContactData(value))
        {
            throw new InvalidValueException("erasure reference", "it looks like a phone number or an email address; it is kept after erasure and must not hold personal data.", "Use the request's ticket number, e.g. DSR-2026-0042.");
        }

        return value;
    }
}

/// <summary>What <see cref="PersonalDataEraser"/> did.</summary>
public enum ErasureOutcome
{
    /// <summary>The customer's personal data was removed now.</summary>
    Erased,

    /// <summary>The customer had been erased before; nothing changed.</summary>
    AlreadyErased,

    /// <summary>Nothing is held under that id (never was, or merged away and erased with its survivor); nothing changed.</summary>
    NotHeld,
}

/// <summary>
/// Forgets a customer: removes every personal field while keeping the anonymous facts a shop may go on using —
/// order amounts, dates, statuses and lines for revenue and CLV; ticket timings for SLA figures; feedback scores
/// for CSAT and NPS.
/// </summary>
/// <remarks>
/// <para>Removed: the display name (replaced by <see cref="ErasedDisplayName"/>), phones, emails, birth date,
/// gender, income tier, location, time zone, tags, attributes, the whole consent ledger, interaction subjects
/// and feedback comments. Kept: the id (the host's key — it must not itself be personal data such as a phone
/// number), kind, creation instant, acquisition source, lifecycle stage, merged ids, orders, interactions
/// (channel, direction, outcome, time, staff), tickets, feedback scores and referrals (ids only).</para>
/// <para>Erasure is a pure function, idempotent: erasing an erased customer returns it unchanged, with its
/// first <see cref="ErasureRecord"/>. The record is kept on the customer (<see cref="Customer.Erasure"/>) as proof.</para>
/// </remarks>
public static class PersonalDataEraser
{
    /// <summary>The display name of an erased customer.</summary>
    public const string ErasedDisplayName = "(erased)";

    /// <summary>Returns the customer with every personal field removed and the erasure recorded.</summary>
    /// <param name="customer">The customer to forget.</param>
    /// <param name="record">When, why and under which request.</param>
    public static Customer Erase(Customer customer, ErasureRecord record)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(record);
        if (customer.Erasure is not null)
        {
            return customer;
        }

        var history = customer.History;
        return customer with
        {
            DisplayName = ErasedDisplayName,
            Phones = [],
            Emails = [],
            BirthDate = null,
            Gender = null,
            IncomeTier = null,
            Location = null,
            TimeZone = null,
            Tags = [],
            Attributes = Customer.NoAttributes,
            Consents = ConsentLedger.Empty,
            History = history with
            {
                Interactions = [.. history.Interactions.Select(i => i with { Subject = null })],
                Feedback = [.. history.Feedback.Select(f => f with { Comment = null })],
            },
            Erasure = record,
        };
    }
}
