using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>Care actions due vs done for one staff member.</summary>
/// <param name="StaffId">The staff member the customer is assigned to, or <c>(unassigned)</c>.</param>
/// <param name="Due">Due care actions of their customers.</param>
/// <param name="Done">Of those, actions followed by an outbound contact on the same channel within the window.</param>
public sealed record StaffFigures(string StaffId, int Due, int Done)
{
    /// <summary>The name used for customers nobody looks after.</summary>
    public const string Unassigned = "(unassigned)";

    /// <summary>Done ÷ due, in [0, 1]; <see langword="null"/> when nothing was due.</summary>
    public double? DoneRate => CustomerFigures.Ratio(Done, Due);
}
