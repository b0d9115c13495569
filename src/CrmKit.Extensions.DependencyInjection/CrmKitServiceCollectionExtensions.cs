using CrmKit.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one entry point: <c>services.AddCrmKit(crm => crm.AddSegmentation().AddCareProcess().AddClv())</c>.</summary>
public static class CrmKitServiceCollectionExtensions
{
    /// <summary>Adds every part of CrmKit with its defaults (segmentation, care process, CLV).</summary>
    public static IServiceCollection AddCrmKit(this IServiceCollection services)
        => services.AddCrmKit(crm => crm.AddSegmentation().AddCareProcess().AddClv().AddPersonalData());

    /// <summary>
    /// Adds CrmKit's core services (clock, customer store, metrics, validated options) and the parts
    /// <paramref name="configure"/> chooses. Registrations use <c>TryAdd</c>: calling it twice is harmless, and a host's
    /// own <c>IClock</c> or <c>ICustomerStore</c>, registered before or after, wins.
    /// </summary>
    public static IServiceCollection AddCrmKit(this IServiceCollection services, Action<CrmKitBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        configure(new CrmKitBuilder(services));
        return services;
    }
}
