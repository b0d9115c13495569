namespace CrmKit.Engine.Tests;

/// <summary>The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="InMemoryEngineStore"/>.</summary>
public sealed class InMemoryEngineStoreConformanceTests : EngineStoreConformance
{
    protected override IEngineStore CreateStore() => new InMemoryEngineStore();
}
