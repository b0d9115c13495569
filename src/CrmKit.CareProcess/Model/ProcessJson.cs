using System.Collections.Immutable;
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
public static partial class ProcessJson
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

    /// <summary>
    /// Reads every <c>*.json</c> file of a folder (not its subfolders) as a process definition, in ordinal file-name
    /// order — the one reader of a folder of definitions (the DI package's <c>CrmKit:Care:ProcessFolder</c>, its
    /// start-up validation and <c>crmkit replay --process</c> all read through it).
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <returns>Each file's name and valid definition, in file-name order; empty for a folder without JSON files.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidProcessException">
    /// One or more files are not valid definitions, or two files define the same process id. <see cref="InvalidProcessException.Problems"/>
    /// holds every problem of every file, located at <c>file.json:line:column</c> (1-based; the message starts with the
    /// JSON path where there is one): <c>broken.json:1:47: $.initial: unknown state 'nowhere' (known: a)</c>.
    /// </exception>
    public static ImmutableArray<ProcessFile> ReadFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The process folder '{folder}' does not exist.");
        }

        return Read(folder, Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), f)));
    }

    /// <summary>
    /// Reads the given files as process definitions, in the order given, with the problems of <see cref="ReadFolder"/>;
    /// each file is named by its path as given.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>Each file's path and valid definition, in the order given.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidProcessException">See <see cref="ReadFolder"/>.</exception>
    public static ImmutableArray<ProcessFile> ReadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var list = paths.ToList();
        foreach (var path in list)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The process file '{path}' does not exist.", path);
            }
        }

        return Read(list.Count == 1 ? list[0] : $"{list.Count} files", list.Select(p => (p, p)));
    }

    private static ImmutableArray<ProcessFile> Read(string what, IEnumerable<(string Name, string Path)> files)
    {
        var read = new List<ProcessFile>();
        var problems = new List<Problem>();
        foreach (var (name, path) in files)
        {
            var json = File.ReadAllText(path);
            try
            {
                read.Add(new ProcessFile(name, ReadDefinition(json)));
            }
            catch (InvalidProcessException ex)
            {
                problems.AddRange(ex.Problems.Select(p => At(name, json, p.Location, p.Location.StartsWith('$') ? $"{p.Location}: {p.Message}" : p.Message)));
            }
        }

        foreach (var group in read.GroupBy(f => f.Definition.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var second = group.ElementAt(1);
            problems.Add(At(second.Name, File.ReadAllText(files.First(f => f.Name == second.Name).Path), "$.id",
                $"process '{group.Key}' is defined by more than one file: {string.Join(", ", group.Select(f => f.Name))}; keep one."));
        }

        return problems.Count == 0 ? [.. read] : throw new InvalidProcessException(what, problems);
    }

    // At the path's position in the file; a document that is not well-formed JSON at its syntax error instead; a
    // problem the text reader located itself ("$: line 4, column 89: a lone surrogate …") at that line and column.
    private static Problem At(string file, string json, string path, string message)
    {
        if (TextPosition().Match(message) is { Success: true } located)
        {
            return new Problem($"{file}:{located.Groups["line"].Value}:{located.Groups["column"].Value}", message[located.Length..]);
        }

        return (JsonPosition.Of(json, path) ?? JsonPosition.OfSyntaxError(json)) is var (line, column)
            ? new Problem(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}:{line}:{column}"), message)
            : new Problem(file, message);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\$: )?line (?<line>[0-9]+), column (?<column>[0-9]+): ")]
    private static partial System.Text.RegularExpressions.Regex TextPosition();

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
