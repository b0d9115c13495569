using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// When rules are evaluated: an instant and the zone that turns it into a calendar date (the shop's zone, or
/// a customer's). Rules never read a clock; every relative window counts back from <see cref="AsOf"/>.
/// </summary>
/// <remarks>
/// A window of N days is the N × 24 hours ending at <see cref="AsOf"/>; "days since" counts whole 24-hour
/// periods; orders placed after <see cref="AsOf"/> are ignored. Ages, birthdays and anniversaries use
/// <see cref="Today"/>, the date of <see cref="AsOf"/> in <see cref="Zone"/>.
/// </remarks>
public sealed class EvaluationContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="asOf">The evaluation instant.</param>
    /// <param name="zone">The zone giving the evaluation date.</param>
    /// <exception cref="ArgumentOutOfRangeException">The evaluation date is outside the years <see cref="RuleLimits.MinEvaluationYear"/>..<see cref="RuleLimits.MaxEvaluationYear"/>.</exception>
    public EvaluationContext(Instant asOf, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        AsOf = asOf;
        Zone = zone;
        Today = asOf.InZone(zone).Date;
        if (Today.Year is < RuleLimits.MinEvaluationYear or > RuleLimits.MaxEvaluationYear)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"The evaluation date {Today:uuuu-MM-dd} is outside the years {RuleLimits.MinEvaluationYear}..{RuleLimits.MaxEvaluationYear} rules are evaluated in (a window of {RuleLimits.MaxWindowDays} days and the next anniversary must stay inside the calendar).");
        }

        AsOfTicks = asOf.ToUnixTimeTicks();
    }

    /// <summary>The evaluation instant.</summary>
    public Instant AsOf { get; }

    /// <summary>The zone giving the evaluation date.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The evaluation date in <see cref="Zone"/>.</summary>
    public LocalDate Today { get; }

    internal long AsOfTicks { get; }

    /// <summary>The start (exclusive) of a window of <paramref name="days"/> days ending at <see cref="AsOf"/>.</summary>
    public Instant WindowStart(int days) => AsOf - Duration.FromDays(days);

    /// <inheritdoc/>
    public override string ToString() => $"as of {AsOf} ({Today} in {Zone.Id})";
}
