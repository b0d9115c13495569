using System.CommandLine;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Cli.Profile;

/// <summary>
/// <c>crmkit care agenda --out FILE.csv|FILE.xlsx</c>: today's agenda as a call list — one row per due or deferred
/// action, with the customer's name, phone and email, sorted by staff member, then by the time it may go, then by
/// customer. The staff member is the one who looks after the customer at the action (the report's and the staff
/// figures' rule, <see cref="StaffOf"/>: the latest interaction with a staff id at or before it); customers nobody has
/// dealt with come last, with the column empty. Skipped and dropped actions (no consent, caps, quiet hours past the deadline) are not
/// rows: the summary counts them.
/// </summary>
internal static class AgendaList
{
    private static readonly LocalDateTimePattern Time = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    /// <summary>The option <c>--out</c> of <c>care agenda</c>.</summary>
    public static Option<FileInfo> OutOption() => new("--out") { Description = ProfileStrings.AgendaOutOptionDescription };

    /// <summary>
    /// The staff member who looks after <paramref name="customer"/> at <paramref name="at"/>, or <see langword="null"/>:
    /// the one rule of the review's staff figures and the report's "today" section
    /// (<see cref="CrmKit.Review.ReviewCalculator.AssignedStaff"/>: the latest staffed interaction at or before it), so
    /// the call list and the report give each staff member the same customers.
    /// </summary>
    public static string? StaffOf(Customer customer, Instant at)
        => CrmKit.Review.ReviewCalculator.AssignedStaff(customer, at) is var staff && staff != CrmKit.Review.StaffFigures.Unassigned ? staff : null;

    /// <summary>Writes the due and deferred <paramref name="items"/> of <paramref name="customers"/> to <paramref name="file"/> and a summary line to <paramref name="output"/>.</summary>
    /// <remarks>
    /// For people (the default) the cells are worded in the invocation's language — the send time as the language writes
    /// dates (<c>31/10/2026 09:00</c>, <c>2026-10-31 09:00</c>), the channel, purpose and status as words, the template
    /// and the plan by name, the reason as a sentence; with <paramref name="codes"/> they are the codes a program reads
    /// (<c>2026-10-31 09:00</c>, <c>phoneCall</c>, <c>birthday-greeting</c>, <c>due</c>, the reason as the agenda keeps it).
    /// </remarks>
    public static void Write(FileInfo file, IReadOnlyList<Customer> customers, IReadOnlyList<AgendaItem> items, Instant asOf, DateTimeZone zone, TextWriter output, TextWriter error, bool codes = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byId = customers.ToDictionary(c => c.Id.Value, StringComparer.Ordinal);
        var rows = items.Where(i => i.Status is AgendaStatus.Due or AgendaStatus.Deferred)
            .Select(i => (Item: i, Customer: byId[i.CustomerId.Value], Staff: StaffOf(byId[i.CustomerId.Value], i.DueAt)))
            .OrderBy(r => r.Staff is null)
            .ThenBy(r => r.Staff, StringComparer.Ordinal)
            .ThenBy(r => r.Item.SendAt)
            .ThenBy(r => r.Item.CustomerId.Value, StringComparer.Ordinal)
            .ThenBy(r => r.Item.IdempotencyKey, StringComparer.Ordinal)
            .ToList();
        ContactListFile.Column[] columns =
        [
            new("staff"), new("send_at"), new("customer_id"), new("name"), new("phone"), new("email"),
            new("channel"), new("purpose"), new("template"), new("plan"), new("status"), new("reason"),
        ];
        var cells = rows.Select(r => new object?[]
        {
            // Nobody looks after the customer: said in words for people (seventh trial: an empty cell read as missing data).
            r.Staff ?? (codes ? null : ProfileStrings.StaffUnassigned),
            r.Item.SendAt is { } at ? (codes ? Time.Format(at.InZone(zone).LocalDateTime) : Display.DateTime(at, zone)) : null,
            r.Customer.Id.Value,
            r.Customer.DisplayName,
            r.Customer.Phones.IsEmpty ? null : ContactListFile.Phone(r.Customer.Phones[0]),
            r.Customer.Emails.IsEmpty ? null : r.Customer.Emails[0].Value,
            codes ? RunSummary.Name(r.Item.Action.Channel) : DisplayNames.Of(r.Item.Action.Channel),
            codes ? RunSummary.Name(r.Item.Action.Purpose) : DisplayNames.Of(r.Item.Action.Purpose),
            codes ? r.Item.Action.Template : DisplayNames.TemplateDisplayName(r.Item.Action.Template),
            codes ? r.Item.PlanId : DisplayNames.PlanName(r.Item.PlanId),
            codes ? RunSummary.Name(r.Item.Status) : DisplayNames.Of(r.Item.Status),
            codes || r.Item.Reason is null ? r.Item.Reason : ContactReason.Parse(r.Item.Reason).Describe(),
        }).ToList();
        var people = rows.Select(r => r.Item.CustomerId).Distinct().Count();
        ContactListFile.Write(file, columns, cells, people, ProfileStrings.NoticePurposeAgenda, ProfileStrings.SheetCallList, output, error, codes);
        output.WriteLine(Display.Format(ProfileStrings.AgendaWritten, Display.Count(rows.Count, ProfileStrings.CareActionCountOne, ProfileStrings.CareActionCountMany), Display.Count(people, ProfileStrings.CustomerCountOne, ProfileStrings.CustomerCountMany), file.FullName, Display.Count(items.Count - rows.Count, ProfileStrings.SkippedActionCountOne, ProfileStrings.SkippedActionCountMany)));
    }
}
