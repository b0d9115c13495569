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

/// <summary>Customer-lifetime-value settings (<c>CrmKit:Clv</c>).</summary>
public sealed class ClvSettings
{
    /// <summary>The count model: <c>bg-nbd</c>, <c>mbg-nbd</c> or <c>pareto-nbd</c>. Default <c>bg-nbd</c>.</summary>
    public string Model { get; set; } = "bg-nbd";

    /// <summary>The period unit: <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c>. Default <c>week</c>.</summary>
    public string PeriodUnit { get; set; } = "week";

    /// <summary>The prediction horizon in periods. Default 52.</summary>
    public double Horizon { get; set; } = 52;

    /// <summary>The discount rate per step of the value (the horizon is cut into 12 steps), in [0, 1). Default 0.01.</summary>
    public double DiscountRate { get; set; } = 0.01;

    /// <summary>The profit margin applied to spend, in (0, 1]. Default 1 (revenue).</summary>
    public double Margin { get; set; } = 1;

    /// <summary>The L2 penalty of the fits, ≥ 0. Default 0.</summary>
    public double Penalizer { get; set; }

    internal static readonly string[] Models = ["bg-nbd", "mbg-nbd", "pareto-nbd"];
    internal static readonly string[] Units = ["day", "week", "month", "year"];

    internal ValueAnalysisOptions ToAnalysisOptions() => new()
    {
        Model = Model switch { "mbg-nbd" => CountModelKind.ModifiedBetaGeo, "pareto-nbd" => CountModelKind.ParetoNbd, _ => CountModelKind.BetaGeo },
        Unit = PeriodUnit switch { "day" => TimeUnit.Day, "month" => TimeUnit.Month, "year" => TimeUnit.Year, _ => TimeUnit.Week },
        Value = new ClvOptions { Horizon = Horizon, DiscountRate = DiscountRate, Margin = Margin },
        Fit = new FitOptions { Penalizer = Penalizer },
    };
}
