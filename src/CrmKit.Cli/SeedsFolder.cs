namespace CrmKit.Cli;

/// <summary>Finds the bundled sample data: seeds/ of the repository the tool runs from, or beside the tool.</summary>
internal static class SeedsFolder
{
    public static string Store()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds", "store");
                if (File.Exists(Path.Combine(candidate, "customers.csv")) || File.Exists(Path.Combine(dir.FullName, "CrmKit.sln")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("The bundled sample data (seeds/store) was not found; give a data folder with --data.");
    }
}
