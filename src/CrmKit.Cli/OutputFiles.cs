using CrmKit.Cli.Localization;
using CrmKit.Customers;

namespace CrmKit.Cli;

/// <summary>
/// Checks the files and folders a command will write before it does any work, so that a report path that names a
/// folder or a file that cannot be written is wrong usage (exit code 2) at once, not a failure after the whole job.
/// </summary>
internal static class OutputFiles
{
    /// <summary>Checks that <paramref name="file"/> can be created or overwritten; creates its folder if needed.</summary>
    /// <exception cref="InvalidValueException">The path is a folder, its folder cannot be created, or the file cannot be written.</exception>
    public static void CheckFile(FileInfo file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
        {
            throw new InvalidValueException(option, Display.Format(Strings.ErrorIsFolder, file.FullName), Display.Format(Strings.ErrorGiveFileName, Path.Combine(file.FullName, DefaultName(option))));
        }

        Probe(option, file.FullName, () =>
        {
            Directory.CreateDirectory(file.DirectoryName!);
            if (File.Exists(file.FullName))
            {
                // Opening for writing without truncating: the file is replaced only when the job has its content.
                using var existing = new FileStream(file.FullName, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
            else
            {
                using var created = new FileStream(file.FullName, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
        });
    }

    /// <summary>Checks that files can be written into <paramref name="folder"/>; creates it if needed.</summary>
    /// <exception cref="InvalidValueException">The path is a file, or the folder cannot be created or written to.</exception>
    public static void CheckFolder(DirectoryInfo folder, string option)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (File.Exists(folder.FullName))
        {
            throw new InvalidValueException(option, Display.Format(Strings.ErrorIsFileNotFolder, folder.FullName));
        }

        Probe(option, folder.FullName, () =>
        {
            Directory.CreateDirectory(folder.FullName);
            using var probe = new FileStream(Path.Combine(folder.FullName, $".crmkit-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        });
    }

    private static void Probe(string option, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidValueException(option, Display.Format(Strings.ErrorCannotWrite, path, ex.Message));
        }
    }

    private static string DefaultName(string option) => option switch { "--report" => "crmkit-report.html", "--merges" => "merges.csv", _ => "rejects.csv" };
}
