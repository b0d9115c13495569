using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace CrmKit.Architecture.Tests;

/// <summary>Skipped tests say why in <c>dotnet test</c>'s default output (<see cref="SkipReasonFramework"/>).</summary>
public class SkipReasonTests
{
    [Fact]
    public void SkipReasonSink_SkippedTest_WritesTheReasonAsADiagnostic_AndPassesEveryMessageOn()
    {
        var execution = new Recorder();
        var diagnostics = new Recorder();
        var sink = new SkipReasonSink(execution, diagnostics);
        var test = new NamedTest("CrmKit.X.Tests.Store_Claim_Works");
        var skipped = Message<ITestSkipped>(test, "No PostgreSQL server: set CRMKIT_TEST_POSTGRES.");
        var passed = Message<ITestPassed>(test, reason: null);

        Assert.True(sink.OnMessage(skipped));
        Assert.True(sink.OnMessage(passed));

        Assert.Equal([skipped, passed], execution.Messages);
        var diagnostic = Assert.IsAssignableFrom<IDiagnosticMessage>(Assert.Single(diagnostics.Messages));
        Assert.Equal("CrmKit.X.Tests.Store_Claim_Works [SKIP] No PostgreSQL server: set CRMKIT_TEST_POSTGRES.", diagnostic.Message);
    }

    [Fact]
    public void EveryTestProject_RunsUnderTheSkipReasonFramework_WithDiagnosticMessagesOn()
    {
        var tests = Directory.GetDirectories(RepositoryRoot.Path("tests"), "*.Tests").Select(Path.GetFileName).ToList();
        Assert.Contains("CrmKit.Architecture.Tests", tests);
        Assert.Equal([typeof(SkipReasonFramework).FullName, "CrmKit.Testing"], FrameworkArguments());
        Assert.Contains("\"diagnosticMessages\": true", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "xunit.runner.json")), StringComparison.Ordinal);
        // Every test project gets both from tests/Directory.Build.props; none overrides them.
        foreach (var project in tests)
        {
            Assert.False(File.Exists(RepositoryRoot.Path("tests", project!, "xunit.runner.json")), $"{project} has its own xunit.runner.json");
            Assert.DoesNotContain("TestFramework", File.ReadAllText(RepositoryRoot.Path("tests", project!, project + ".csproj")), StringComparison.Ordinal);
        }
    }

    private static object?[] FrameworkArguments()
        => [.. typeof(SkipReasonTests).Assembly.GetCustomAttributesData().Single(a => a.AttributeType == typeof(TestFrameworkAttribute)).ConstructorArguments.Select(a => a.Value)];

    private sealed class Recorder : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<IMessageSinkMessage> Messages { get; } = [];

        public bool OnMessage(IMessageSinkMessage message)
        {
            Messages.Add(message);
            return true;
        }
    }

    private sealed class NamedTest(string displayName) : LongLivedMarshalByRefObject, ITest
    {
        public string DisplayName => displayName;

        public ITestCase TestCase => null!;
    }

    // A message of type T that has only a test and a reason (what the sink reads); every other member is null.
    private static T Message<T>(ITest test, string? reason)
        where T : class, IMessageSinkMessage
    {
        var message = DispatchProxy.Create<T, MessageProxy>();
        ((MessageProxy)(object)message).Values = new Dictionary<string, object?> { ["get_Test"] = test, ["get_Reason"] = reason };
        return message;
    }

    /// <summary>The implementation <see cref="DispatchProxy"/> gives the fake messages.</summary>
    public class MessageProxy : DispatchProxy
    {
        internal Dictionary<string, object?> Values { get; set; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            => targetMethod is not null && Values.TryGetValue(targetMethod.Name, out var value) ? value : null;
    }
}
