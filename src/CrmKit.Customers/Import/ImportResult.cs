using System.Collections.Immutable;

namespace CrmKit.Customers.Import;

/// <summary>What an import produced: every valid record, and an issue for every rejected row or field.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The valid records, in file order.</param>
/// <param name="Issues">The problems found, in file order.</param>
public sealed record ImportResult<T>(ImmutableArray<T> Records, ImmutableArray<ImportIssue> Issues)
{
    /// <summary>Whether any row or field was rejected.</summary>
    public bool HasIssues => !Issues.IsDefaultOrEmpty;
}
