using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the consents file. All but source and recorded by are required.</summary>
public sealed record ConsentColumns
{
    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Channel (<c>sms</c>, <c>zalo</c>, <c>email</c>, <c>phone_call</c>, <c>chat</c>).</summary>
    public string Channel { get; init; } = "channel";

    /// <summary><c>transactional</c> or <c>marketing</c>.</summary>
    public string Purpose { get; init; } = "purpose";

    /// <summary><c>granted</c> or <c>withdrawn</c>.</summary>
    public string Status { get; init; } = "status";

    /// <summary>When the customer decided.</summary>
    public string At { get; init; } = "at";

    /// <summary>How the decision was given.</summary>
    public string Source { get; init; } = "source";

    /// <summary>Who recorded the decision (optional).</summary>
    public string RecordedBy { get; init; } = "recorded_by";
}
