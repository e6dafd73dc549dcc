using LeadForge.Configuration;
using LeadForge.Schemes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge;

/// <summary>Entry point of the fluent generation API.</summary>
/// <example>
/// <code>
/// WorldBundle bundle = Generator
///     .FromRecipe("b2b_saas_procurement_v1")
///     .WithSeed(42)
///     .WithExposure(ExposureMode.StudentPublic)
///     .WithDifficulty(Difficulty.Intermediate)
///     .WithCount("leads", 5_000)
///     .Generate();
/// </code>
/// </example>
public static class Generator
{
    /// <summary>Starts from a recipe id (from <see cref="RecipeCatalog"/>) or a recipe file path (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>).</summary>
    /// <param name="recipeIdOrPath">A recipe id or a file path.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="RecipeException">Unknown id (the message lists known ids), missing file, or malformed YAML.</exception>
    public static GeneratorBuilder FromRecipe(string recipeIdOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipeIdOrPath);
        if (LooksLikePath(recipeIdOrPath))
        {
            var (tree, location) = RecipeCatalog.ReadFile(recipeIdOrPath);
            RecipeCatalog.Bind(tree, location);
            return new GeneratorBuilder(tree, location);
        }

        var source = RecipeCatalog.GetSource(recipeIdOrPath);
        return new GeneratorBuilder(source.Tree, source.Location);
    }

    /// <summary>Starts from a recipe object.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <returns>A builder.</returns>
    public static GeneratorBuilder FromRecipe(Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return new GeneratorBuilder(RecipeCatalog.ToTree(recipe), "recipe:" + recipe.Id);
    }

    private static bool LooksLikePath(string value) =>
        value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
        value.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal);
}

/// <summary>
/// Collects generation settings, resolves them (builder calls &gt; override file &gt; recipe &gt;
/// package defaults), validates them all at once, and generates one immutable bundle.
/// </summary>
/// <remarks>A builder generates once; a second <see cref="Generate"/> call throws.</remarks>
public sealed class GeneratorBuilder
{
    private readonly ConfigMapping _recipeTree;
    private readonly string _recipeLocation;
    private readonly ConfigMapping _explicit = new(new SourceMark("builder", 0, 0));
    private ConfigMapping? _overrides;
    private int _degreeOfParallelism = Environment.ProcessorCount;
    private ShardSpec? _shard;
    private ILogger _logger = NullLogger.Instance;
    private int _generated;

    internal GeneratorBuilder(ConfigMapping recipeTree, string recipeLocation)
    {
        _recipeTree = recipeTree;
        _recipeLocation = recipeLocation;
    }

    /// <summary>Sets the root seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithSeed(long seed) => Set("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Number);

    /// <summary>Sets the exposure mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithExposure(ExposureMode mode) => Set("exposure_mode", mode.ToWire(), ScalarKind.String);

    /// <summary>Sets the difficulty tier.</summary>
    /// <param name="difficulty">The tier.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithDifficulty(Difficulty difficulty) => Set("difficulty", difficulty.ToWire(), ScalarKind.String);

    /// <summary>
    /// Sets the count of one entity of the scheme's population (e.g. <c>leads</c>). When only the
    /// scheme's driver entity is set (here or in an override), the counts not set anywhere follow it in
    /// the recipe's default proportions, so a larger world has proportionally more of everything.
    /// Scheme packages add typed shortcuts such as <c>WithLeads(n)</c>.
    /// </summary>
    /// <param name="entity">The entity name, as the scheme declares it (<see cref="IGenerationScheme.Entities"/>).</param>
    /// <param name="count">The count; checked with the rest of the configuration (positive, within the large-population guard).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is empty.</exception>
    public GeneratorBuilder WithCount(string entity, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        var mark = new SourceMark("builder", 0, 0);
        var population = _explicit.TryGet("population", out var existing) ? (ConfigMapping)existing.Value : new ConfigMapping(mark);
        population.Set(entity, new ConfigScalar(mark, count.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Number), mark);
        _explicit.Set("population", population, mark);
        return this;
    }

