using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Nothing happened but time passed: windows, ages and birthdays move with the new evaluation instant.</summary>
/// <param name="Now">The new instant (informational; the context passed along decides).</param>
public sealed record TimePassed(Instant Now) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
    }

    /// <summary>A copy of <paramref name="record"/> that shares its orders and lists: nothing in it changes (copy-on-write).</summary>
    public override CustomerRecord AppliedTo(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.CloneSharingOrders();
    }
}
