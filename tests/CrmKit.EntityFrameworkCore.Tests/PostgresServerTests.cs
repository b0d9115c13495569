using Npgsql;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>The shared server probe (<see cref="PostgresServer"/>) skips, rather than fails, without a server.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public void Find_NoVariableSet_IsNone()
        => Assert.Null(PostgresServer.Find(NpgsqlFactory.Instance, "CRMKIT_PROBE_TEST_UNSET_" + Guid.NewGuid().ToString("N")));

    [Fact]
    public void Find_AServerThatDoesNotAnswer_IsNone_AndABlankVariableIsSkippedForTheNext()
    {
        var (blank, closed) = ("CRMKIT_PROBE_TEST_BLANK_" + Guid.NewGuid().ToString("N"), "CRMKIT_PROBE_TEST_CLOSED_" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable(blank, "  ");
        Environment.SetEnvironmentVariable(closed, "Host=127.0.0.1;Port=1;Timeout=2;Username=x;Password=x");   // port 1: nothing listens
        try
        {
            Assert.Null(PostgresServer.Find(NpgsqlFactory.Instance, blank, closed));
        }
        finally
        {
            Environment.SetEnvironmentVariable(blank, null);
            Environment.SetEnvironmentVariable(closed, null);
        }
    }
}
