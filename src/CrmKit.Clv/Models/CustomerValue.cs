using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>
/// Customer lifetime value: historical, simple-formula and discounted predictive value combining a count model with
/// the Gamma-Gamma spend model.
/// </summary>
public static class CustomerValue
{
    /// <summary>
    /// Discounted expected profit over the horizon: Σ over steps i of (E[purchases by iΔ] − E[purchases by (i−1)Δ]) ×
    /// expected spend × margin / (1 + d)^i, with the count model's conditional expectations and the Gamma-Gamma
    /// conditional spend (the construction of the Python <c>lifetimes</c> library's <c>customer_lifetime_value</c>).
    /// </summary>
    /// <returns>The value in the currency of the summary's spend: finite and ≥ 0.</returns>
    /// <exception cref="InvalidValueException">
    /// The spend model gives this customer no finite expected spend (Gamma-Gamma with p·x + q ≤ 1, see
    /// <see cref="GammaGammaModel.ConditionalExpectedSpend"/>): the value does not exist, and no number is returned for it.
    /// </exception>
    /// <exception cref="ArithmeticException">The count model's expectation is not finite.</exception>
    public static double Discounted(ICountModel count, GammaGammaModel spend, RfmRow customer, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(spend);
        options ??= new ClvOptions();
        var expectedSpend = spend.ConditionalExpectedSpend(customer.Frequency, customer.MonetaryValue);
        if (!double.IsFinite(expectedSpend))
        {
            throw new InvalidValueException("spend model", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{spend} gives customer '{customer.CustomerId}' (x = {customer.Frequency}) an infinite expected spend (p·x + q ≤ 1), so the customer's value does not exist. Value customers by historical spend, or fit the spend model on data without extreme orders."));
        }

        var perPurchase = expectedSpend * options.Margin;
        var step = options.Horizon / options.Steps;
        double value = 0, previous = 0, discount = 1;
        for (var i = 1; i <= options.Steps; i++)
        {
            var cumulative = count.ConditionalExpectedPurchases(i * step, customer.Frequency, customer.Recency, customer.Age);
            if (!double.IsFinite(cumulative))
            {
                throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count.Name} gave {cumulative} expected purchases by {i * step} for customer '{customer.CustomerId}'."));
            }

            discount /= 1 + options.DiscountRate;
            value += (cumulative - previous) * perPurchase * discount;
            previous = cumulative;
        }

        return value;
    }

    /// <summary>Discounted value of every row of a summary.</summary>
    public static double[] DiscountedValues(ICountModel count, GammaGammaModel spend, RfmSummary summary, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var values = new double[summary.Count];
        for (var i = 0; i < summary.Count; i++)
        {
            values[i] = Discounted(count, spend, summary[i], options);
        }

        return values;
    }

    /// <summary>
    /// The simple formula the trade articles quote: average order value × purchase frequency (per unit of time) ×
    /// expected lifespan (in that unit) × margin.
    /// </summary>
    public static double SimpleFormula(double averageOrderValue, double purchaseFrequency, double expectedLifespan, double margin)
    {
        foreach (var (value, name) in new[] { (averageOrderValue, "average order value"), (purchaseFrequency, "purchase frequency"), (expectedLifespan, "expected lifespan"), (margin, "margin") })
        {
            if (!(value >= 0) || !double.IsFinite(value))
            {
                throw new InvalidValueException(name, $"{value} is not a finite number ≥ 0.");
            }
        }

        return averageOrderValue * purchaseFrequency * expectedLifespan * margin;
    }
}
