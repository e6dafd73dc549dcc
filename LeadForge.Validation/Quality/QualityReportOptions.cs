namespace LeadForge.Validation;

/// <summary>
/// What a <see cref="QualityReport"/> runs: which recipe, difficulty tiers, seeds and population,
/// against which bands. The defaults are the lead-scoring acceptance run: recipe
/// <c>b2b_saas_procurement_v1</c>, all three tiers, seeds 42–46, 20,000 leads.
/// </summary>
public sealed class QualityReportOptions
{
    /// <summary>The recipe id (or recipe file path) to generate from.</summary>
    /// <value>Default <c>b2b_saas_procurement_v1</c>.</value>
    public string RecipeId { get; init; } = "b2b_saas_procurement_v1";

    /// <summary>The difficulty tiers to run, reported in this order.</summary>
    /// <value>Default intro, intermediate, advanced.</value>
    public IReadOnlyList<Difficulty> Tiers { get; init; } = [Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced];

    /// <summary>The generation seeds to run for every tier.</summary>
    /// <value>Default 42, 43, 44, 45, 46.</value>
    public IReadOnlyList<long> Seeds { get; init; } = [42, 43, 44, 45, 46];

    /// <summary>
    /// Entity counts per generated bundle (entity → count, the entities of the recipe's scheme). Counts
    /// not given follow the scheme's driver entity in the recipe's proportions, as in
    /// <see cref="GeneratorBuilder.WithPopulation"/>.
    /// </summary>
    /// <value>Default 20,000 leads (the lead-scoring acceptance run).</value>
    public IReadOnlyDictionary<string, int> Population { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal) { ["leads"] = 20_000 };

    /// <summary>An override file (YAML or JSON) applied to every generation, e.g. to try recipe values.</summary>
    /// <value>Default <see langword="null"/> (none).</value>
    public string? OverridesPath { get; init; }

    /// <summary>The bands every tier is checked against.</summary>
    /// <value>Default <see cref="QualityBands.Default"/> (issue 5 / SPEC §5.6).</value>
    public QualityBands Bands { get; init; } = QualityBands.Default;

    /// <summary>The seed of baseline model training, decoupled from the data seeds.</summary>
    /// <value>Default 0.</value>
    public int ModelSeed { get; init; }

    /// <summary>Single-column ROC-AUC above which a non-trap task column or relational aggregate counts as a leak.</summary>
    /// <value>Default 0.80 (the validator's threshold).</value>
    public double LeakageAucThreshold { get; init; } = 0.80;

    /// <summary>Whether to also generate each research_instructor bundle to read its oracle AUC and motif family.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludeOracle { get; init; } = true;

    /// <summary>Whether to retrain the baselines on a temporal split (earliest rows train, latest rows test) to measure cohort-shift degradation.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludeCohortShift { get; init; } = true;

    /// <summary>Whether to run the single-column and relational leakage probes.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludeLeakageProbes { get; init; } = true;

    /// <summary>Threads used by each generation; <see langword="null"/> for the generator's default (the processor count).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An empty or duplicated tier or seed list, a non-positive population, a threshold outside (0.5, 1], or a missing recipe id.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RecipeId))
        {
            throw new ArgumentException("A recipe id is required.", nameof(RecipeId));
        }

        if (Tiers is null || Tiers.Count == 0 || Tiers.Distinct().Count() != Tiers.Count)
        {
            throw new ArgumentException("Tiers must name at least one difficulty tier, each once.", nameof(Tiers));
        }

        if (Seeds is null || Seeds.Count == 0 || Seeds.Distinct().Count() != Seeds.Count)
        {
            throw new ArgumentException("Seeds must hold at least one seed, each once.", nameof(Seeds));
        }

        if (Population is null || Population.Count == 0 || Population.Any(p => p.Value <= 0))
        {
            var given = Population is null ? "none" : string.Join(", ", Population.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
            throw new ArgumentException($"The population must give at least one count and every count must be positive (got {(given.Length == 0 ? "none" : given)}).", nameof(Population));
        }

        if (LeakageAucThreshold is <= 0.5 or > 1 || double.IsNaN(LeakageAucThreshold))
        {
            throw new ArgumentException($"The leakage threshold {LeakageAucThreshold} must be in (0.5, 1].", nameof(LeakageAucThreshold));
        }

        if (DegreeOfParallelism is < 1)
        {
            throw new ArgumentException($"The degree of parallelism {DegreeOfParallelism} must be at least 1.", nameof(DegreeOfParallelism));
        }

        ArgumentNullException.ThrowIfNull(Bands, nameof(Bands));
    }
}
