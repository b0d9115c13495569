using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Something the host performs when a transition is taken: the engine only says what, never does it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SendMessage), "send")]
[JsonDerivedType(typeof(CreateTask), "task")]
[JsonDerivedType(typeof(AssignStaff), "assign")]
[JsonDerivedType(typeof(SetAttributeValue), "setAttribute")]
[JsonDerivedType(typeof(StartProcess), "startProcess")]
public abstract record Effect
{
    private protected Effect()
    {
    }

    /// <summary>A short text for diagrams and logs.</summary>
    public abstract string Describe();
}
