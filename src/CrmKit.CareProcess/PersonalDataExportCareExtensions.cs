using CrmKit.Customers.Privacy;

namespace CrmKit.CareProcess;

/// <summary>Adds care-process state to a <see cref="PersonalDataExport"/>.</summary>
public static class PersonalDataExportCareExtensions
{
    /// <summary>Returns the export with the customer's care-process snapshots (written as <see cref="ProcessJson"/> writes them).</summary>
    public static PersonalDataExport WithCareProcesses(this PersonalDataExport export, IEnumerable<ProcessSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(snapshots);
        return export with { CareProcesses = [.. snapshots.Select(object (s) => s ?? throw new ArgumentException("A snapshot is null.", nameof(snapshots)))] };
    }
}