    /// <summary>Sets the counts of several entities at once (see <see cref="WithCount(string, int)"/>).</summary>
    /// <param name="counts">Entity name → count.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithPopulation(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (entity, count) in counts)
        {
            WithCount(entity, count);
        }

        return this;
    }

    /// <summary>Allows populations above <see cref="GenerationConfig.LargePopulationThreshold"/>.</summary>
    /// <returns>This builder.</returns>
    public GeneratorBuilder AllowLargePopulation() => Set("allow_large_population", "true", ScalarKind.Boolean);

    /// <summary>Applies an override file (YAML or JSON): any run key or recipe key, nested like the recipe.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithOverrides(string path)
    {
        var (tree, _) = RecipeCatalog.ReadFile(path);
        _overrides = _overrides is null ? tree : (ConfigMapping)ConfigNode.Merge(_overrides, tree);
        return this;
    }

    /// <summary>Applies overrides given as YAML or JSON text.</summary>
    /// <param name="yamlOrJson">The override document.</param>
    /// <param name="location">A name for the text in error messages.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithOverrideText(string yamlOrJson, string location = "<overrides>")
    {
        var tree = YamlConfigReader.ReadMapping(yamlOrJson, location);
        _overrides = _overrides is null ? tree : (ConfigMapping)ConfigNode.Merge(_overrides, tree);
        return this;
    }

    /// <summary>Sets the maximum number of threads. Output is identical for every value.</summary>
    /// <param name="degreeOfParallelism">At least 1.</param>
    /// <value>The processor count by default.</value>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithDegreeOfParallelism(int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        _degreeOfParallelism = degreeOfParallelism;
        return this;
    }

    /// <summary>Generates only shard <paramref name="index"/> of <paramref name="count"/> (by account).</summary>
    /// <param name="index">The 0-based shard index.</param>
    /// <param name="count">The number of shards.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        _shard = count == 1 ? null : new ShardSpec(index, count);
        return this;
    }

    /// <summary>Sets the logger for stage events.</summary>
    /// <param name="logger">The logger.</param>
    /// <returns>This builder.</returns>
    public GeneratorBuilder WithLogger(ILogger logger)
    {
        _logger = logger ?? NullLogger.Instance;
        return this;
    }

    /// <summary>Resolves and validates the configuration without generating.</summary>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigValidationException">Every problem found, each with its key path.</exception>
    public GenerationConfig ResolveConfig() => Resolve().Config;

    /// <summary>Generates the bundle.</summary>
    /// <param name="progress">Receives stage progress.</param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The bundle.</returns>
    public WorldBundle Generate(IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _generated, 1) != 0)
        {
            throw new InvalidOperationException("This builder has already generated a bundle; start a new one with Generator.FromRecipe(...).");
        }

        var (config, scheme) = Resolve();
        cancellationToken.ThrowIfCancellationRequested();
        var context = new GenerationContext(config, _degreeOfParallelism, _shard, progress, _logger, cancellationToken);
        return scheme.Generate(context);
    }

    /// <summary>Generates the bundle on the thread pool.</summary>
    /// <param name="progress">Receives stage progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The bundle.</returns>
    public Task<WorldBundle> GenerateAsync(IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Generate(progress, cancellationToken), cancellationToken);

    private GeneratorBuilder Set(string key, string value, ScalarKind kind)
    {
        var mark = new SourceMark("builder", 0, 0);
        _explicit.Set(key, new ConfigScalar(mark, value, kind), mark);
        return this;
    }

    private (GenerationConfig Config, IGenerationScheme Scheme) Resolve()
    {
        var scheme = RecipeCatalog.SchemeOf(_recipeTree, _recipeLocation);
        var binder = new ConfigBinder(t => t == typeof(WorldSettings) ? scheme.SettingsType : throw new InvalidOperationException(t.Name));

        // Recipe defaults, with the recipe's default population as the run population.
        ConfigNode tree = _recipeTree;
        if (_recipeTree.TryGet("default_population", out var defaults))
        {
            var withPopulation = (ConfigMapping)ConfigNode.Merge(_recipeTree, new ConfigMapping(_recipeTree.Mark));
            withPopulation.Set("population", defaults.Value, defaults.KeyMark);
            tree = withPopulation;
        }

        if (_overrides is not null)
        {
            foreach (var fixedKey in new[] { "id", "scheme" })
            {
                if (_overrides.TryGet(fixedKey, out var entry) && entry.Value is ConfigScalar s && _recipeTree.TryGet(fixedKey, out var original) && original.Value is ConfigScalar o && s.Value != o.Value)
                {
                    binder.AddProblem(fixedKey, $"cannot be overridden (the recipe's {fixedKey} is '{o.Value}', the override says '{s.Value}')", entry.KeyMark);
                }
            }

            tree = ConfigNode.Merge(tree, _overrides);
        }

        tree = ConfigNode.Merge(tree, _explicit);
        if (ScaledPopulation(PopulationRules.DriverOf(scheme).Name) is { } scaled)
        {
            tree = ConfigNode.Merge(tree, scaled);
        }

        // Binding problems and population problems are reported together; the settings' own rules run
        // once everything is bound, and the scheme's once the population is whole.
        var config = binder.Bind<GenerationConfig>((ConfigMapping)tree);
        var bindingProblems = binder.Problems.Count;
        var populationBound = !binder.Problems.Any(p => p.KeyPath == "population" || p.KeyPath.StartsWith("population.", StringComparison.Ordinal));
        PopulationRules.Validate(config, scheme, binder.CreateRootScope(), checkMissing: populationBound);
        if (bindingProblems > 0)
        {
            binder.ThrowIfProblems();
        }

        binder.Validate(config);
        binder.ThrowIfProblems();
        scheme.ValidateConfig(config, binder.CreateRootScope());
        binder.ThrowIfProblems();
        return (config, scheme);
    }

    /// <summary>
    /// When the builder or an override sets the count of the scheme's driver entity but leaves other
    /// population counts unset, those counts follow the driver in the recipe's default proportions
    /// (5,000 leads : 1,500 accounts : 4,200 contacts in the lead-scoring recipe), at least one each, so
    /// a larger world has more accounts rather than more leads per account. Counts set anywhere above
    /// the recipe are kept.
    /// </summary>
    private ConfigMapping? ScaledPopulation(string driver)
    {
        static ConfigMapping? PopulationOf(ConfigMapping? layer) =>
            layer is not null && layer.TryGet("population", out var entry) ? entry.Value as ConfigMapping : null;

        static double? Count(ConfigMapping? population, string key) =>
            population is not null && population.TryGet(key, out var entry) && entry.Value is ConfigScalar { IsNull: false } scalar
                && double.TryParse(scalar.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : null;

        var given = new[] { PopulationOf(_overrides), PopulationOf(_explicit) };
        var driven = Count(given[1], driver) ?? Count(given[0], driver);
        var defaults = _recipeTree.TryGet("default_population", out var entry) ? entry.Value as ConfigMapping : null;
        var recipeDriven = Count(defaults, driver);
        if (defaults is null || driven is not > 0 || recipeDriven is not > 0)
        {
            return null;
        }

        var ratio = driven.Value / recipeDriven.Value;
        var mark = new SourceMark("scaled with population." + driver, 0, 0);
        var population = new ConfigMapping(mark);
        foreach (var (key, _) in defaults.Entries)
        {
            if (key == driver || given.Any(g => g is not null && g.TryGet(key, out _)) || Count(defaults, key) is not { } recipeValue)
            {
                continue;
            }

            var value = (long)Math.Clamp(Math.Round(recipeValue * ratio), 1, int.MaxValue);
            population.Set(key, new ConfigScalar(mark, value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Number), mark);
        }

        if (population.Count == 0)
        {
            return null;
        }

        var layer = new ConfigMapping(mark);
        layer.Set("population", population, mark);
        return layer;
    }
}
