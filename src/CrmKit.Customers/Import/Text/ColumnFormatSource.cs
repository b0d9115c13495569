namespace CrmKit.Customers.Import;

/// <summary>Where the format a column is read in came from, for the import summary (<see cref="ColumnReading.Source"/>).</summary>
public enum ColumnFormatSource
{
    /// <summary>Not decided yet: the column is set to auto-detect and no value has proved a format.</summary>
    Undecided,

    /// <summary>Given by the configuration (mapping file or command-line option).</summary>
    Configured,

    /// <summary>Proved by a value of the column; the value and its line are the evidence.</summary>
    Detected,

    /// <summary>Nothing in the column decided, so it follows another column of the same file that was decided.</summary>
    Adopted,

    /// <summary>Nothing decided, so the importer's default was used (dates only).</summary>
    Defaulted,
}
