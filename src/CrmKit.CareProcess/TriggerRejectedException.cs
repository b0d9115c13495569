using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A trigger was rejected (thrown only by the convenience methods; the step functions return a <see cref="Rejection"/>).</summary>
public sealed class TriggerRejectedException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public TriggerRejectedException(Rejection rejection)
        : base((rejection ?? throw new ArgumentNullException(nameof(rejection))).ToString()) => Rejection = rejection;

    /// <summary>The rejection.</summary>
    public Rejection Rejection { get; }
}
