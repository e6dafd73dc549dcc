
using LeadForge.Configuration;
using LeadForge.Identifiers;
using LeadForge.Schemes;
using LeadForge.Tables;
using LeadForge.WorldModel;

[assembly: GenerationScheme(typeof(LeadForge.Tests.TestSupport.TinyScheme))]

namespace LeadForge.Tests.TestSupport;

/// <summary>
/// A deliberately small scheme used to test the generation contract end to end: accounts and
/// leads with a foreign key, per-lead random draws, a task with three splits, truth in instructor mode.
/// </summary>
public sealed class TinyScheme : GenerationScheme<TinySettings, TinyPlan, TinyWorld, TinySimulation>
{
    public const string SchemeName = "tiny";

    /// <summary>Set by tests to observe/cancel mid-simulation.</summary>
    public static Action<int>? OnLeadSimulated { get; set; }

    public override string Name => SchemeName;

    public static readonly EntityDefinition Accounts = new("accounts", "acct", "A tiny account.");

    public static readonly EntityDefinition Leads = new("leads", "lead", "A tiny lead.") { IsDriver = true };

    public override IReadOnlyList<EntityDefinition> Entities => DeclaredEntities;

    /// <summary>The entities the scheme declares (tests declare stricter ones to check the population rules).</summary>
    public IReadOnlyList<EntityDefinition> DeclaredEntities { get; init; } = [Accounts, Leads];

    /// <summary>The tiny world's one task: whether a lead converts, anchored at its creation.</summary>
    public static readonly TaskDefinition Conversion = new("tiny_conversion", "binary_classification", "leads", "lead_id", AnchorPolicy.CreationOffset, "Whether a tiny lead converts.");

    public override IReadOnlyList<TaskDefinition> Tasks => DeclaredTasks;

    /// <summary>The tasks the scheme declares (tests declare others to check the contract's guard).</summary>
    public IReadOnlyList<TaskDefinition> DeclaredTasks { get; init; } = [Conversion];

    public override void ValidateConfig(GenerationConfig config, SettingsValidationScope scope)
    {
        ((TinySettings)config.Recipe.World).Tasks.TinyConversion.RequireWithinHorizon(config.Recipe, "tasks.tiny_conversion", scope);
        scope.Require(config.CountOf(Leads.Name) >= config.CountOf(Accounts.Name), "population.leads", "must be at least population.accounts");
    }

    protected override TinyPlan Plan(GenerationContext context, TinySettings settings)
    {
        var n = context.Config.CountOf(Leads.Name);
        var accounts = context.Config.CountOf(Accounts.Name);
        // Lead i belongs to account i % accounts: decided by the plan, not by processing order.
        var accountOfLead = new int[n];
        for (var i = 0; i < n; i++)
        {
            accountOfLead[i] = i % accounts;
        }

        return new TinyPlan(accounts, accountOfLead);
    }

    protected override TinyWorld BuildWorld(GenerationContext context, TinySettings settings, TinyPlan plan)
    {
        var graph = new WorldGraph(
            "tiny_family",
            [
                new GraphNode("fit", NodeKind.AccountLatent, "Fit", MechanismKind.Exogenous),
                new GraphNode("conversion", NodeKind.Outcome, "Conversion", MechanismKind.Logistic),
            ],
            [new GraphEdge("fit", "conversion", 1.0)]);
        var stream = context.Random.Derive("world/account_size");
        var sizes = new int[plan.AccountCount];
        for (var a = 0; a < sizes.Length; a++)
        {
            sizes[a] = (int)stream.Stream(a).NextLong(10, 5000);
        }

        return new TinyWorld(graph, sizes);
    }

    protected override TinySimulation Simulate(GenerationContext context, TinySettings settings, TinyPlan plan, TinyWorld world)
    {
        var n = plan.AccountOfLead.Length;
        var channel = new int[n];
        var day = new int[n];
        var score = new double?[n];
        var converted = new bool[n];
        var table = new Randomness.CategoricalTable(settings.ChannelShares);
        var leads = context.Random.Derive("simulation/leads");
        context.ParallelFor(n, i =>
        {
            var rng = leads.Stream(i);
            channel[i] = rng.Choose(table);
            day[i] = rng.NextInt(context.Config.Recipe.HorizonDays);
            var s = rng.NextGaussian();
            score[i] = rng.NextBool(settings.Noise.MissingRate) ? null : s;
            converted[i] = rng.NextBool(settings.ConversionRate);
            OnLeadSimulated?.Invoke(i);
        });
        return new TinySimulation(channel, day, score, converted);
    }

