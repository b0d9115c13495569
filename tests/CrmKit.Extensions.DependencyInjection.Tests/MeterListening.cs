namespace CrmKit.Extensions.DependencyInjection.Tests;

/// <summary>
/// Test classes that listen to the CrmKit meter: a MeterListener sees every measurement of the process, so these
/// classes run one after the other instead of counting each other's measurements.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MeterListening
{
    public const string Name = "CrmKit meter";
}
