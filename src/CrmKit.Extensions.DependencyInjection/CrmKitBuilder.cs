using CrmKit.CareProcess;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.DependencyInjection;

/// <summary>Chooses the parts of CrmKit a host uses; returned by <c>services.AddCrmKit(crm => …)</c>.</summary>
public sealed class CrmKitBuilder
{
    internal CrmKitBuilder(IServiceCollection services)
    {
        Services = services;
        services.AddOptions<CrmKitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmKitOptions>, CrmKitOptionsValidator>());
        // The one place the system clock is allowed: the default a host replaces by registering its own IClock.
#pragma warning disable RS0030
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.TryAddSingleton<ICustomerStore, InMemoryCustomerStore>();
        services.TryAddSingleton<CrmKitMetrics>();
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Binds the settings from a configuration section (usually <c>configuration.GetSection("CrmKit")</c>).</summary>
    public CrmKitBuilder Bind(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.AddOptions<CrmKitOptions>().Configure(options => EnumSettingBinding.Bind(section, options));
        Services.AddSingleton<IOptionsChangeTokenSource<CrmKitOptions>>(new ConfigurationChangeTokenSource<CrmKitOptions>(Options.DefaultName, section));
        return this;
    }

    /// <summary>Adjusts any setting in code (after configuration binding registered before it).</summary>
    public CrmKitBuilder Configure(Action<CrmKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adds <see cref="CustomerSegmentation"/> with the built-in catalogue (or the configured one).</summary>
    public CrmKitBuilder AddSegmentation() => AddSegmentation(_ => { });

    /// <summary>Adds <see cref="CustomerSegmentation"/> and adjusts its settings.</summary>
    public CrmKitBuilder AddSegmentation(Action<SegmentationSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CrmKitOptions>(o => configure(o.Segmentation));
        Services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CrmKitOptions>>().Value.Segmentation;
            return settings.Catalog ?? (settings.CatalogFile is { } file ? SegmentCatalog.Parse(File.ReadAllText(file)) : BuiltInSegments.Catalog);
        });
        Services.TryAddSingleton(sp => new Segmenter(sp.GetRequiredService<SegmentCatalog>()));
        Services.TryAddSingleton<CustomerSegmentation>();
        return this;
    }

    /// <summary>Adds <see cref="CareService"/> with the built-in processes, plans and Vietnam's contact policy.</summary>
    public CrmKitBuilder AddCareProcess() => AddCareProcess(_ => { });

    /// <summary>Adds <see cref="CareService"/> and adjusts its settings (plans, policy, lookback, extra processes).</summary>
    public CrmKitBuilder AddCareProcess(Action<CareSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CrmKitOptions>(o => configure(o.Care));
        Services.TryAddSingleton(sp =>
        {
            var care = sp.GetRequiredService<IOptions<CrmKitOptions>>().Value.Care;
            return new CareAgenda(care.Plans, care.Policy);
        });
        Services.TryAddSingleton<CareService>();
        return this;
    }

    /// <summary>
    /// Adds <see cref="PersonalDataService"/>: data-subject requests (export, erasure, withdrawal of every consent)
    /// and the retention policy over the registered <see cref="ICustomerStore"/>.
    /// </summary>
    public CrmKitBuilder AddPersonalData() => AddPersonalData(_ => { });

    /// <summary>Adds <see cref="PersonalDataService"/> and adjusts its settings (retention).</summary>
    public CrmKitBuilder AddPersonalData(Action<PersonalDataSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CrmKitOptions>(o => configure(o.PersonalData));
        Services.TryAddSingleton<PersonalDataService>();
        return this;
    }

    /// <summary>Adds <see cref="CustomerValueService"/> (BG/NBD and Gamma-Gamma on weekly summaries by default).</summary>
    public CrmKitBuilder AddClv() => AddClv(_ => { });

    /// <summary>Adds <see cref="CustomerValueService"/> and adjusts its settings.</summary>
    public CrmKitBuilder AddClv(Action<ClvSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CrmKitOptions>(o => configure(o.Clv));
        Services.TryAddSingleton<CustomerValueService>();
        return this;
    }
}
