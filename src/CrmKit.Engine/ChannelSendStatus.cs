using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>How a send went.</summary>
public enum ChannelSendStatus
{
    /// <summary>Accepted by the provider. (The values start at 1: <c>default(ChannelSendResult)</c> is no outcome, which the
    /// dispatcher dead-letters as a channel fault instead of counting it as sent.)</summary>
    Sent = 1,

    /// <summary>Failed, worth retrying (timeout, throttling, 5xx).</summary>
    Transient,

    /// <summary>Failed for good (unknown recipient, template rejected); dead-lettered.</summary>
    Permanent,
}
