using Xunit;

namespace CrmKit.Testing;

/// <summary>
/// Locates the reference data sets in <c>../shared/data</c> (beside the repository). Tests that need them use
/// <see cref="SharedDataFactAttribute"/>, which skips with a visible reason when the folder is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The folder, or null when it is not there.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>Why tests that need the folder are skipped.</summary>
    public const string MissingReason = "Reference data folder ../shared/data (beside the repository) is absent; set CRMKIT_SHARED_DATA to run these tests.";

    /// <summary>The full path of a file of the shared data folder.</summary>
    public static string File(string name)
        => Path.Combine(Folder ?? throw new InvalidOperationException(MissingReason), name);

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CRMKIT_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var root = RepositoryRoot.Folder;
        var candidate = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return candidate is not null && Directory.Exists(candidate) ? candidate : null;
    }
}

/// <summary>Finds the repository root (the folder holding CrmKit.sln) from the test's base directory.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts)
        => System.IO.Path.Combine([Folder ?? throw new InvalidOperationException("The tests do not run inside a CrmKit checkout."), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "CrmKit.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared/data</c>; skipped, with the reason shown, when the folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the shared data folder is absent.</summary>
    public SharedDataFactAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = SharedData.MissingReason;
        }
    }
}
