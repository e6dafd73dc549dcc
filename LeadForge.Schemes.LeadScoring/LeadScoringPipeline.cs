using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadForge.Configuration;
using LeadForge.Evaluation;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Rendering;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring;

/// <summary>
/// The lead-scoring pipeline behind <see cref="LeadScoringScheme"/>: every stage typed (the plan, the
/// hidden world with its shard mask, the simulated histories), so no stage casts what the previous one
/// produced.
/// </summary>
internal sealed class LeadScoringPipeline : GenerationScheme<LeadScoringSettings, PopulationPlan, LeadScoringPipeline.WorldState, LeadHistory?[]>
{
    private readonly Func<LeadForge.WorldModel.WorldGraph, LeadForge.WorldModel.WorldGraph>? _graphTransform;

    /// <summary>Creates the pipeline; <paramref name="graphTransform"/> (tests only) edits the sampled world graph before the world is built.</summary>
    public LeadScoringPipeline(Func<LeadForge.WorldModel.WorldGraph, LeadForge.WorldModel.WorldGraph>? graphTransform = null) => _graphTransform = graphTransform;

    /// <inheritdoc />
    public override string Name => LeadScoringScheme.SchemeName;

    /// <inheritdoc />
    public override IReadOnlyList<EntityDefinition> Entities => LeadScoringEntities.All;

    /// <inheritdoc />
    public override IReadOnlyList<TaskDefinition> Tasks => LeadScoringTasks.All;

