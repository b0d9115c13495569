using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Something that happened to one customer and may move them between segments.</summary>
public abstract record CustomerEvent
{
    private protected CustomerEvent()
    {
    }

    /// <summary>Changes the record (a copy is passed; events never touch the caller's record).</summary>
    internal abstract void ApplyTo(CustomerRecord record);

    /// <summary>
    /// The record after this change, copy-on-write: <paramref name="record"/> is not touched, and orders the change does
    /// not touch are shared with it (for holders that never change an order in place).
    /// </summary>
    public virtual CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.Clone();
        ApplyTo(copy);
        return copy;
    }
}
