using System.Data.Common;

namespace CrmKit.Testing;

/// <summary>
/// Finds the PostgreSQL server the database tests use: the first of the given environment variables that holds a
/// connection string a connection can be opened with. One probe for every test project that needs a server (the EF
/// Core package's and the engine store's), so they skip for the same reasons.
/// </summary>
public static class PostgresServer
{
    /// <summary>
    /// The connection string of the first variable in <paramref name="variables"/> that is set (not blank), if a
    /// connection opens with it; none when no variable is set or the server does not answer (the tests then skip).
    /// </summary>
    /// <param name="provider">The ADO.NET provider (<c>NpgsqlFactory.Instance</c>); this project does not reference Npgsql.</param>
    /// <param name="variables">Environment variables to read, in order of preference.</param>
    public static string? Find(DbProviderFactory provider, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var text = variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (text is null)
        {
            return null;
        }

        try
        {
            using var connection = provider.CreateConnection() ?? throw new InvalidOperationException($"{provider.GetType().Name} creates no connections.");
            connection.ConnectionString = text;
            connection.Open();
            return text;
        }
        catch (DbException)
        {
            return null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
