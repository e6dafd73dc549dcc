using LeadForge.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadForge.DependencyInjection;

/// <summary>The <see cref="ILeadForgeGeneratorFactory"/> registered by <c>AddLeadForge</c>.</summary>
internal sealed class LeadForgeGeneratorFactory : ILeadForgeGeneratorFactory
{
    private readonly IOptions<LeadForgeOptions> _options;
    private readonly ILoggerFactory? _loggerFactory;

    public LeadForgeGeneratorFactory(IOptions<LeadForgeOptions> options, ILoggerFactory? loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
    }

    public GeneratorBuilder Create()
    {
        var builder = Configure(_options.Value);
        if (_loggerFactory is not null)
        {
            builder.WithLogger(_loggerFactory.CreateLogger("LeadForge.Generator"));
        }

        return builder;
    }

    /// <summary>A builder with every option applied (shared by <see cref="Create"/> and the start-up validation).</summary>
    internal static GeneratorBuilder Configure(LeadForgeOptions o)
    {
        var builder = Generator.FromRecipe(o.RecipeId)
            .WithSeed(o.Seed)
            .WithExposure(o.ExposureMode)
            .WithDifficulty(o.Difficulty);
        if (o.OverridesPath is { Length: > 0 } path)
        {
            builder.WithOverrides(path);
        }

        if (o.Population.Count > 0)
        {
            builder.WithPopulation(o.Population);
        }

        if (o.DegreeOfParallelism is { } dop)
        {
            builder.WithDegreeOfParallelism(dop);
        }

        return builder;
    }
}

/// <summary>
/// Checks what DataAnnotations cannot: that the recipe id names a known recipe (or an existing file),
/// that the override file exists, and that the configuration the options make resolves (population
/// entities and counts included).
/// </summary>
internal sealed class LeadForgeOptionsValidator : IValidateOptions<LeadForgeOptions>
{
    public ValidateOptionsResult Validate(string? name, LeadForgeOptions options)
    {
        var failures = new List<string>();
        var id = options.RecipeId;
        if (!string.IsNullOrEmpty(id))
        {
            var isPath = id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal) || id.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || id.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || id.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (isPath ? !File.Exists(id) : !RecipeCatalog.Contains(id))
            {
                var known = RecipeCatalog.Ids;
                failures.Add($"LeadForgeOptions.RecipeId: '{id}' is neither a known recipe nor an existing recipe file. Known recipes: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.");
            }
        }

        if (options.OverridesPath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"LeadForgeOptions.OverridesPath: file '{path}' does not exist.");
        }

        // With the recipe and override file in place, resolve the whole configuration once, so the
        // population (entities of the recipe's scheme, positive counts, the guard) and every other
        // rule fail on start with the generator's own located messages.
        if (failures.Count == 0 && !string.IsNullOrEmpty(id) && options.DegreeOfParallelism is not < 1)
        {
            try
            {
                LeadForgeGeneratorFactory.Configure(options).ResolveConfig();
            }
            catch (ConfigValidationException ex)
            {
                failures.AddRange(ex.Problems.Select(p => "LeadForgeOptions: " + p));
            }
            catch (RecipeException ex)
            {
                failures.Add("LeadForgeOptions: " + ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
