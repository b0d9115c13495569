namespace CrmKit.Customers.Import;

/// <summary>What an import issue did to the data.</summary>
public enum ImportIssueSeverity
{
    /// <summary>The row (or the whole file, on line 0) was rejected.</summary>
    Error,

    /// <summary>A field was left unset (or something was noted); the row was kept.</summary>
    Warning,
}
