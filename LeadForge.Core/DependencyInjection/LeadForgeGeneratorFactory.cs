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
        var o = _options.Value;
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

        if (_loggerFactory is not null)
        {
            builder.WithLogger(_loggerFactory.CreateLogger("LeadForge.Generator"));
        }

        return builder;
    }
}

/// <summary>Checks what DataAnnotations cannot: that the recipe id names a known recipe (or an existing file).</summary>
internal sealed class LeadForgeOptionsValidator : IValidateOptions<LeadForgeOptions>
{
    public ValidateOptionsResult Validate(string? name, LeadForgeOptions options)
    {
        var failures = new List<string>();
        var id = options.RecipeId;
        if (!string.IsNullOrEmpty(id))
        {
            var isPath = id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal) || id.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || id.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || id.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (isPath ? !File.Exists(id) : !Configuration.RecipeCatalog.Contains(id))
            {
                var known = Configuration.RecipeCatalog.Ids;
                failures.Add($"LeadForgeOptions.RecipeId: '{id}' is neither a known recipe nor an existing recipe file. Known recipes: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.");
            }
            else if (!isPath)
            {
                var scheme = Configuration.RecipeCatalog.GetScheme(Configuration.RecipeCatalog.Get(id).Scheme);
                var entities = scheme.Entities.Select(e => e.Name).ToArray();
                foreach (var entity in options.Population.Keys.Where(k => !entities.Contains(k, StringComparer.Ordinal)))
                {
                    failures.Add($"LeadForgeOptions.Population:{entity}: '{entity}' is not an entity of scheme '{scheme.Name}' (its entities: {string.Join(", ", entities)}).");
                }
            }
        }

        foreach (var (entity, count) in options.Population.Where(p => p.Value < 1))
        {
            failures.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LeadForgeOptions.Population:{entity}: {count} must be a positive count."));
        }

        if (options.OverridesPath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"LeadForgeOptions.OverridesPath: file '{path}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
