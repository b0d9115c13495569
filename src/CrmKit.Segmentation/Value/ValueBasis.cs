namespace CrmKit.Segmentation;

/// <summary>What a value tier ranks customers by.</summary>
public enum ValueBasis
{
    /// <summary>The value a CLV model predicts (<see cref="CustomerRecord.PredictedValue"/>), when it gives one for every buyer of the currency.</summary>
    Predicted,

    /// <summary>
    /// Historical value: the total of completed orders in the last <see cref="ValueTierThresholds.HistoricalWindowDays"/>
    /// days, used when no model predicts a value for every buyer of the currency.
    /// </summary>
    Historical,
}
