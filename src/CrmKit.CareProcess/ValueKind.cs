using CrmKit.Customers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.CareProcess;

/// <summary>The kind of a <see cref="ProcessValue"/>.</summary>
public enum ValueKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date.</summary>
    Date,
}
