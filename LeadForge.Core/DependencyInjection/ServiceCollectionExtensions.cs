using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadForge.DependencyInjection;

/// <summary>Registers LeadForge with a <see cref="IServiceCollection"/>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILeadForgeGeneratorFactory"/> and <see cref="LeadForgeOptions"/>, validated
    /// (DataAnnotations and a known recipe id) when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<LeadForgeOptions> AddLeadForge(this IServiceCollection services, Action<LeadForgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<LeadForgeOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeadForgeOptions>, LeadForgeOptionsValidator>());
        services.TryAddSingleton<ILeadForgeGeneratorFactory>(sp =>
            new LeadForgeGeneratorFactory(sp.GetRequiredService<IOptions<LeadForgeOptions>>(), sp.GetService<ILoggerFactory>()));
        return builder;
    }

    /// <summary>Registers LeadForge with options bound from a configuration section (e.g. <c>configuration.GetSection("LeadForge")</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="LeadForgeOptions"/> keys (<c>RecipeId</c>, <c>Seed</c>, …).</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<LeadForgeOptions> AddLeadForge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddLeadForge().Bind(configuration);
    }
}
