using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What an instance is correlated by: which events reach it and how many may run at once.</summary>
public enum JourneyCorrelation
{
    /// <summary>One instance per customer; every event of the customer reaches it.</summary>
    Customer,

    /// <summary>One instance per order: events naming the order (status changes, feedback on it, warranty claims on it).</summary>
    Order,

    /// <summary>One instance per support ticket: events naming the ticket.</summary>
    Ticket,

    /// <summary>One instance per warranty claim: events naming the claim.</summary>
    Warranty,
}
