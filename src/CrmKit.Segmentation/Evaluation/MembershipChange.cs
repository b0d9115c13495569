using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>What changed for one customer: segments entered and exited, and the membership now.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Entered">Segments the customer joined.</param>
/// <param name="Exited">Segments the customer left.</param>
/// <param name="Current">The membership after the change.</param>
public sealed record MembershipChange(CustomerId CustomerId, ImmutableArray<string> Entered, ImmutableArray<string> Exited, SegmentMembership Current)
{
    /// <summary>Whether anything changed.</summary>
    public bool IsEmpty => Entered.IsEmpty && Exited.IsEmpty;

    /// <summary><c>KH001: +[vip] −[new]</c>, with a customer id that is a phone number or email masked.</summary>
    public override string ToString()
    {
        var id = CustomerId.ToString();
        return IsEmpty ? $"{id}: no change" : $"{id}: +[{string.Join(", ", Entered)}] −[{string.Join(", ", Exited)}]";
    }
}
