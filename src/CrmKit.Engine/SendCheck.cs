using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The answer of <see cref="CareEngine.CheckBeforeSendAsync"/>: <see cref="Send"/>, <see cref="Defer"/> or <see cref="Cancel"/>.</summary>
public readonly record struct SendCheck
{
    private SendCheck(SendVerdict verdict, Instant? until, string? reason) => (Verdict, Until, Reason) = (verdict, until, reason);

    /// <summary>The verdict.</summary>
    public SendVerdict Verdict { get; }

    /// <summary>With <see cref="SendVerdict.Defer"/>: when to try again.</summary>
    public Instant? Until { get; }

    /// <summary>Why deferred or cancelled.</summary>
    public string? Reason { get; }

    /// <summary>Send now.</summary>
    public static SendCheck Send { get; } = new(SendVerdict.Send, null, null);

    /// <summary>Try again at <paramref name="until"/>.</summary>
    public static SendCheck Defer(Instant until, string reason) => new(SendVerdict.Defer, until, reason);

    /// <summary>Do not send.</summary>
    public static SendCheck Cancel(string reason) => new(SendVerdict.Cancel, null, reason);

    /// <inheritdoc/>
    public override string ToString() => Verdict switch
    {
        SendVerdict.Send => "Send",
        SendVerdict.Defer => $"Defer until {Until}: {Reason}",
        _ => $"Cancel: {Reason}",
    };
}
