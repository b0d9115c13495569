using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>
/// The count models CrmKit ships, one <see cref="CountModelDescriptor"/> each. To add a model: a value of
/// <see cref="CountModelKind"/>, its class, and one descriptor here (added to <see cref="All"/>); the pipeline, the
/// holdout comparison, the DI options and the CLI's <c>--model</c> lists follow. A test checks that every
/// <see cref="CountModelKind"/> has exactly one descriptor.
/// </summary>
public static class CountModels
{
    /// <summary>BG/NBD: beta-geometric dropout after each repeat purchase, Poisson purchases (Fader, Hardie and Lee 2005).</summary>
    public static CountModelDescriptor BetaGeo { get; } = new(CountModelKind.BetaGeo, "bg-nbd", "BG/NBD", "Fader, Hardie and Lee (2005)", (s, o) => Of(BetaGeoModel.Fit(s, o)));

    /// <summary>MBG/NBD: as BG/NBD, with a dropout chance at the first purchase too (Batislam, Denizel and Filiztekin 2007).</summary>
    public static CountModelDescriptor ModifiedBetaGeo { get; } = new(CountModelKind.ModifiedBetaGeo, "mbg-nbd", "MBG/NBD", "Batislam, Denizel and Filiztekin (2007)", (s, o) => Of(ModifiedBetaGeoModel.Fit(s, o)));

    /// <summary>Pareto/NBD: exponential lifetimes in continuous time, Poisson purchases (Schmittlein, Morrison and Colombo 1987).</summary>
    public static CountModelDescriptor ParetoNbd { get; } = new(CountModelKind.ParetoNbd, "pareto-nbd", "Pareto/NBD", "Schmittlein, Morrison and Colombo (1987)", (s, o) => Of(ParetoNbdModel.Fit(s, o)));

    /// <summary>Every count model, in the order the holdout comparison fits them and the CLI lists them.</summary>
    public static ImmutableArray<CountModelDescriptor> All { get; } = [BetaGeo, ModifiedBetaGeo, ParetoNbd];

    /// <summary>The descriptor of a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="CountModelKind"/>.</exception>
    public static CountModelDescriptor Get(CountModelKind kind)
    {
        foreach (var model in All)
        {
            if (model.Kind == kind)
            {
                return model;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{kind} is not a count model; the count models are {string.Join(", ", All.Select(m => m.Kind))}.");
    }

    /// <summary>The descriptor with an id (<c>bg-nbd</c>, <c>mbg-nbd</c>, <c>pareto-nbd</c>; ordinal, case-sensitive), or <see langword="null"/>.</summary>
    public static CountModelDescriptor? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var model in All)
        {
            if (model.Id == id)
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>The descriptor with an id.</summary>
    /// <exception cref="InvalidValueException">No count model has the id; the message lists the ids.</exception>
    public static CountModelDescriptor Parse(string id)
        => Find(id) ?? throw new InvalidValueException("count model", $"'{id}' is not one of {string.Join(", ", All.Select(m => m.Id))}.");

    private static FitResult<ICountModel> Of<T>(FitResult<T> fit)
        where T : ICountModel
        => new(fit.Model, fit.LogLikelihood, fit.Parameters, fit.Customers, fit.Iterations) { Diagnosis = fit.Diagnosis };
}
