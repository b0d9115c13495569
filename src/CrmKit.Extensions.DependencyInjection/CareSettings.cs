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
    /// <exception cref="InvalidProcessException">A folder file is not a valid definition, or two define the same
    /// process id (every problem at <c>file.json:line:column</c>; <see cref="ProcessJson.ReadFolder"/>).</exception>
    internal ImmutableArray<ProcessDefinition> WithFolderProcesses(IEnumerable<ProcessDefinition> builtIn)
    {
        var folder = ReadFolderProcesses();
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
    /// <exception cref="InvalidProcessException">See <see cref="ProcessJson.ReadFolder"/>.</exception>
    internal List<(string File, ProcessDefinition Definition)> ReadFolderProcesses()
        => ProcessFolder is { } folder ? [.. ProcessJson.ReadFolder(folder).Select(f => (f.Name, f.Definition))] : [];
}
