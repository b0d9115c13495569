using System.Collections.Immutable;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>Care-process settings (<c>CrmKit:Care</c>).</summary>
public sealed class CareSettings
{
    /// <summary>How far back the agenda looks for due actions, in hours. Default 24.</summary>
    public int LookbackHours { get; set; } = 24;

    /// <summary>A folder of process definition JSON files, loaded beside the built-in processes. Default: none.</summary>
    public string? ProcessFolder { get; set; }

    /// <summary>The contact policy (set in code). Default <see cref="ContactPolicy.Vietnam"/>.</summary>
    public ContactPolicy Policy { get; set; } = ContactPolicy.Vietnam;

    /// <summary>The care plans (set in code). Default <see cref="BuiltInCarePlans.All"/>.</summary>
    public IReadOnlyList<CarePlan> Plans { get; set; } = BuiltInCarePlans.All;

    /// <summary>
    /// <paramref name="builtIn"/> with each definition in <see cref="ProcessFolder"/> (file name order), if set: a folder
    /// definition with a built-in's id replaces it in place, any other is appended.
    /// </summary>
    /// <exception cref="InvalidOperationException">Two folder files define the same process id (both files named).</exception>
    internal ImmutableArray<ProcessDefinition> WithFolderProcesses(IEnumerable<ProcessDefinition> builtIn)
    {
        var folder = ReadFolderProcesses();
        if (DuplicateFolderProcesses(folder).FirstOrDefault() is { } duplicate)
        {
            throw new InvalidOperationException($"{CrmKitOptions.SectionName}:Care:ProcessFolder: {duplicate}");
        }

        var all = builtIn.ToList();
        foreach (var (_, definition) in folder)
        {
            var index = all.FindIndex(p => p.Id == definition.Id);
            if (index >= 0)
            {
                all[index] = definition;
            }
            else
            {
                all.Add(definition);
            }
        }

        return [.. all];
    }

    /// <summary>The folder definitions that replace one of <paramref name="builtIn"/>: (file name, process id).</summary>
    internal IEnumerable<(string File, string Id)> ReplacedProcesses(IEnumerable<ProcessDefinition> builtIn)
    {
        var ids = builtIn.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return ReadFolderProcesses().Where(f => ids.Contains(f.Definition.Id)).Select(f => (f.File, f.Definition.Id));
    }

    /// <summary>Every folder file's definition, with its file name, in file name order; none without a folder.</summary>
    internal List<(string File, ProcessDefinition Definition)> ReadFolderProcesses()
        => ProcessFolder is { } folder
            ? [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), ProcessJson.ReadDefinition(File.ReadAllText(f))))]
            : [];

    /// <summary>One problem per process id defined by more than one folder file, naming the files.</summary>
    internal static IEnumerable<string> DuplicateFolderProcesses(IEnumerable<(string File, ProcessDefinition Definition)> folder)
        => folder.GroupBy(f => f.Definition.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"process '{g.Key}' is defined by more than one file: {string.Join(", ", g.Select(f => f.File))}; keep one.");
}
