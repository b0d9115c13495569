using System.Globalization;
using System.Text;
using NodaTime;

namespace CrmKit.Customers.Privacy;

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

    /// <summary>
    /// Checks that <paramref name="replacement"/> may replace <paramref name="stored"/>: when the stored customer is
    /// erased, the replacement must keep the same <see cref="Customer.Erasure"/> and hold nothing that
    /// <see cref="Erase"/> would remove (it must be its own erasure), so no personal data is written back.
    /// Every <see cref="Store.ICustomerStore.ReplaceAsync"/> calls it; a host's own store should too.
    /// </summary>
    /// <exception cref="CustomerErasedException">The change would undo the erasure or write personal data back.</exception>
    public static void CheckReplacement(Customer stored, Customer replacement)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(replacement);
        if (stored.Erasure is not { } record)
        {
            return;
        }

        if (!Equals(replacement.Erasure, record) || !replacement.Equals(Erase(replacement with { Erasure = null }, record)))
        {
            throw new CustomerErasedException(stored.Id, record);
        }
    }
}
