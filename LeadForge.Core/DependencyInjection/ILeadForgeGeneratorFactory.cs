namespace LeadForge.DependencyInjection;

/// <summary>Creates generator builders pre-configured from <see cref="LeadForgeOptions"/>.</summary>
/// <remarks>Registered by <c>AddLeadForge</c>. Each builder generates once; call <see cref="Create"/> per run.</remarks>
public interface ILeadForgeGeneratorFactory
{
    /// <summary>Creates a new builder with the configured recipe, seed, exposure, difficulty, population, overrides, parallelism and logger.</summary>
    /// <returns>A fresh builder; further <c>With…</c> calls take precedence over the options.</returns>
    GeneratorBuilder Create();
}
