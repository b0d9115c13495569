namespace CrmKit.Customers.Import;

/// <summary>The CrmKit values a field accepts, for fields with a closed vocabulary (enums, yes/no, currencies).</summary>
internal static class FieldVocabulary
{
    /// <summary>Words read as "yes" in consent columns (after the mapping's value map): English and Vietnamese.</summary>
    public static readonly string[] Yes = ["yes", "y", "true", "1", "x", "có", "co", "đồng ý", "subscribed", "granted"];

    /// <summary>Words read as "no" in consent columns.</summary>
    public static readonly string[] No = ["no", "n", "false", "0", "không", "khong", "từ chối", "unsubscribed", "not_subscribed", "withdrawn"];

    /// <summary>The accepted CrmKit values of a field, or <see langword="null"/> when its values are free (text, numbers, dates).</summary>
    public static IReadOnlyList<string>? Of(ImportFileKind kind, string field) => (kind, field) switch
    {
        (_, "gender") => Names<Gender>(),
        (_, "kind") when kind == ImportFileKind.Customers => Names<CustomerKind>(),
        (_, "income_tier") => Names<IncomeTier>(),
        (_, "area") => Names<AreaType>(),
        (ImportFileKind.Customers, "source") => Names<AcquisitionSource>(),
        (_, "stage") => Names<LifecycleStage>(),
        (ImportFileKind.Orders, "status") => Names<OrderStatus>(),
        (ImportFileKind.Orders, "channel") => Names<SalesChannel>(),
        (_, "currency") => Currency.KnownCodes,
        (ImportFileKind.Consents, "channel") or (ImportFileKind.Interactions, "channel") or (ImportFileKind.Tickets, "channel") => Names<ContactChannel>(),
        (ImportFileKind.Consents, "purpose") => Names<ContactPurpose>(),
        (ImportFileKind.Consents, "status") => Names<ConsentStatus>(),
        (ImportFileKind.Interactions, "direction") => Names<InteractionDirection>(),
        (ImportFileKind.Interactions, "outcome") => Names<InteractionOutcome>(),
        (ImportFileKind.Feedback, "kind") => Names<FeedbackKind>(),
        (ImportFileKind.Tickets, "priority") => Names<TicketPriority>(),
        (ImportFileKind.Tickets, "status") => Names<TicketStatus>(),
        (ImportFileKind.Orders, "returned" or "cancelled") => ["yes", "no"],
        _ when field.StartsWith(ImportFields.ConsentPrefix, StringComparison.Ordinal) => ["yes", "no"],
        _ => null,
    };

    private static string[] Names<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(EnumText.Format)];
}
