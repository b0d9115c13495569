namespace CrmKit.Testing;

/// <summary>
/// The CLV reference data sets (CDNOW, donations, sBG cohorts; MIT via lifetimes): tests/CrmKit.Testing/ReferenceData,
/// copied to every test project's output folder, so a plain clone runs the published-estimate tests. See its README for
/// origin, licence and checksums.
/// </summary>
public static class SharedData
{
    /// <summary>The folder of the copies beside the test assembly.</summary>
    public static string Folder { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    /// <summary>The full path of a reference data file.</summary>
    /// <exception cref="FileNotFoundException">The file is not in the output folder (the build did not copy it).</exception>
    public static string File(string name)
    {
        var path = System.IO.Path.Combine(Folder, name);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Reference data file '{name}' is not in {Folder}; it is copied there from tests/CrmKit.Testing/ReferenceData by the build.", path);
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
