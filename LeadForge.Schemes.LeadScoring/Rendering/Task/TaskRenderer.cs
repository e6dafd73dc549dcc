using LeadForge.Configuration;
using LeadForge.Features;
using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Splits;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Builds the <c>converted_within_90_days</c> snapshot task: as-of-anchor features, distortions, splits.
/// Rows are assigned to their split first (from the lead, its account block and its label only), then
/// every row's features are computed (<see cref="TaskTable"/>), distorted and written straight into its
/// split's typed columns, in parallel chunks of rows: no full snapshot table, no per-cell boxing, no
/// copies per split, and the same bytes for any degree of parallelism.
/// </summary>
internal sealed class TaskRenderer
{
    public const string TaskId = "converted_within_90_days";
    public const string Label = "converted_within_90_days";
    public const string Trap = "total_touches_all";

    private readonly LeadScoringSettings _settings;
    private readonly GenerationConfig _config;
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly LeadHistory?[] _history;
    private readonly TableRenderer _tables;
    private readonly Action<int, Action<int>> _parallelFor;

    public TaskRenderer(
        LeadScoringSettings settings,
        GenerationConfig config,
        PopulationPlan plan,
        HiddenWorld world,
        LeadHistory?[] history,
        TableRenderer tables,
        Action<int, Action<int>> parallelFor)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _world = world;
        _history = history;
        _tables = tables;
        _parallelFor = parallelFor;
    }

    /// <summary>The anchor's day after creation (the task's snapshot setting).</summary>
    private int SnapshotDay => _settings.Tasks.ConvertedWithin90Days.SnapshotDay;

    /// <summary>The task's split settings.</summary>
    private SplitSettings Split => _settings.Tasks.ConvertedWithin90Days.Split;

    /// <summary>The task's train, valid and test splits (their rows together are the snapshot, in lead order within each split).</summary>
    public (Table Train, Table Valid, Table Test) Render()
    {
        var leads = _tables.RenderedLeads.ToArray();
        var n = leads.Length;
        var labels = _tables.Labels.ToArray();
        var assignment = Assign(leads, labels);

        // The position of each row in its split (rows keep their lead order within a split).
        var position = new int[n];
        var sizes = new int[3];
        for (var r = 0; r < n; r++)
        {
            position[r] = sizes[assignment[r]]++;
        }

        var shape = new TaskShape(_settings, SnapshotDay, _plan.RepCount, _tables.LeadMax, _tables.AccountMax, _tables.ContactMax);
        TaskTable[] parts = [new(shape), new(shape), new(shape)];
        for (var s = 0; s < parts.Length; s++)
        {
            parts[s].Allocate(sizes[s]);
        }

        var profile = _settings.DifficultyProfiles.For(_config.Difficulty);
        var rates = new DistortionRates(profile.NoiseScale, profile.MissingRate, profile.OutlierRate);
        var distortion = RandomSource.FromSeed(_config.Seed).Derive("render/distortions");
        var anchor = new Moment(SnapshotDay, 0);
        Chunks.Run(_parallelFor, n, (from, to) =>
        {
            for (var r = from; r < to; r++)
            {
                var l = leads[r];
                var part = parts[assignment[r]];
                var j = position[r];
                part.Fill(new TaskRow(_plan, _world, l, _history[l]!, _tables.CreatedAt(l), anchor, labels[r]), j);
                part.Distort(distortion.Stream(l + 1), j, rates);
            }
        });
        return (parts[0].Build(_parallelFor), parts[1].Build(_parallelFor), parts[2].Build(_parallelFor));
    }

    /// <summary>
    /// Assigns rows (the rendered leads, in id order) to splits 0 (train), 1 (valid), 2 (test): grouped
    /// by account and stratified on the label (default), random, or temporal. Every assignment is a
    /// function of the lead (random, temporal) or of its block of accounts (grouped; see
    /// <see cref="SplitBlocks"/>), never of the other rows in this run, so the union of shards has
    /// exactly the splits of the unsharded run.
    /// </summary>
    private int[] Assign(int[] leads, bool[] labels)
    {
        var split = Split;
        var fractions = new SplitFractions(split.Train, split.Valid, split.Test);
        var source = RandomSource.FromSeed(_config.Seed).Derive("render/split");
        return split.Strategy switch
        {
            SplitStrategy.Random => RandomSplit.Assign(leads, source, fractions),

            // Lead numbers follow creation time over the whole plan, so the cut is global.
            SplitStrategy.Temporal => TemporalSplit.Assign(leads, _plan.LeadCount, fractions),
            _ => GroupedStratifiedSplit.Assign([.. leads.Select(l => _plan.LeadAccount[l])], _plan.BlockBounds, labels, fractions, source, _parallelFor),
        };
    }
}
