using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CrmKit.Testing;

/// <summary>
/// xunit's test framework with one addition: every skipped test's reason is written as a diagnostic message, which the
/// VSTest adapter prints as a warning — so <c>dotnet test</c>'s default (minimal) console output says why a test was
/// skipped (<c>[xUnit.net …] CrmKit.X.Tests: Class.Method [SKIP] No PostgreSQL server: set CRMKIT_TEST_POSTGRES …</c>),
/// where it otherwise prints <c>[SKIP]</c> alone and keeps the reason for <c>--logger "console;verbosity=normal"</c>.
/// </summary>
/// <remarks>
/// Every test project uses it through tests/Directory.Build.props (an assembly-level <c>[TestFramework]</c>), with
/// <c>diagnosticMessages</c> on in tests/xunit.runner.json. Static skips (<c>[Fact(Skip = …)]</c>, the
/// <c>…FactAttribute</c>s that set <c>Skip</c> when a server is absent) and runtime skips (<c>[SkippableFact]</c>,
/// <c>Skip.If</c>) arrive alike as <see cref="ITestSkipped"/> messages.
/// </remarks>
public sealed class SkipReasonFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName)
        => new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // As XunitTestFrameworkExecutor.RunTestCases, with the execution messages passed through SkipReasonSink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new XunitTestAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, new SkipReasonSink(executionMessageSink, DiagnosticMessageSink), executionOptions);
            await runner.RunAsync();
        }
    }
}
