using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A warranty claim was decided.</summary>
/// <param name="ClaimId">The claim's id.</param>
/// <param name="Accepted">Whether it is covered by the warranty.</param>
public sealed record WarrantyClaimDecidedEvent(string ClaimId, bool Accepted) : CareEvent;
