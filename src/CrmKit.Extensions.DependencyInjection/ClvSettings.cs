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
    /// <summary>The count model, a <see cref="CountModelDescriptor.Id"/> of <see cref="CountModels.All"/>: <c>bg-nbd</c>, <c>mbg-nbd</c> or <c>pareto-nbd</c>. Default <c>bg-nbd</c> (<see cref="ClvDefaults.Model"/>).</summary>
    public string Model { get; set; } = CountModels.Get(ClvDefaults.Model).Id;

    /// <summary>The period unit, a <see cref="TimeUnits.Ids">time unit id</see>: <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c>. Default <c>week</c> (<see cref="ClvDefaults.Unit"/>).</summary>
    public string PeriodUnit { get; set; } = TimeUnits.Id(ClvDefaults.Unit);

    /// <summary>The prediction horizon in periods, &gt; 0. Default 52 (<see cref="ClvDefaults.Horizon"/>).</summary>
    public double Horizon { get; set; } = ClvDefaults.Horizon;

    /// <summary>The discount rate per step of the value (the horizon is cut into 12 steps), in [0, 1). Default 0.01 (<see cref="ClvDefaults.DiscountRate"/>).</summary>
    public double DiscountRate { get; set; } = ClvDefaults.DiscountRate;

    /// <summary>The profit margin applied to spend, in (0, 1]. Default 1 (revenue; <see cref="ClvDefaults.Margin"/>).</summary>
    public double Margin { get; set; } = ClvDefaults.Margin;

    /// <summary>The L2 penalty of the fits, ≥ 0. Default 0 (<see cref="ClvDefaults.Penalizer"/>).</summary>
    public double Penalizer { get; set; } = ClvDefaults.Penalizer;

    // Only called on validated settings (CrmKitOptionsValidator checks Model and PeriodUnit first).
    internal ValueAnalysisOptions ToAnalysisOptions() => new()
    {
        Model = (CountModels.Find(Model) ?? throw new InvalidOperationException($"CrmKit:Clv:Model '{Model}' was not validated.")).Kind,
        Unit = TimeUnits.Find(PeriodUnit) ?? throw new InvalidOperationException($"CrmKit:Clv:PeriodUnit '{PeriodUnit}' was not validated."),
        Value = new ClvOptions { Horizon = Horizon, DiscountRate = DiscountRate, Margin = Margin },
        Fit = new FitOptions { Penalizer = Penalizer },
    };
}
