using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CrmKit.Customers.Import;

/// <summary>A CrmKit field of an input file.</summary>
/// <param name="Name">The field's name: CrmKit's own column name and the key in mapping files.</param>
/// <param name="Personal">Whether its values are personal data (masked in messages).</param>
internal sealed record ImportField(string Name, bool Personal = false);

/// <summary>The fields of each kind of input file, and the consent columns any customer-bearing file may have.</summary>
internal static class ImportFields
{
    /// <summary>The prefix of consent columns: <c>consent.email.marketing</c>.</summary>
    public const string ConsentPrefix = "consent.";

    private static readonly FrozenDictionary<ImportFileKind, ImmutableArray<ImportField>> ByKind = new Dictionary<ImportFileKind, ImmutableArray<ImportField>>
    {
        [ImportFileKind.Customers] =
        [
            new("customer_id"), new("name", true), new("first_name", true), new("last_name", true), new("created_at"), new("kind"),
            new("phone", true), new("email", true), new("birth_date"), new("gender"), new("income_tier"), new("province", true),
            new("city", true), new("area"), new("tags"), new("source"), new("time_zone"), new("stage"),
        ],
        [ImportFileKind.Orders] =
        [
            new("order_id"), new("customer_id"), new("customer_name", true), new("customer_first_name", true), new("customer_last_name", true),
            new("customer_phone", true), new("customer_email", true), new("placed_at"), new("total"), new("currency"), new("status"),
            new("returned"), new("cancelled"), new("channel"),
            new("sku"), new("product_name"), new("quantity"), new("unit_price"), new("line_total"),
        ],
        [ImportFileKind.OrderLines] = [new("order_id"), new("sku"), new("product_name"), new("quantity"), new("unit_price"), new("tags")],
        [ImportFileKind.Consents] = [new("customer_id"), new("channel"), new("purpose"), new("status"), new("at"), new("source"), new("recorded_by")],
        [ImportFileKind.Interactions] =
        [
            new("interaction_id"), new("customer_id"), new("at"), new("channel"), new("direction"), new("outcome"), new("subject", true), new("staff_id"),
        ],
        [ImportFileKind.Feedback] =
        [
            new("feedback_id"), new("customer_id"), new("at"), new("kind"), new("score"), new("comment", true), new("order_id"), new("ticket_id"),
        ],
        [ImportFileKind.Tickets] =
        [
            new("ticket_id"), new("customer_id"), new("opened_at"), new("channel"), new("priority"), new("status"), new("category"),
            new("first_reply_at"), new("solved_at"), new("closed_at"), new("assignee_id"),
        ],
        [ImportFileKind.Referrals] = [new("referrer_id"), new("referred_id"), new("at")],
    }.ToFrozenDictionary();

    /// <summary>The fields of a kind of file.</summary>
    public static ImmutableArray<ImportField> Of(ImportFileKind kind) => ByKind[kind];

    /// <summary>Whether a kind of file may carry consent columns (customers and orders).</summary>
    public static bool HasConsentColumns(ImportFileKind kind) => kind is ImportFileKind.Customers or ImportFileKind.Orders;

    /// <summary>Whether a field name is known for a kind (consent columns included).</summary>
    public static bool IsKnown(ImportFileKind kind, string field)
        => ByKind[kind].Any(f => f.Name == field) || (HasConsentColumns(kind) && ConsentColumn.TryParse(field, out _));

    /// <summary>Whether a field's values are personal data.</summary>
    public static bool IsPersonal(ImportFileKind kind, string field) => ByKind[kind].Any(f => f.Name == field && f.Personal);

    /// <summary>The name of a kind in mapping files and messages: <c>customers</c>, <c>order_lines</c>.</summary>
    public static string Key(ImportFileKind kind) => kind switch
    {
        ImportFileKind.Customers => "customers",
        ImportFileKind.Orders => "orders",
        ImportFileKind.OrderLines => "order_lines",
        ImportFileKind.Consents => "consents",
        ImportFileKind.Interactions => "interactions",
        ImportFileKind.Feedback => "feedback",
        ImportFileKind.Tickets => "tickets",
        ImportFileKind.Referrals => "referrals",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a file kind."),
    };

    /// <summary>Every kind, with its key.</summary>
    public static IEnumerable<(ImportFileKind Kind, string Key)> Kinds => Enum.GetValues<ImportFileKind>().Select(k => (k, Key(k)));
}

/// <summary>A consent column <c>consent.&lt;channel&gt;.&lt;purpose&gt;</c>, such as <c>consent.email.marketing</c>.</summary>
internal readonly record struct ConsentColumn(ContactChannel Channel, ContactPurpose Purpose)
{
    public static bool TryParse(string field, out ConsentColumn column)
    {
        column = default;
        if (!field.StartsWith(ImportFields.ConsentPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = field[ImportFields.ConsentPrefix.Length..].Split('.');
        if (parts.Length != 2 || !EnumText.TryParse<ContactChannel>(parts[0], out var channel) || channel == ContactChannel.InPerson
            || !EnumText.TryParse<ContactPurpose>(parts[1], out var purpose))
        {
            return false;
        }

        column = new ConsentColumn(channel, purpose);
        return true;
    }

    public override string ToString() => $"{ImportFields.ConsentPrefix}{EnumText.Format(Channel)}.{EnumText.Format(Purpose)}";
}
