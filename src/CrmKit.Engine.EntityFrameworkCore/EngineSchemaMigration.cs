namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>One versioned step of the engine store's schema: a SQL script shipped in the package.</summary>
/// <param name="Version">The schema version the script brings a database to (1, 2, …; applied in order, each once).</param>
/// <param name="Name">The script's name (<c>engine_store</c>, <c>engine_inbox</c>).</param>
/// <param name="Sql">The script (PostgreSQL; unqualified names, so it creates its tables in the connection's search path).</param>
public sealed record EngineSchemaMigration(int Version, string Name, string Sql);
