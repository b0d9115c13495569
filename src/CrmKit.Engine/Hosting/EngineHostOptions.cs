using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>How <see cref="CareEngineHostedService"/> runs: how often it advances time and dispatches. Bindable from configuration (<c>CrmKit:Engine</c>).</summary>
public sealed class EngineHostOptions
{
    /// <summary>
    /// The pause between two rounds (advance due timers and occasions, then dispatch every due message), in
    /// [10 ms, 1 h]. Default 10 s. A message is sent at most this long after it falls due, plus the time of the round.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = DispatchDefaults.PollInterval;

    /// <summary>Whether the hosted service sends (<see langword="true"/>, default) or only advances time and queues, leaving dispatch to another process.</summary>
    public bool RunDispatcher { get; set; } = true;

    /// <summary>
    /// Every problem of these settings, each at the setting's name (<see cref="Problem.Location"/> = <c>PollInterval</c>;
    /// prefix <c>CrmKit:Engine:Hosting:</c> for the full key path); empty when valid.
    /// </summary>
    public IReadOnlyList<Problem> Validate()
        => PollInterval >= DispatchDefaults.MinPollInterval && PollInterval <= DispatchDefaults.MaxPollInterval
            ? []
            : [new Problem(nameof(PollInterval), string.Create(CultureInfo.InvariantCulture, $"{PollInterval:c} is not in [{DispatchDefaults.MinPollInterval:c}, {DispatchDefaults.MaxPollInterval:c}]."))];
}
