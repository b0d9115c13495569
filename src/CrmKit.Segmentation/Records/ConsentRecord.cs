using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>The current consent for one channel and purpose in a <see cref="CustomerRecord"/>.</summary>
public sealed class ConsentRecord
{
    /// <summary>The channel.</summary>
    public ContactChannel Channel { get; set; }

    /// <summary>The purpose.</summary>
    public ContactPurpose Purpose { get; set; }

    /// <summary>Whether consent is granted (false: withdrawn).</summary>
    public bool Granted { get; set; }

    /// <summary>A copy.</summary>
    public ConsentRecord Clone() => (ConsentRecord)MemberwiseClone();
}
