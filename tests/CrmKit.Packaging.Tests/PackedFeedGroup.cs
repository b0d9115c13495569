namespace CrmKit.Packaging.Tests;

/// <summary>The packaging tests share one packed feed (<see cref="PackedFeed"/>): the solution is packed once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedGroup : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed";
}
