using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Customer events a cadence can follow.</summary>
public enum CadenceEvent
{
    /// <summary>The customer's first completed order.</summary>
    FirstOrder,

    /// <summary>The customer's latest completed order.</summary>
    LastOrder,

    /// <summary>The day the customer joined.</summary>
    Joined,
}
