using CrmKit.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace CrmKit;

/// <summary>
/// The one entry point: <c>services.AddCrmKit(crm => crm.AddSegmentation().AddCareProcess().AddClv())</c>. Declared in
/// <c>namespace CrmKit</c>, not in <c>Microsoft.Extensions.DependencyInjection</c>: Microsoft's guidance for library
/// authors reserves that namespace for Microsoft's own packages (Polly puts its <c>AddResiliencePipeline</c> in
/// <c>namespace Polly</c> for the same reason), so a host writes <c>using CrmKit;</c>.
/// </summary>
public static class CrmKitServiceCollectionExtensions
{
    /// <summary>Adds every part of CrmKit with its defaults (segmentation, care process, CLV, personal data).</summary>
    /// <param name="services">The host's service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCrmKit(this IServiceCollection services)
        => services.AddCrmKit(crm => crm.AddSegmentation().AddCareProcess().AddClv().AddPersonalData());

    /// <summary>
    /// Adds CrmKit's core services (clock, customer store, metrics, validated options) and the parts
    /// <paramref name="configure"/> chooses. Registrations use <c>TryAdd</c>: calling it twice is harmless, and a host's
    /// own <c>IClock</c> or <c>ICustomerStore</c>, registered before or after, wins.
    /// </summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configure">Chooses the parts (<see cref="CrmKitBuilder"/>).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCrmKit(this IServiceCollection services, Action<CrmKitBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        configure(new CrmKitBuilder(services));
        return services;
    }
}
