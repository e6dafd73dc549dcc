using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.WorldModel;

namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// The hidden world of one run: the executed graph, per-entity node values, the observable
/// measurements of latents, each lead's conversion score and its true 90-day conversion probability.
/// </summary>
internal sealed class HiddenWorld
{
    private const int CalibrationSampleSize = 2000;

    public required WorldGraph Graph { get; init; }
    public required double[] RepQuality { get; init; }
    public required int[] AccountRevenueBand { get; init; }
    public required int[] AccountMaturityBand { get; init; }
    public required double[] AccountFit { get; init; }
    /// <summary>Each contact's seniority level (held for the shard's contacts).</summary>
    public required EntityColumn ContactSeniority { get; init; }

    // Per-lead values are held for the shard's leads only, at the lead's slot (see Slot): a shard's
    // memory for them follows the shard, not the population.
    private readonly int[]? _slots;
    private readonly double[] _nodeValues;
    private readonly double[] _score;
    private readonly double[] _engagement;
    private readonly double[] _responsiveness;
    private readonly double[] _paceShock;
    private readonly double[] _closingShock;
    private readonly double[] _trueProbability;

    private HiddenWorld(int[]? slots, int nodeCount, double[] nodeValues, double[] score, double[] engagement, double[] responsiveness, double[] paceShock, double[] closingShock, double[] trueProbability)
    {
        _slots = slots;
        NodeCount = nodeCount;
        _nodeValues = nodeValues;
        _score = score;
        _engagement = engagement;
        _responsiveness = responsiveness;
        _paceShock = paceShock;
        _closingShock = closingShock;
        _trueProbability = trueProbability;
    }

    public int NodeCount { get; }

    /// <summary>The number of leads whose values are held (the shard's leads).</summary>
    public int HeldLeadCount => _score.Length;

    /// <summary>Whether the hidden truth (node values, true probabilities) is held.</summary>
    public bool HasTruth => _trueProbability.Length > 0;

    /// <summary>Node values of a lead of the shard, in graph-node order (hidden truth only).</summary>
    public ReadOnlySpan<double> NodeValues(int lead) => _nodeValues.AsSpan(Slot(lead) * NodeCount, NodeCount);

    /// <summary>Standardised conversion score of a lead of the shard (before the tier's signal strength).</summary>
    public double Score(int lead) => _score[Slot(lead)];

    /// <summary>Standardised engagement of a lead of the shard (drives event intensities).</summary>
    public double Engagement(int lead) => _engagement[Slot(lead)];

    /// <summary>Responsiveness of a lead of the shard (drives activity outcomes).</summary>
    public double Responsiveness(int lead) => _responsiveness[Slot(lead)];

    /// <summary>A lead's hidden pace shock (early-stage drive), standard normal.</summary>
    public double PaceShock(int lead) => _paceShock[Slot(lead)];

    /// <summary>A lead's hidden closing shock (late-stage drive), standard normal.</summary>
    public double ClosingShock(int lead) => _closingShock[Slot(lead)];

    /// <summary>A lead's true probability of conversion within the label window (hidden truth only).</summary>
    public double TrueProbability(int lead) => _trueProbability[Slot(lead)];

    /// <summary>The calibrated conversion intercept and opportunity pace.</summary>
    public required FunnelCalibration Calibration { get; init; }

    public double Intercept => Calibration.Intercept;

    /// <summary>The model's mean days from opportunity to closed_won over won deals, with no horizon (the calibrated sales cycle).</summary>
    public required double ModelSalesCycleDays { get; init; }
    public required double ScoreMean { get; init; }

    /// <summary>The share of the raw score's variance explained by what observables measure, before normalisation.</summary>
    public required double ObservableShare { get; init; }
    public required double ScoreSd { get; init; }
    public required double TargetRate { get; init; }
    public required double CalibratedRate { get; init; }

    /// <summary>The drivers of a lead's hazards.</summary>
    public LeadDrivers Drivers(int lead, double cycleMultiplier)
    {
        var slot = Slot(lead);
        return new(_score[slot], _paceShock[slot], _closingShock[slot], cycleMultiplier);
    }

