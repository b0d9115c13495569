namespace CrmKit.Extensions.DependencyInjection.Tests;

/// <summary>Builds service providers the way the tests want them: every registration checked at build.</summary>
internal static class Containers
{
    public static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
