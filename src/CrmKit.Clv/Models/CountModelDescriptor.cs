using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Models;

/// <summary>
/// Everything a host, the options and the command line need to know about one count model: its id in settings and on
/// the command line, its name in the literature, where it comes from, and how it is fitted. The descriptors of the
/// models CrmKit ships are in <see cref="CountModels"/>; the pipeline (<see cref="ValueAnalysis"/>), the holdout
/// comparison (<see cref="HoldoutValidation"/>), the DI options and the CLI all read them, so a new count model is
/// added in one place.
/// </summary>
public sealed class CountModelDescriptor
{
    private readonly Func<RfmSummary, FitOptions?, FitResult<ICountModel>> fit;

    internal CountModelDescriptor(CountModelKind kind, string id, string displayName, string source, Func<RfmSummary, FitOptions?, FitResult<ICountModel>> fit)
    {
        Kind = kind;
        Id = id;
        DisplayName = displayName;
        Source = source;
        this.fit = fit;
    }

    /// <summary>The model's value in <see cref="ValueAnalysisOptions.Model"/>, <see cref="ModelScore.Model"/> and the results.</summary>
    public CountModelKind Kind { get; }

    /// <summary>The model's id in settings (<c>CrmKit:Clv:Model</c>) and on the command line (<c>--model</c>): lower case, e.g. <c>bg-nbd</c>.</summary>
    public string Id { get; }

    /// <summary>The model's name in the literature, as reports and messages print it, e.g. <c>BG/NBD</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The paper that defines the model, e.g. <c>Fader, Hardie and Lee (2005)</c>.</summary>
    public string Source { get; }

    /// <summary>Fits the model to an RFM summary by maximum likelihood.</summary>
    /// <param name="summary">Frequency (repeat purchase days), recency and age per customer, in the summary's time unit.</param>
    /// <param name="options">Penalty, iteration limit and start; <see cref="FitOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The fitted model (times in the summary's unit), its log-likelihood, estimates with standard errors and diagnosis.</returns>
    /// <exception cref="FitFailedException">The data cannot identify the model (no customers, nobody repeated) or the optimiser failed.</exception>
    public FitResult<ICountModel> Fit(RfmSummary summary, FitOptions? options = null) => fit(summary, options);

    /// <summary>The id, e.g. <c>bg-nbd</c>.</summary>
    public override string ToString() => Id;
}
