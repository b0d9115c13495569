using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The product of a warranty claim was returned to the customer.</summary>
/// <param name="ClaimId">The claim's id.</param>
public sealed record WarrantyItemReturnedEvent(string ClaimId) : CareEvent;
