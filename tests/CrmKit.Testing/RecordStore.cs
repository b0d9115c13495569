namespace CrmKit.Testing;

/// <summary>Where generated customer records are evaluated, which bounds the order amounts they may hold (<see cref="RuleGenerators.RecordFor"/>).</summary>
public enum RecordStore
{
    /// <summary>In memory (interpreter, compiler, LINQ to objects): any decimal; extremes 9e27 and 1e-28.</summary>
    InMemory,

    /// <summary>In PostgreSQL through EF Core: the amount column is numeric(19, 4); extremes 999,999,999,999,999.9999 and 0.0001.</summary>
    Database,
}
