using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// The state of one process instance: what the host stores. Immutable; each step returns a new snapshot whose
/// <see cref="Version"/> is one higher, for optimistic concurrency (store it only if the stored version is still
/// the one you read). JSON round-trips through <see cref="ProcessJson"/> without loss.
/// </summary>
public sealed record ProcessSnapshot
{
    /// <summary>The empty data every new snapshot starts with (immutable, so one is shared).</summary>
    private static readonly ImmutableSortedDictionary<string, ProcessValue> NoData = ImmutableSortedDictionary.Create<string, ProcessValue>(StringComparer.Ordinal);

    /// <summary>The process definition's id.</summary>
    public required string ProcessId { get; init; }

    /// <summary>The instance's id (a ticket number, a warranty case, a customer id).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current state (always a state without children).</summary>
    public required string State { get; init; }

    /// <summary>When the instance started.</summary>
    public Instant StartedAt { get; init; }

    /// <summary>When the current state was entered.</summary>
    public Instant EnteredAt { get; init; }

    /// <summary>Incremented by every step.</summary>
    public long Version { get; init; }

    /// <summary>The steps taken, oldest first.</summary>
    public ImmutableArray<HistoryEntry> History { get; init; } = [];

    /// <summary>
    /// The instance's data: values guards and timers read (priority, birthday, decision…). Setting it (or starting an
    /// instance) with a <c>default(ProcessValue)</c> throws <see cref="ArgumentException"/>: such a value could not be
    /// read back from JSON.
    /// </summary>
    public ImmutableSortedDictionary<string, ProcessValue> Data
    {
        get;
        init => field = CheckContent(value ?? throw new ArgumentNullException(nameof(value))).WithComparers(StringComparer.Ordinal);
    } = NoData;

    /// <summary>This snapshot with one data value set (the version is unchanged: data is the host's to manage).</summary>
    /// <exception cref="ArgumentException">The name is blank, or the value is <c>default(ProcessValue)</c>.</exception>
    public ProcessSnapshot WithData(string name, ProcessValue value)
        => value.IsEmpty ? throw new ArgumentException($"Data value '{name}' {ProcessValue.EmptyMessage}.", nameof(value)) : this with { Data = Data.SetItem(Guard(name), value) };

    /// <summary>This snapshot without one data value.</summary>
    public ProcessSnapshot WithoutData(string name) => this with { Data = Data.Remove(Guard(name)) };

    /// <inheritdoc/>
    public bool Equals(ProcessSnapshot? other)
        => other is not null && ProcessId == other.ProcessId && InstanceId == other.InstanceId && State == other.State
           && StartedAt == other.StartedAt && EnteredAt == other.EnteredAt && Version == other.Version
           && History.SequenceEqual(other.History) && Data.Count == other.Data.Count && Data.SequenceEqual(other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ProcessId, InstanceId, State, EnteredAt, Version, History.Length);

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessId}/{InstanceId} in {State} since {EnteredAt} (v{Version})";

    private static ImmutableSortedDictionary<string, ProcessValue> CheckContent(ImmutableSortedDictionary<string, ProcessValue> data)
    {
        foreach (var (name, value) in data)
        {
            if (ProcessValue.IllFormedAt(name) is { } at)
            {
                throw new ArgumentException($"Data name '{name}' has a lone surrogate at index {at}; it could not be stored as JSON.", nameof(data));
            }

            if (value.IsEmpty)
            {
                throw new ArgumentException($"Data value '{name}' {ProcessValue.EmptyMessage}.", nameof(data));
            }
        }

        return data;
    }

    private static string Guard(string name) => string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A data name must not be blank.", nameof(name)) : name;
}
