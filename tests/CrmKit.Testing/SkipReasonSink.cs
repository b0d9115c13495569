using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CrmKit.Testing;

/// <summary>
/// Passes every execution message on to <paramref name="execution"/> and, for a skipped test, first writes
/// "<c>Test.DisplayName [SKIP] reason</c>" to <paramref name="diagnostics"/> (see <see cref="SkipReasonFramework"/>).
/// </summary>
public sealed class SkipReasonSink(IMessageSink execution, IMessageSink diagnostics) : LongLivedMarshalByRefObject, IMessageSink
{
    /// <inheritdoc/>
    public bool OnMessage(IMessageSinkMessage message)
    {
        if (message is ITestSkipped skipped)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"{skipped.Test.DisplayName} [SKIP] {skipped.Reason}"));
        }

        return execution.OnMessage(message);
    }
}
