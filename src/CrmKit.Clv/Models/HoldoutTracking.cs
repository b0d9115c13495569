using System.Collections.Immutable;

namespace CrmKit.Clv.Models;

/// <summary>
/// The standard validation data of a BTYD model fitted on a calibration period (Fader, Hardie &amp; Lee 2005, figs. 2–4):
/// repeat purchases of the calibration cohort per period, actual and expected, through calibration and holdout; and
/// actual against conditional expected holdout purchases by calibration frequency. See <see cref="HoldoutValidation.Track"/>.
/// </summary>
/// <param name="Model">The model (fitted on the calibration period) whose expectations these are.</param>
/// <param name="Start">Day 0 of the periods: the cohort's first purchase day.</param>
/// <param name="CalibrationPeriods">How many periods (in the summary's unit, fractional) the calibration period spans from <paramref name="Start"/>.</param>
/// <param name="ActualRepeatPurchases">Repeat purchase days of the cohort in each period 0, 1, 2 … (index = period).</param>
/// <param name="ExpectedRepeatPurchases">The model's expected repeat purchases in each period (Σ over customers of E[X(t)] from each one's first purchase).</param>
/// <param name="ByCalibrationFrequency">Mean holdout purchases, actual and conditional expected, per calibration frequency.</param>
public sealed record HoldoutTracking(
    ICountModel Model,
    NodaTime.LocalDate Start,
    double CalibrationPeriods,
    ImmutableArray<double> ActualRepeatPurchases,
    ImmutableArray<double> ExpectedRepeatPurchases,
    ImmutableArray<FrequencyGroup> ByCalibrationFrequency);
