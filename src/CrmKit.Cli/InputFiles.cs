using CrmKit.Cli.Localization;
using CrmKit.Customers;

namespace CrmKit.Cli;

/// <summary>Checks of a file the user gives to be read (an export, transactions, a journey, a process, a catalogue).</summary>
internal static class InputFiles
{
    /// <summary>The full path of <paramref name="file"/> when it is an existing file.</summary>
    /// <param name="file">The path given.</param>
    /// <param name="option">The option that gave it (<c>--orders</c>), named by the usage error.</param>
    /// <param name="missing">The message when nothing is at that path.</param>
    /// <exception cref="InvalidValueException">The path is a folder (a usage error, exit code 2): says so and what to give instead.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at the path (exit code 1).</exception>
    public static string Existing(FileInfo file, string option, string missing)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
        {
            throw new InvalidValueException(option, Display.Format(Strings.ErrorIsFolder, file.FullName), Display.Format(Strings.ErrorGiveFileInFolder, Path.Combine(file.FullName, "…")));
        }

        return file.Exists ? file.FullName : throw new FileNotFoundException(missing, file.FullName);
    }
}
