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

/// <summary>Personal-data settings (<c>CrmKit:PersonalData</c>).</summary>
public sealed class PersonalDataSettings
{
    /// <summary>
    /// How many years a customer may stay inactive before the retention policy applies; <see langword="null"/> (the
    /// default) means no retention policy — the shop must then decide one (see docs/personal-data.md).
    /// </summary>
    public int? RetentionYears { get; set; }

    /// <summary>What the retention policy does: <c>Flag</c> (default) or <c>Erase</c>.</summary>
    public RetentionAction RetentionAction { get; set; } = RetentionAction.Flag;

    internal RetentionPolicy? ToPolicy() => RetentionYears is { } years ? new RetentionPolicy { InactiveFor = Period.FromYears(years), Action = RetentionAction } : null;
}
