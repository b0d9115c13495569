using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>
/// A model of how many purchases customers make and whether they are still active (BG/NBD, MBG/NBD, Pareto/NBD).
/// Times are in the unit of the summary the model was fitted on.
/// </summary>
public interface ICountModel
{
    /// <summary>The model's name, e.g. <c>BG/NBD</c>.</summary>
    string Name { get; }

    /// <summary>Expected purchases in (0, t] of a customer who has just made a first purchase.</summary>
    double ExpectedPurchases(double t);

    /// <summary>Expected purchases in the next <paramref name="t"/> of a customer with frequency x, recency t_x and age T.</summary>
    double ConditionalExpectedPurchases(double t, double frequency, double recency, double age);

    /// <summary>Probability that a customer with frequency x, recency t_x and age T is still active.</summary>
    double ProbabilityAlive(double frequency, double recency, double age);
}

/// <summary>Checks shared by the models.</summary>
internal static class ModelGuard
{
    public static double Positive(double value, string name, string model)
        => value > 0 && double.IsFinite(value) ? value : throw new InvalidValueException($"{model} parameter {name}", $"{value} is not a positive, finite number.");

    public static void Customer(double x, double tx, double t)
    {
        if (!(x >= 0) || !double.IsFinite(x))
        {
            throw new InvalidValueException("frequency", $"{x} is not a finite number ≥ 0.");
        }

        if (!(t >= 0) || !double.IsFinite(t) || !(tx >= 0) || tx > t)
        {
            throw new InvalidValueException("recency", $"recency {tx} and age {t} do not satisfy 0 ≤ recency ≤ age.");
        }
    }

    public static double Horizon(double t)
        => t >= 0 && double.IsFinite(t) ? t : throw new InvalidValueException("horizon", $"{t} is not a finite time ≥ 0.");

    public static void NotEmpty(RfmSummary data, string model)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new FitFailedException(model, "the summary has no customers.", null, ClvProblemKind.NoCustomers);
        }
    }

    /// <summary>Adds the "too few repeat buyers" problem (see <see cref="FitDiagnosis.MinimumRepeatBuyers"/>) to a diagnosis.</summary>
    public static FitDiagnosis CheckRepeatBuyers(FitDiagnosis diagnosis, RfmSummary data, string model)
    {
        var repeat = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Frequency[i] > 0)
            {
                repeat += data.Weight[i];
            }
        }

        return repeat >= FitDiagnosis.MinimumRepeatBuyers
            ? diagnosis
            : diagnosis.WithProblem(new ClvProblem(ClvProblemKind.TooFewRepeatBuyers, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{model} was fitted on {repeat:G} repeat buyers; at least {FitDiagnosis.MinimumRepeatBuyers} are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again."))
            {
                Model = model, Figures = [repeat, FitDiagnosis.MinimumRepeatBuyers],
            });
    }

    public static void SomeRepeat(RfmSummary data, string model)
    {
        foreach (var x in data.Frequency)
        {
            if (x > 0)
            {
                return;
            }
        }

        throw new FitFailedException(model, "no customer made a repeat purchase, so the purchase and dropout processes cannot be told apart.", "Use a longer calibration period.", ClvProblemKind.NoRepeatPurchase);
    }
}
