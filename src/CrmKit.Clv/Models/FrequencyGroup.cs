namespace CrmKit.Clv.Models;

/// <summary>Customers with the same calibration frequency and their mean holdout purchases (see <see cref="HoldoutTracking"/>).</summary>
/// <param name="Frequency">The calibration frequency x (repeat purchase days); the last group holds x ≥ this value when <paramref name="AndAbove"/>.</param>
/// <param name="AndAbove">True for the open last group.</param>
/// <param name="Customers">Customers in the group (weights).</param>
/// <param name="ActualHoldout">Their mean actual holdout purchases.</param>
/// <param name="ExpectedHoldout">Their mean conditional expected holdout purchases under the model.</param>
public readonly record struct FrequencyGroup(int Frequency, bool AndAbove, double Customers, double ActualHoldout, double ExpectedHoldout);
