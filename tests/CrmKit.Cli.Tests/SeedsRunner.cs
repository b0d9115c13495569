using CrmKit.Cli.Seeds;

namespace CrmKit.Cli.Tests;

/// <summary>Runs the repository tool <c>crmkit-seeds</c> in process, capturing its output, error and exit code.</summary>
internal static class SeedsRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SeedsCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
