using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;

namespace CrmKit.CareProcess;

/// <summary>
/// JSON for process definitions and snapshots. Reading a definition reports a malformed document with the JSON path
/// of the first bad value, and a well-formed but invalid one with every problem (<see cref="InvalidProcessException"/>).
/// </summary>
/// <remarks>
/// Durations are written as hours, minutes and seconds, <c>H:mm:ss</c> (<c>"72:00:00"</c> is three days), local
/// times as <c>HH:mm:ss</c>,
/// instants in ISO 8601 UTC, enum values in camelCase, effects and timers with a <c>"type"</c> discriminator
/// (<c>send</c>, <c>task</c>, <c>assign</c>, <c>setAttribute</c>, <c>startProcess</c>; <c>after</c>, <c>atLocalTime</c>),
/// values as JSON strings, numbers, booleans or <c>{"date": "2026-02-17"}</c>.
/// </remarks>
public static class ProcessJson
{
    private static readonly JsonSerializerOptions Indented = CrmKitJson.CreateOptions(writeIndented: true);

    /// <summary>The options used (CrmKit's, with NodaTime's converters).</summary>
    public static JsonSerializerOptions Options => CrmKitJson.Options;

    /// <summary>Writes a definition's model, indented.</summary>
    public static string Write(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition.Model, Indented);
    }

    /// <summary>Reads and validates a definition.</summary>
    /// <exception cref="InvalidProcessException">The JSON is malformed (one problem, with its path) or the definition invalid (every problem).</exception>
    public static ProcessDefinition ReadDefinition(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProcessModel model;
        try
        {
            model = CrmKitJson.Deserialize<ProcessModel>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidProcessException("(unreadable)", [new Problem(ex.Path ?? "$", Explain(ex.Path, FirstSentence(ex.Message)))]);
        }

        return ProcessDefinition.Create(model);
    }

    /// <summary>Writes a snapshot.</summary>
    public static string Write(ProcessSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(snapshot, Options);
    }

    /// <summary>Reads a snapshot.</summary>
    /// <exception cref="JsonException">Malformed, with the JSON path of the bad value.</exception>
    public static ProcessSnapshot ReadSnapshot(string json) => CrmKitJson.Deserialize<ProcessSnapshot>(json);

    // System.Text.Json says only that a value "could not be converted to" a type; say what the value should be.
    private static string Explain(string? path, string message)
    {
        if (!message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return message;
        }

        var property = path?[(path.LastIndexOf('.') + 1)..];
        var expected = property switch
        {
            "delay" or "dueIn" or "timeToComplete" => "a duration in hours, minutes and seconds, H:mm:ss (\"72:00:00\" is three days)",
            "time" => "a local time HH:mm:ss (\"09:00:00\")",
            "offsetDays" => "a whole number of days",
            "everyYear" or "businessHours" => "true or false",
            _ => null,
        };
        return expected is null ? "the value is not valid here." : $"the value is not valid here: expected {expected}.";
    }

    /// <summary>System.Text.Json's message without the location it appends (" Path: …", " LineNumber: …"), which the caller states once.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut < 0 ? message : message[..cut];
        }

        return message;
    }
}