    protected override WorldBundle Render(GenerationContext context, TinySettings settings, TinyPlan plan, TinyWorld world, TinySimulation sim)
    {
        var (start, end) = context.Shard?.Range(plan.AccountCount) ?? (0, plan.AccountCount);
        var leads = new TinyLeadsTable(settings, plan);
        var leadsSchema = leads.FullSchema;
        var leadTable = leads.Render(start, end, plan, sim, context.Calendar);
        var tables = new List<Table> { new TinyAccountsTable(plan.AccountCount).Render(start, end, world) };
        var instructor = context.Config.ExposureMode == ExposureMode.ResearchInstructor;
        tables.Add(instructor ? leadTable : leadTable.SelectColumns(c => c.Name != "converted"));

        var rows = Enumerable.Range(0, leadTable.RowCount).ToArray();
        var train = leadTable.Take(rows.Where(r => r % 10 < 7).ToArray());
        var valid = leadTable.Take(rows.Where(r => r % 10 is 7 or 8).ToArray());
        var test = leadTable.Take(rows.Where(r => r % 10 == 9).ToArray());
        var manifest = new TaskManifest
        {
            TaskId = "tiny_conversion",
            TaskType = "binary_classification",
            Description = "Whether a tiny lead converts.",
            LabelColumn = "converted",
            RowIdColumn = "lead_id",
            AnchorColumn = "created_at",
            AnchorRule = "lead created_at",
            PrimaryTable = "leads",
            EntityKeyColumn = "lead_id",
            AnchorPolicy = AnchorPolicy.CreationOffset,
            LabelWindowDays = settings.Tasks.TinyConversion.LabelWindowDays,
            AnchorOffsetDays = settings.Tasks.TinyConversion.SnapshotDay,
            SplitStrategy = SplitStrategy.Random,
            Fractions = new SplitFractions(0.7, 0.2, 0.1),
            LeakagePolicy = "No leakage in the tiny world.",
        };
        var features = leadsSchema.Columns.Select(c => new FeatureInfo
        {
            Name = c.Name,
            Type = c.Type,
            Description = c.Description,
            Category = c.Name == "converted" ? "target" : "lead",
            SourceTable = "leads",
            Window = "creation",
            IsTarget = c.Name == "converted",
            Modes = [ExposureMode.StudentPublic, ExposureMode.ResearchInstructor],
        }).ToArray();
        var truth = instructor
            ? new HiddenTruth(world.Graph, [], [new MetadataDocument("world_spec.json", "{\"family\":\"tiny_family\"}")], null)
            : null;
        var descriptor = new BundleDescriptor(
            Name,
            context.Config.Recipe.Id,
            context.Config.Seed,
            context.Config.ExposureMode,
            context.Config.Difficulty,
            context.Config.Population,
            context.Config.ComputeHash(),
            LeadForgeInfo.PackageVersion,
            context.Shard);
        var tasks = new[] { new TaskDataset(manifest, train, valid, test) };
        return new WorldBundle(descriptor, context.Config, tables, tasks, "# Tiny world\n", features, truth, [SourceRecords(context, leadTable, plan.AccountOfLead.Length, settings)]);
    }

    /// <summary>
    /// The tiny world's export: its leads as a messy second source would hold them. A rendering of the
    /// same world, so it lives beside the tables under <c>exports/source_records/</c>.
    /// </summary>
    private static BundleExport SourceRecords(GenerationContext context, Table leads, int leadCount, TinySettings settings)
    {
        var records = new TinySourceRecordsTable(leadCount);
        records.Allocate(leads.RowCount);
        var stream = context.Random.Derive("export/source_records");
        var ids = leads["lead_id"].AsString().ToArray();
        var channels = leads["channel"].AsString().ToArray();
        for (var r = 0; r < ids.Length; r++)
        {
            var number = EntityId.TryParse(ids[r], Leads.IdPrefix, out var n) ? n : throw new InvalidOperationException($"'{ids[r]}' is not a tiny lead id.");
            var casing = stream.Stream(number).NextInt(3);
            var channel = channels[r]!;
            records.RecordId.Set(r, number);
            records.LeadId.Set(r, number);
            records.ChannelText.Set(r, casing switch
            {
                0 => channel,
                1 => channel.ToUpperInvariant(),
                _ => char.ToUpperInvariant(channel[0]) + channel[1..],
            });
        }

        var about = "{\"source\": \"tiny second system\", \"channels\": " + settings.Channels.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}\n";
        return new BundleExport("source_records", "The tiny leads as a second source system recorded them.", [records.Build()], [new MetadataDocument("about.json", about)]);
    }
}
