using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// The care standard for some segments: what to send or do, on which channel and when. A customer in several
/// plans receives all of them; when the contact policy cannot let everything through, higher-priority plans go
/// first, and the same template on the same channel and day is sent once (by the higher-priority plan).
/// </summary>
/// <param name="Id">The plan id.</param>
/// <param name="Name">The name shown to staff.</param>
/// <param name="Priority">Higher goes first.</param>
public sealed record CarePlan(string Id, string Name, int Priority)
{
    /// <summary>The segments whose members the plan covers (any of them).</summary>
    public ImmutableArray<string> Segments { get; init; } = [];

    /// <summary>The cadences.</summary>
    public ImmutableArray<Cadence> Cadences { get; init; } = [];

    /// <summary>Whether a customer is covered.</summary>
    public bool Covers(SegmentMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        foreach (var s in Segments)
        {
            if (membership.Contains(s))
            {
                return true;
            }
        }

        return false;
    }
}
