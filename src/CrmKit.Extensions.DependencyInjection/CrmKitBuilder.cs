using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Store;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

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
        services.TryAddSingleton(new ClockRegistration(services));
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
        Services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CrmKitOptions>>().Value.Segmentation.LoadCatalog());
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

    /// <summary>
    /// Adds the live care engine with its defaults: <see cref="CareEngine"/> over an <see cref="InMemoryEngineStore"/>
    /// (unless the host registers its own <see cref="IEngineStore"/>), the <see cref="CareDispatcher"/> over the
    /// registered <see cref="ICareChannel"/>s and the <see cref="CareEngineHostedService"/> that advances time and
    /// dispatches. Register channels with <see cref="AddCareChannel{TChannel}"/>.
    /// </summary>
    public CrmKitBuilder AddEngine() => AddEngine(_ => { });

    /// <summary>Adds the live care engine (see <see cref="AddEngine()"/>) and adjusts its settings (journeys, hosting, dispatch).</summary>
    public CrmKitBuilder AddEngine(Action<EngineSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CrmKitOptions>(o =>
        {
            o.Engine.Registered = true;
            configure(o.Engine);
        });
        Services.TryAddSingleton(TimeProvider.System);
        Services.TryAddSingleton<IEngineStore, InMemoryEngineStore>();
        Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CrmKitOptions>>().Value;
            var catalog = sp.GetService<SegmentCatalog>() ?? options.Segmentation.LoadCatalog();
            var logger = sp.GetService<ILogger<CareEngine>>();
            var engine = new CareEngineOptions
            {
                Catalog = catalog,
                Journeys = Log.Journeys(logger, options.Engine),
                Processes = Log.WithFolderProcesses(logger, options.Care, BuiltInJourneys.Processes),
                Policy = options.Care.Policy,
                Zone = options.Zone,
                Clock = sp.GetRequiredService<IClock>(),
            };
            return new CareEngine(engine, sp.GetRequiredService<IEngineStore>());
        });
        Services.TryAddSingleton(sp => new CareDispatcher(
            sp.GetRequiredService<CareEngine>(),
            sp.GetServices<ICareChannel>(),
            sp.GetRequiredService<IOptions<CrmKitOptions>>().Value.Engine.Dispatch,
            sp.GetRequiredService<IClock>(),
            sp.GetService<ILogger<CareDispatcher>>(),
            sp.GetRequiredService<TimeProvider>()));
        Services.TryAddSingleton(sp => new CareEngineHostedService(
            sp.GetRequiredService<CareEngine>(),
            sp.GetRequiredService<CareDispatcher>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IOptions<CrmKitOptions>>().Value.Engine.Hosting,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<CareEngineHostedService>>()));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CareEngineHostedService>(sp => sp.GetRequiredService<CareEngineHostedService>()));
        return this;
    }

    /// <summary>
    /// Registers a channel the dispatcher sends through, created by the container (one per <see cref="ContactChannel"/>;
    /// registering the same type twice is harmless, two types for one channel fail when the dispatcher is created).
    /// </summary>
    public CrmKitBuilder AddCareChannel<TChannel>()
        where TChannel : class, ICareChannel
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICareChannel, TChannel>());
        return this;
    }

    /// <summary>Registers a channel instance the dispatcher sends through (registering the same instance twice is harmless).</summary>
    public CrmKitBuilder AddCareChannel(ICareChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!Services.Any(d => d.ServiceType == typeof(ICareChannel) && ReferenceEquals(d.ImplementationInstance, channel)))
        {
            Services.AddSingleton(channel);
        }

        return this;
    }

    /// <summary>
    /// Registers a <see cref="LoggingCareChannel"/> for each of <paramref name="channels"/>: messages are logged (customer
    /// masked) and counted as sent, nothing reaches a customer. For development hosts and dry runs.
    /// </summary>
    public CrmKitBuilder AddLoggingChannels(params ContactChannel[] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        foreach (var channel in channels.Distinct())
        {
            var marker = new LoggingChannelRegistration(channel);
            if (Services.Any(d => d.ServiceType == typeof(LoggingChannelRegistration) && Equals(d.ImplementationInstance, marker)))
            {
                continue;   // registered before: calling twice is harmless
            }

            Services.AddSingleton(marker);
            Services.AddSingleton<ICareChannel>(sp => new LoggingCareChannel(
                channel,
                sp.GetService<ILoggerFactory>()?.CreateLogger<LoggingCareChannel>() ?? NullLogger<LoggingCareChannel>.Instance));
        }

        return this;
    }
}

/// <summary>Marks a logging channel registered by <see cref="CrmKitBuilder.AddLoggingChannels"/>, so a second call adds none.</summary>
internal sealed record LoggingChannelRegistration(ContactChannel Channel);

/// <summary>
/// Lets validation see how the host registered its clock: a clock registered only under its concrete type
/// (<c>services.AddSingleton(clock)</c> with a <c>FakeClock</c> variable) leaves CrmKit on the system clock.
/// </summary>
internal sealed class ClockRegistration(IServiceCollection services)
{
    /// <summary>
    /// The concrete clock type registered when no <see cref="IClock"/> is registered but CrmKit's default, else
    /// <see langword="null"/>.
    /// </summary>
    public Type? StrayClock()
    {
        var clock = services.LastOrDefault(d => d.ServiceType == typeof(IClock) && !d.IsKeyedService);
        if (clock is null || clock.ImplementationInstance is not SystemClock)
        {
            return null;   // the host's own IClock (registered before or after AddCrmKit) wins
        }

        return services.FirstOrDefault(d => !d.IsKeyedService && d.ServiceType != typeof(IClock) && d.ServiceType != typeof(SystemClock) && typeof(IClock).IsAssignableFrom(d.ServiceType))?.ServiceType;
    }
}
