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

    /// <summary>Leads per generated bundle.</summary>
    /// <value>Default 20,000.</value>
    public int Leads { get; init; } = 20_000;

    /// <summary>Accounts per bundle; <see langword="null"/> scales the recipe's default accounts by <see cref="Leads"/> over its default leads.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Accounts { get; init; }

    /// <summary>Contacts per bundle; <see langword="null"/> scales the recipe's default contacts by <see cref="Leads"/> over its default leads.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? Contacts { get; init; }

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

        if (Leads <= 0 || Accounts is <= 0 || Contacts is <= 0)
        {
            throw new ArgumentException($"Population sizes must be positive (leads {Leads}, accounts {Accounts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "scaled"}, contacts {Contacts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "scaled"}).", nameof(Leads));
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
