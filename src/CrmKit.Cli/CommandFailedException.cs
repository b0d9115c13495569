namespace CrmKit.Cli;

/// <summary>
/// A command cannot give its result for a reason about the input (exit code 1), with the message already written in the
/// invocation's language; <see cref="CrmKitCommandLine"/> prints it after <c>crmkit: </c>. For reasons the libraries
/// report with their own exceptions, those are caught instead.
/// </summary>
internal sealed class CommandFailedException(string message) : Exception(message);
