using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Where a guard reads its value.</summary>
public enum GuardSource
{
    /// <summary>A parameter of the trigger being fired.</summary>
    Parameter,

    /// <summary>The instance's data (<see cref="ProcessSnapshot.Data"/>).</summary>
    Data,
}
