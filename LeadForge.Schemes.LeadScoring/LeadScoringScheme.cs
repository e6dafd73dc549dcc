using LeadForge.Configuration;

[assembly: LeadForge.Schemes.GenerationScheme(typeof(LeadForge.Schemes.LeadScoring.LeadScoringScheme))]

namespace LeadForge.Schemes.LeadScoring;

/// <summary>
/// The lead-scoring scheme: a B2B SaaS funnel simulated day by day from an executable hidden causal
/// world, rendered as CRM tables and the <c>converted_within_90_days</c> task. Entities: accounts,
/// contacts and leads (the driver). This is the scheme's public front; its stages run in a typed
/// internal pipeline.
/// </summary>
public sealed class LeadScoringScheme : IGenerationScheme
{
    /// <summary>The scheme name used by recipes.</summary>
    public const string SchemeName = "lead_scoring";

    private readonly LeadScoringPipeline _pipeline;

    /// <summary>Creates the scheme.</summary>
    public LeadScoringScheme()
        : this(graphTransform: null)
    {
    }

    /// <summary>Test seam: a scheme that edits the sampled world graph (same nodes, e.g. one edge zeroed) before the world is built, for ablation studies.</summary>
    internal LeadScoringScheme(Func<LeadForge.WorldModel.WorldGraph, LeadForge.WorldModel.WorldGraph>? graphTransform) => _pipeline = new LeadScoringPipeline(graphTransform);

    /// <inheritdoc />
    public string Name => SchemeName;

    /// <inheritdoc />
    public Type SettingsType => _pipeline.SettingsType;

    /// <inheritdoc />
    public IReadOnlyList<EntityDefinition> Entities => LeadScoringEntities.All;

    /// <inheritdoc />
    public IReadOnlyList<TaskDefinition> Tasks => LeadScoringTasks.All;

    /// <summary>The typed pipeline (benchmark and test seams run its stages one at a time).</summary>
    internal LeadScoringPipeline Pipeline => _pipeline;

    /// <inheritdoc />
    public void ValidateConfig(GenerationConfig config, SettingsValidationScope scope) => _pipeline.ValidateConfig(config, scope);

    /// <inheritdoc />
    public WorldBundle Generate(GenerationContext context) => _pipeline.Generate(context);
}
