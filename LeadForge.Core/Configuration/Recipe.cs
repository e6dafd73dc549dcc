using System.ComponentModel.DataAnnotations;

namespace LeadForge.Configuration;

/// <summary>
/// A recipe: the description of one simulated commercial world. Common keys (id, title, calendar,
/// horizon, default population) live here; everything scheme-specific (narrative, difficulty profiles,
/// mechanism priors …) lives in <see cref="World"/>, whose keys sit at the same level in YAML.
/// </summary>
/// <remarks>Recipes are YAML, embedded in their scheme's assembly or loaded from a file; see <see cref="RecipeCatalog"/>.</remarks>
[ConfigMovedKey("primary_task", "the scheme declares its tasks and the first is the primary one (IGenerationScheme.Tasks)")]
[ConfigMovedKey("snapshot_day", "each task has its own, under tasks.<task id>.snapshot_day")]
[ConfigMovedKey("label_window_days", "each task has its own, under tasks.<task id>.label_window_days")]
public sealed class Recipe : IValidatableSettings
{
    /// <summary>The recipe id, e.g. <c>b2b_saas_procurement_v1</c>.</summary>
    [RegularExpression("^[a-z][a-z0-9_]*$", ErrorMessage = "must be snake_case (lower-case letters, digits, underscores)")]
    public required string Id { get; init; }

    /// <summary>A human-readable title.</summary>
    public required string Title { get; init; }

    /// <summary>The name of the scheme that generates this world, e.g. <c>lead_scoring</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>What world the recipe describes.</summary>
    /// <value>Empty by default.</value>
    public string Description { get; init; } = string.Empty;

    /// <summary>The market vertical, e.g. <c>mid_market_b2b_saas</c>.</summary>
    /// <value>Empty by default.</value>
    public string Vertical { get; init; } = string.Empty;

    /// <summary>The exposure modes this recipe supports.</summary>
    /// <value>Both modes by default.</value>
    [MinLength(1)]
    public IReadOnlyList<ExposureMode> SupportedModes { get; init; } = [ExposureMode.StudentPublic, ExposureMode.ResearchInstructor];

    /// <summary>The difficulty tiers this recipe supports.</summary>
    /// <value>All three tiers by default.</value>
    [MinLength(1)]
    public IReadOnlyList<Difficulty> SupportedDifficulties { get; init; } = [Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced];

    /// <summary>
    /// The population generated when the caller does not set one: a count for each entity the scheme
    /// declares (<see cref="Schemes.IGenerationScheme.Entities"/>). Its proportions are also the ones
    /// the other counts follow when only the scheme's driver entity is given.
    /// </summary>
    /// <value>Empty by default (a recipe must give one count per entity).</value>
    public IReadOnlyDictionary<string, int> DefaultPopulation { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, int>.Empty;

    /// <summary>The first day of the world calendar (day 0), between 1900-01-01 and 2199-12-31. Never taken from the clock.</summary>
    /// <value>2024-01-01 by default.</value>
    public DateOnly StartDate { get; init; } = new(2024, 1, 1);

    /// <summary>
    /// Days the world is simulated after each driver entity's creation (every event of an entity falls
    /// within this span). A task's own windows (snapshot day, label window) are settings of the task,
    /// in the scheme's <c>tasks</c> section, and must fit inside it.
    /// </summary>
    /// <value>90 by default.</value>
    [Range(1, 3650)]
    public int HorizonDays { get; init; } = 90;

    /// <summary>The scheme-specific settings; bound from the recipe's remaining top-level keys.</summary>
    [ConfigFlatten]
    public WorldSettings World { get; init; } = null!;

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Require(SupportedModes.Distinct().Count() == SupportedModes.Count, ConfigKey.Of<Recipe>(nameof(SupportedModes)), "lists a mode twice");
        scope.Require(SupportedDifficulties.Distinct().Count() == SupportedDifficulties.Count, ConfigKey.Of<Recipe>(nameof(SupportedDifficulties)), "lists a tier twice");

        // Schemes date entities up to 20 years before day 0 and events up to the horizon after it.
        scope.Require(
            StartDate >= new DateOnly(1900, 1, 1) && StartDate <= new DateOnly(2199, 12, 31),
            ConfigKey.Of<Recipe>(nameof(StartDate)),
            StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " is outside [1900-01-01, 2199-12-31], the dates around which a world's calendar can be laid out");
    }
}

/// <summary>The base class of a scheme's typed recipe settings.</summary>
/// <remarks>
/// A scheme declares its settings type through <see cref="Schemes.IGenerationScheme.SettingsType"/>;
/// its public init properties bind from snake_case recipe keys. Implement
/// <see cref="IValidatableSettings"/> for rules across fields.
/// </remarks>
public abstract class WorldSettings
{
}
