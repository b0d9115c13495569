using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Live instances of a process in one state.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="State">The state.</param>
/// <param name="Live">Active instances in it.</param>
public sealed record ProcessStateCount(string ProcessId, string State, int Live);
