using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>The scores a host attaches to a <see cref="CustomerRecord"/>.</summary>
/// <param name="Rfm">RFM scores, if the customer was scored.</param>
/// <param name="Value">Model figures, if any.</param>
public sealed record CustomerScores(RfmScore? Rfm, CustomerValueEstimate? Value);
