using System.Globalization;
using LeadForge.Schemes;

namespace LeadForge.Configuration;

/// <summary>
/// The rules a run's population follows against its scheme's entity declarations: one positive count
/// for every declared entity and for nothing else, each at least the entity's
/// <see cref="EntityDefinition.MinimumCount"/> and at most
/// <see cref="GenerationConfig.LargePopulationThreshold"/> unless large populations are allowed.
/// </summary>
internal static class PopulationRules
{
    private static readonly string Key = ConfigKey.Of<GenerationConfig>(nameof(GenerationConfig.Population));

    /// <summary>The scheme's driver entity (the one the other counts follow).</summary>
    public static EntityDefinition DriverOf(IGenerationScheme scheme)
    {
        var drivers = scheme.Entities.Where(e => e.IsDriver).ToArray();
        return drivers.Length == 1
            ? drivers[0]
            : throw new InvalidOperationException($"Scheme '{scheme.Name}' must declare exactly one driver entity (it declares {drivers.Length}).");
    }

    /// <summary>Reports every population problem; <paramref name="checkMissing"/> is off when binding already failed there.</summary>
    public static void Validate(GenerationConfig config, IGenerationScheme scheme, SettingsValidationScope root, bool checkMissing)
    {
        var scope = root.Child(Key);
        var declared = scheme.Entities.Select(e => e.Name).ToArray();
        var known = string.Join(", ", declared);
        foreach (var (entity, count) in config.Population)
        {
            if (!declared.Contains(entity, StringComparer.Ordinal))
            {
                scope.Fail(entity, $"unknown key '{entity}': not an entity of scheme '{scheme.Name}' (its entities: {known})");
                continue;
            }

            scope.Require(count > 0, entity, $"{count} must be a positive count");
            var definition = scheme.Entities.First(e => e.Name == entity);
            scope.Require(
                count <= 0 || count >= definition.MinimumCount,
                entity,
                string.Create(CultureInfo.InvariantCulture, $"{count:N0} is below {definition.MinimumCount:N0}, ")
                    + $"the smallest {entity} count scheme '{scheme.Name}' renders into a bundle that passes its own validation"
                    + (definition.MinimumReason.Length == 0 ? string.Empty : " (" + definition.MinimumReason + ")"));
            if (!config.AllowLargePopulation)
            {
                scope.Require(
                    count <= GenerationConfig.LargePopulationThreshold,
                    entity,
                    string.Create(CultureInfo.InvariantCulture, $"{count:N0} is above the {GenerationConfig.LargePopulationThreshold:N0} guard; ")
                        + "set allow_large_population: true (or AllowLargePopulation() on the builder) for huge runs");
            }
        }

        foreach (var entity in declared.Where(e => checkMissing && !config.Population.ContainsKey(e)))
        {
            scope.Fail(entity, $"is missing: scheme '{scheme.Name}' needs a count for each of {known} (set it in the recipe's default_population or as population.{entity})");
        }
    }
}
