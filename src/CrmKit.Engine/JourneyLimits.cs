using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using CrmKit.Segmentation;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Engine;

/// <summary>The size limits of a journey, each reported at its JSON path.</summary>
public static class JourneyLimits
{
    /// <summary>At most 1 MiB of JSON.</summary>
    public const int MaxJsonBytes = 1 << 20;

    /// <summary>At most 64 levels of JSON nesting.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>At most 200 steps.</summary>
    public const int MaxSteps = 200;

    /// <summary>At most 50 exit conditions.</summary>
    public const int MaxExits = 50;

    /// <summary>At most 32 event types in one list.</summary>
    public const int MaxEvents = 32;

    /// <summary>At most 16 fields in one <c>where</c> and 64 values per field.</summary>
    public const int MaxFilterFields = 16;

    /// <summary>At most 64 accepted values per field of a <c>where</c>.</summary>
    public const int MaxFilterValues = 64;

    /// <summary>At most 200 characters in an id, a segment, a trigger, a value.</summary>
    public const int MaxTextLength = 200;

    /// <summary>At most 60 days before an occasion.</summary>
    public const int MaxDaysBefore = 60;

    /// <summary>The longest cool-down: 36,525 days (100 years).</summary>
    public const int MaxCoolDownDays = 36_525;
}