    /// <summary>The fixed calibration sample, the same in every shard: leads spread evenly over the lead numbers, in ascending order.</summary>
    public static int[] CalibrationSample(int leadCount)
    {
        var size = Math.Min(leadCount, CalibrationSampleSize);
        return Enumerable.Range(0, size).Select(k => (int)((long)k * leadCount / size)).ToArray();
    }

    /// <summary>The slot of a lead of the shard in the per-lead arrays; leads outside the shard have none.</summary>
    private int Slot(int lead)
    {
        var slot = _slots is null ? lead : _slots[lead];
        return slot >= 0 ? slot : throw new ArgumentOutOfRangeException(nameof(lead), lead, "The lead is outside this shard; the hidden world holds no values for it.");
    }

    /// <summary>Slots in lead order for the leads in the shard (−1 elsewhere), or <see langword="null"/> when every lead is in it.</summary>
    private static (int[]? Slots, int Count) SlotsOf(bool[] inShard)
    {
        if (Array.TrueForAll(inShard, included => included))
        {
            return (null, inShard.Length);
        }

        var (slots, held) = EntityColumn.SlotsOf(inShard.Length, l => inShard[l]);
        return (slots, held.Length);
    }

    /// <summary>
    /// Builds the hidden world of a run, step by step (see <see cref="HiddenWorldBuilder"/>): the graph,
    /// the account and contact measurements, the reps' quality, the score's standardisation on the
    /// calibration sample, the funnel calibration, and the values of the shard's leads.
    /// </summary>
    public static HiddenWorld Build(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, RandomSource random, bool[] inShard, Action<int, Action<int>> parallelFor, Func<WorldGraph, WorldGraph>? graphTransform = null)
    {
        var graph = SampleGraph(settings, random, graphTransform);
        var steps = new HiddenWorldBuilder(settings, config, plan, random, graph, parallelFor);
        var accounts = steps.MeasureAccounts();
        var seniority = steps.MeasureContacts();
        var repQuality = steps.DrawRepQuality();
        var standardised = steps.StandardiseOnSample(CalibrationSample(plan.LeadCount));
        var calibration = steps.Calibrate(standardised.SampleDrivers);
        var (slots, held) = SlotsOf(inShard);
        var leads = steps.EvaluateLeads(inShard, slots, held, standardised, calibration.Funnel);
        return new HiddenWorld(slots, graph.Nodes.Count, leads.NodeValues, leads.Score, leads.Engagement, leads.Responsiveness, leads.PaceShock, leads.ClosingShock, leads.TrueProbability)
        {
            Graph = graph,
            RepQuality = repQuality,
            AccountRevenueBand = accounts.RevenueBand,
            AccountMaturityBand = accounts.MaturityBand,
            AccountFit = accounts.Fit,
            ContactSeniority = EntityColumn.FromHeld(seniority, plan.ContactSlots),
            Calibration = calibration.Funnel,
            ModelSalesCycleDays = calibration.ModelSalesCycleDays,
            ScoreMean = standardised.Mean,
            ObservableShare = standardised.Normaliser.MeasuredShare,
            ScoreSd = standardised.Sd,
            TargetRate = calibration.TargetRate,
            CalibratedRate = calibration.CalibratedRate,
        };
    }

    /// <summary>Samples the world's graph; the ablation seam (tests) may then change its weights but must keep its nodes, so every noise draw stays the same.</summary>
    private static WorldGraph SampleGraph(LeadScoringSettings settings, RandomSource random, Func<WorldGraph, WorldGraph>? graphTransform)
    {
        var graph = GraphSampler.Sample(settings, random);
        if (graphTransform is null)
        {
            return graph;
        }

        var edited = graphTransform(graph);
        return edited.Nodes.SequenceEqual(graph.Nodes) ? edited : throw new InvalidOperationException("A graph transform must keep the nodes of the sampled graph.");
    }
}
