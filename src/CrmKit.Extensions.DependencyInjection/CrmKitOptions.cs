using System.Collections.Immutable;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>
/// CrmKit's settings, bound from the <c>CrmKit</c> configuration section (see <see cref="CrmKitBuilder.Bind"/>) and/or set
/// in code; validated when the host starts, with every problem listed in one message.
/// </summary>
public sealed class CrmKitOptions
{
    /// <summary>The configuration section CrmKit's settings usually live in.</summary>
    public const string SectionName = "CrmKit";

    /// <summary>The shop's time zone (TZDB id) for customers without their own. Default <c>Asia/Ho_Chi_Minh</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Segmentation settings.</summary>
    public SegmentationSettings Segmentation { get; set; } = new();

    /// <summary>Care-process settings.</summary>
    public CareSettings Care { get; set; } = new();

    /// <summary>Customer-lifetime-value settings.</summary>
    public ClvSettings Clv { get; set; } = new();

    /// <summary>Personal-data settings (<c>CrmKit:PersonalData</c>).</summary>
    public PersonalDataSettings PersonalData { get; set; } = new();

    /// <summary>Care engine settings (<c>CrmKit:Engine</c>), used by <see cref="CrmKitBuilder.AddEngine(Action{EngineSettings})"/>.</summary>
    public EngineSettings Engine { get; set; } = new();

    /// <summary>The zone named by <see cref="TimeZone"/> (valid after validation).</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    /// <summary>Configuration values that could not be bound (an enum setting naming no value), reported by validation.</summary>
    internal List<Problem> BindingProblems { get; } = [];
}
