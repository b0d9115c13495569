using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>When a timed transition fires.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AfterTimer), "after")]
[JsonDerivedType(typeof(AtLocalTimeTimer), "atLocalTime")]
public abstract record Timer
{
    private protected Timer()
    {
    }

    /// <summary>A short text for diagrams ("after 3 days").</summary>
    public abstract string Describe();
}
