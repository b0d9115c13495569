using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>The instant a command evaluates at, from its <c>--as-of</c> option (shared by <c>run</c>, <c>segment</c> and <c>care</c>).</summary>
internal static class AsOfInstant
{
    /// <summary>
    /// The last instant of the day <paramref name="date"/> (YYYY-MM-DD) in <paramref name="zone"/>; without a date, the
    /// instant of the last order in <paramref name="customers"/>, else the last customer's creation.
    /// </summary>
    /// <exception cref="InvalidValueException">The date is not valid, or there is no date and no customer.</exception>
    public static Instant Of(string? date, IReadOnlyCollection<Customer> customers, DateTimeZone zone)
    {
        if (OptionRanges.AsOf(date) is { } day)
        {
            return day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;
        }

        var last = customers.SelectMany(c => c.History.Orders).Select(o => (Instant?)o.PlacedAt).Max();
        return last ?? customers.Select(c => (Instant?)c.CreatedAt).Max() ?? throw new InvalidValueException("--as-of", Strings.ErrorDataSetEmpty, Strings.ErrorGiveAsOf);
    }
}
