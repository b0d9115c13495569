using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The send-time verdict.</summary>
public enum SendVerdict
{
    /// <summary>Send now.</summary>
    Send,

    /// <summary>Not now: reschedule to <see cref="SendCheck.Until"/>.</summary>
    Defer,

    /// <summary>Never: cancel with <see cref="SendCheck.Reason"/>.</summary>
    Cancel,
}
