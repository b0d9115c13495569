using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A warranty or repair claim was opened.</summary>
/// <param name="ClaimId">The claim's (case's) id.</param>
/// <param name="OrderId">The order the product came with.</param>
/// <param name="Product">The product, if known.</param>
public sealed record WarrantyClaimOpenedEvent(string ClaimId, string OrderId, string? Product = null) : CareEvent;