    private static string FunnelKey(string property) => ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.Funnel), property);

    /// <inheritdoc />
    public override void ValidateConfig(GenerationConfig config, SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(scope);
        var settings = (LeadScoringSettings)config.Recipe.World;
        scope.Require(settings.Funnel.AdvanceLogit.Count == FunnelModel.OpenStages, FunnelKey(nameof(FunnelSettings.AdvanceLogit)), $"must have {FunnelModel.OpenStages} entries (mql … negotiation)");
        scope.Require(settings.Funnel.LossLogit.Count == FunnelModel.OpenStages, FunnelKey(nameof(FunnelSettings.LossLogit)), $"must have {FunnelModel.OpenStages} entries (mql … negotiation)");
        scope.Require(
            settings.Funnel.AdvanceMax.Count is 0 or FunnelModel.OpenStages,
            FunnelKey(nameof(FunnelSettings.AdvanceMax)),
            $"must be empty or have {FunnelModel.OpenStages} entries (mql … negotiation)");
        scope.Require(settings.Funnel.AdvanceMax.All(v => v is > 0 and <= 1), FunnelKey(nameof(FunnelSettings.AdvanceMax)), "every entry must be in (0, 1]");
        scope.Require(
            settings.Funnel.SignalWeight.Count is 0 or FunnelModel.OpenStages,
            FunnelKey(nameof(FunnelSettings.SignalWeight)),
            $"must be empty or have {FunnelModel.OpenStages} entries (mql … negotiation)");
        var task = settings.Tasks.ConvertedWithin90Days;
        var taskKey = ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.Tasks), nameof(LeadScoringTaskSettings.ConvertedWithin90Days));
        scope.Require(task.SnapshotDay >= 1, taskKey + "." + ConfigKey.Of<SnapshotTaskSettings>(nameof(SnapshotTaskSettings.SnapshotDay)), "must be at least 1 for the snapshot task");
        task.RequireWithinHorizon(config.Recipe, taskKey, scope);
        foreach (var (name, family) in settings.MotifFamilies)
        {
            try
            {
                GraphSampler.Canonical(name, family);
            }
            catch (LeadForge.WorldModel.GraphValidationException ex)
            {
                scope.Fail(ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.MotifFamilies)) + "." + name, ex.Message);
            }
        }
    }

    /// <inheritdoc />
    protected override PopulationPlan Plan(GenerationContext context, LeadScoringSettings settings) =>
        PopulationPlan.Create(settings, context.Config, context.Random, context.ParallelFor, context.Shard);

    /// <inheritdoc />
    protected override WorldState BuildWorld(GenerationContext context, LeadScoringSettings settings, PopulationPlan plan)
    {
        var mask = plan.InShard;
        return new WorldState(HiddenWorld.Build(settings, context.Config, plan, context.Random, mask, context.ParallelFor, _graphTransform), mask);
    }

    /// <inheritdoc />
    protected override LeadHistory?[] Simulate(GenerationContext context, LeadScoringSettings settings, PopulationPlan plan, WorldState world) =>
        FunnelSimulator.Run(settings, context.Config, plan, world.World, context.Random, world.InShard, context.ParallelFor);

    /// <inheritdoc />
    protected override WorldBundle Render(GenerationContext context, LeadScoringSettings settings, PopulationPlan plan, WorldState world, LeadHistory?[] simulation) =>
        Render(context, settings, plan, world, simulation, consumeHistories: true);

    /// <summary>The render stage; <paramref name="consumeHistories"/> lets the simulated events go as the tables are filled.</summary>
    private WorldBundle Render(GenerationContext context, LeadScoringSettings settings, PopulationPlan plan, WorldState world, LeadHistory?[] simulation, bool consumeHistories)
    {
        var p = plan;
        var w = world.World;
        var history = simulation;
        var config = context.Config;
        var instructor = config.ExposureMode == ExposureMode.ResearchInstructor;
        var range = SplitBlocks.ShardAccounts(p.BlockBounds, context.Shard);
        var tables = new TableRenderer(settings, config, p, w, history, range, context.ParallelFor);

        // Memory: the task is rendered first, while the histories are complete; the relational tables
        // then let each lead's history go as soon as its rows are filled, so the simulated events are
        // freed while the table columns grow. The render stage consumes the simulation.
        tables.ComputeLabels();
        var tasks = new TaskRenderer(settings, config, p, w, history, tables, context.ParallelFor);
        var (train, valid, test) = tasks.Render();
        context.ReportProgress(0.4, "task");
        var relational = tables.Render(snapshotSafe: !instructor, consumeHistories);
        context.ReportProgress(0.8, "tables");
        var manifest = LeadScoringTasks.ConvertedWithin90DaysManifest(settings.Tasks.ConvertedWithin90Days);
        var task = new TaskDataset(manifest, train, valid, test);
        var features = FeatureDictionary([train, valid, test]);
        var truth = instructor ? Truth(context, settings, w, tables) : null;
        var descriptor = new BundleDescriptor(Name, config.Recipe.Id, config.Seed, config.ExposureMode, config.Difficulty, config.Population, config.ComputeHash(), LeadForgeInfo.PackageVersion, context.Shard);
        var card = DatasetCard.Write(settings, config, relational, task, features, truth);
        return new WorldBundle(descriptor, config, relational, [task], card, features, truth);
    }

    /// <summary>Benchmark seam: the plan stage alone, as <see cref="GenerationScheme{TSettings, TPlan, TWorld, TSimulation}.Generate"/> runs it.</summary>
    internal PopulationPlan RunPlan(GenerationContext context) => Plan(context, SettingsOf(context));

    /// <summary>Benchmark seam: the world stage alone (shard mask, hidden world, calibration).</summary>
    internal WorldState RunBuildWorld(GenerationContext context, PopulationPlan plan) => BuildWorld(context, SettingsOf(context), plan);

    /// <summary>Benchmark seam: the simulation stage alone.</summary>
    internal LeadHistory?[] RunSimulate(GenerationContext context, PopulationPlan plan, WorldState world) => Simulate(context, SettingsOf(context), plan, world);

    /// <summary>
    /// Benchmark seam: the render stage alone (relational tables, task, feature dictionary, card, truth),
    /// without consuming the histories, so the same simulation can be rendered again.
    /// </summary>
    internal WorldBundle RunRender(GenerationContext context, PopulationPlan plan, WorldState world, LeadHistory?[] simulation) =>
        Render(context, SettingsOf(context), plan, world, simulation, consumeHistories: false);

    private static LeadScoringSettings SettingsOf(GenerationContext context) => (LeadScoringSettings)context.Config.Recipe.World;

    /// <summary>The task's feature dictionary; null shares are over the snapshot, i.e. all splits together.</summary>
    private static IReadOnlyList<FeatureInfo> FeatureDictionary(IReadOnlyList<Table> splits) => TaskTable.Declaration.Dictionary(splits);

    private static HiddenTruth Truth(GenerationContext context, LeadScoringSettings settings, HiddenWorld world, TableRenderer tables)
    {
        var graph = world.Graph;
        var rendered = tables.RenderedLeads;
        var realised = tables.Labels;
        var latent = new LatentRegistryTable(tables, world).Render(rendered, context.ParallelFor);
        var oracle = new OracleScoresTable(tables, world).Render(rendered, realised, context.ParallelFor);
        var scores = new double[rendered.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = world.TrueProbability(rendered[i]);
        }

        var oracleAuc = RankMetrics.RocAuc(scores, realised) is var auc && double.IsNaN(auc) ? (double?)null : auc;
        var mechanism = MechanismSummary.Build(settings, context.Config.Difficulty, world, oracleAuc);
        var provenance = new JsonObject
        {
            ["package_version"] = LeadForgeInfo.PackageVersion,
            ["scheme"] = LeadScoringScheme.SchemeName,
            ["config_hash"] = context.Config.ComputeHash(),
            ["stages"] = new JsonArray("plan", "build_world", "simulate", "render"),
            ["rng"] = "xoshiro256** substreams keyed by (seed, name path, entity index)",
        };
        var options = new JsonSerializerOptions { WriteIndented = true };
        var worldSpec = JsonNode.Parse(context.Config.ToJson())!;
        return new HiddenTruth(
            graph,
            [latent, oracle],
            [
                new MetadataDocument("world_spec.json", worldSpec.ToJsonString(options)),
                new MetadataDocument("mechanism_summary.json", mechanism.ToJsonString(options)),
                new MetadataDocument("provenance.json", provenance.ToJsonString(options)),
            ],
            oracleAuc);
    }

    /// <summary>The hidden world and the shard mask it was built for.</summary>
    internal sealed record WorldState(HiddenWorld World, bool[] InShard);
}
