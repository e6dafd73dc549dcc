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
    private const int MaxCalibrationRounds = 12;

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

    public static HiddenWorld Build(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, RandomSource random, bool[] inShard, Action<int, Action<int>> parallelFor, Func<WorldGraph, WorldGraph>? graphTransform = null)
    {
        var graph = GraphSampler.Sample(settings, random);
        if (graphTransform is not null)
        {
            // Ablation seam (tests): the transform may change weights but must keep the nodes, so every noise draw stays the same.
            var edited = graphTransform(graph);
            if (!edited.Nodes.SequenceEqual(graph.Nodes))
            {
                throw new InvalidOperationException("A graph transform must keep the nodes of the sampled graph.");
            }

            graph = edited;
        }

        var evaluator = graph.Compile();
        var n = graph.Nodes.Count;
        var levels = graph.Nodes.Select(node => GraphSampler.Level(node.Kind)).ToArray();
        var profile = settings.DifficultyProfiles.For(config.Difficulty);
        var measurementNoise = settings.Measurement.BaseNoise * (1 + (2 * profile.NoiseScale));

        // World-level noise, shared by every entity.
        var worldNoise = new double[n];
        var worldStream = random.Derive("world/global").Stream();
        for (var i = 0; i < n; i++)
        {
            worldNoise[i] = levels[i] == 0 ? worldStream.NextGaussian() : 0;
        }

        var accountNoise = random.Derive("world/accounts");
        var contactNoise = random.Derive("world/contacts");
        var leadNoise = random.Derive("world/leads");
        var measure = random.Derive("world/measurement");
        var engagementNoise = measure.Derive("engagement");

        var fitNode = graph.IndexOf(settings.Measurement.RevenueBandNode);
        var maturityNode = graph.IndexOf(settings.Measurement.MaturityBandNode);
        var seniorityNode = graph.IndexOf(settings.Measurement.SeniorityNode);
        var engagementNode = graph.IndexOf(settings.Measurement.EngagementNode);
        var responsivenessNode = graph.IndexOf(settings.Measurement.ResponsivenessNode);
        var outcomeNode = graph.Nodes.Select((node, i) => (node, i)).First(x => x.node.Kind == NodeKind.Outcome).i;

        // Accounts: measurements of account-level nodes.
        var revenueCuts = QuantileCuts([0.25, 0.40, 0.25, 0.10], settings.Accounts.RevenueBands.Count);
        var maturityCuts = QuantileCuts([0.30, 0.45, 0.25], settings.Accounts.MaturityBands.Count);
        var revenueBand = new int[plan.AccountCount];
        var maturityBand = new int[plan.AccountCount];
        var accountFit = new double[plan.AccountCount];
        parallelFor(plan.AccountCount, a =>
        {
            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            FillNoise(noise, worldNoise, levels, 1, accountNoise.Stream(a));
            evaluator.Evaluate(noise, values);
            var m = measure.Derive("account").Stream(a);
            var size = settings.Accounts.EmployeeBands[plan.AccountBand[a]].SizeScore;
            var fit = fitNode >= 0 && levels[fitNode] <= 1 ? values[fitNode] : 0;
            accountFit[a] = fit;
            var (ws, wf) = (settings.Measurement.RevenueBandSizeWeight, settings.Measurement.RevenueBandFitWeight);
            revenueBand[a] = Bin(((ws * size) + (wf * fit) + (measurementNoise * m.NextGaussian())) / Math.Sqrt((ws * ws) + (wf * wf) + (measurementNoise * measurementNoise)), revenueCuts);
            var maturity = maturityNode >= 0 && levels[maturityNode] <= 1 ? values[maturityNode] : 0;
            maturityBand[a] = Bin((maturity + (measurementNoise * m.NextGaussian())) / Math.Sqrt(1 + (measurementNoise * measurementNoise)), maturityCuts);
        });

        // Contacts: seniority measures authority (plus the persona's typical authority).
        var seniorityCuts = QuantileCuts([0.25, 0.30, 0.25, 0.15, 0.05], settings.Contacts.SeniorityLevels.Count);
        var shardContacts = plan.ShardContacts;
        var seniority = new int[shardContacts.Length];
        parallelFor(shardContacts.Length, i =>
        {
            var c = shardContacts[i];
            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            var a = plan.ContactAccount[c];
            FillNoise(noise, worldNoise, levels, 1, accountNoise.Stream(a));
            FillNoise(noise, worldNoise, levels, 2, contactNoise.Stream(c), keepCoarser: true);
            evaluator.Evaluate(noise, values);
            var authority = seniorityNode >= 0 && levels[seniorityNode] <= 2 ? values[seniorityNode] : 0;
            authority += settings.Narrative.Personas[plan.ContactPersona[c]].AuthorityShift;
            var m = measure.Derive("contact").Stream(c);
            seniority[i] = Bin((authority + (measurementNoise * m.NextGaussian())) / Math.Sqrt(1.2 + (measurementNoise * measurementNoise)), seniorityCuts);
        });

        // Reps: hidden quality.
        var repStream = random.Derive("world/reps");
        var repQuality = new double[plan.RepCount];
        for (var r = 0; r < plan.RepCount; r++)
        {
            repQuality[r] = settings.Reps.QualitySd * repStream.Stream(r).NextGaussian();
        }

        // Leads: evaluate the graph and compose the raw conversion score.
        // The channel × segment interaction, double-centred on the calibration sample below so that it
        // has no channel or segment main effect: a pure interaction.
        var channelCount = settings.Narrative.Channels.Count;
        var segmentCount = settings.Accounts.Segments.Count;
        var interaction = new double[channelCount, segmentCount];
        for (var c = 0; c < channelCount; c++)
        {
            for (var g = 0; g < segmentCount; g++)
            {
                interaction[c, g] = settings.Narrative.Channels[c].SegmentShift.TryGetValue(settings.Accounts.Segments[g].Name, out var v) ? v : 0;
            }
        }

        double InteractionShift(int l) => interaction[plan.LeadChannel[l], plan.AccountSegment[plan.LeadAccount[l]]];

        double KnownShift(int l)
        {
            var a = plan.LeadAccount[l];
            return settings.Narrative.Channels[plan.LeadChannel[l]].QualityShift
                + settings.Accounts.Segments[plan.AccountSegment[a]].ConversionShift
                + (settings.Narrative.Market.IndustryFitShift.Count > plan.AccountIndustry[a] ? settings.Narrative.Market.IndustryFitShift[plan.AccountIndustry[a]] : 0);
        }

        double RawScore(int l, Span<double> values)
        {
            var shift = repQuality[plan.LeadRep[l]]
                - (settings.Reps.WorkloadPenalty * plan.LeadRepLoad[l] / 10.0)
                + (settings.Arrival.VintageDrift * plan.LeadCreatedDay[l] / 365.25);
            return values[outcomeNode] + shift;
        }

        // What the observable columns measure: the measured latents and the shifts of observable categories.
        int[] measuredNodes = [.. new[] { fitNode, maturityNode, seniorityNode, engagementNode, responsivenessNode }.Where(i => i >= 0).Distinct()];
        var regressorCount = measuredNodes.Length;
        void Regressors(int l, Span<double> values, Span<double> x)
        {
            for (var j = 0; j < measuredNodes.Length; j++)
            {
                x[j] = values[measuredNodes[j]];
            }
        }

        void EvaluateLead(int l, Span<double> noise, Span<double> values)
        {
            FillNoise(noise, worldNoise, levels, 1, accountNoise.Stream(plan.LeadAccount[l]));
            FillNoise(noise, worldNoise, levels, 2, contactNoise.Stream(plan.LeadContact[l]), keepCoarser: true);
            FillNoise(noise, worldNoise, levels, 3, leadNoise.Stream(l), keepCoarser: true);
            evaluator.Evaluate(noise, values);
        }

        // Standardise and calibrate on a fixed sample of leads, the same in every shard.
        var sample = CalibrationSample(plan.LeadCount);
        var sampleSize = sample.Length;
        DoubleCentre(interaction, sample.Select(l => (plan.LeadChannel[l], plan.AccountSegment[plan.LeadAccount[l]])));
        var sampleRaw = new double[sampleSize];
        var sampleEngagement = new double[sampleSize];
        var sampleX = new double[sampleSize][];
        {
            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            for (var k = 0; k < sampleSize; k++)
            {
                EvaluateLead(sample[k], noise, values);
                sampleRaw[k] = RawScore(sample[k], values);
                sampleX[k] = new double[regressorCount];
                Regressors(sample[k], values, sampleX[k]);
                sampleEngagement[k] = engagementNode >= 0 ? values[engagementNode] : 0;
            }
        }

        var shocks = random.Derive("world/lead_shocks");
        (double Pace, double Closing) Shocks(int l)
        {
            var rng = shocks.Stream(l);
            var pace = rng.NextGaussian();
            return (pace, rng.NextGaussian());
        }

        var sampleKnown = sample.Select(KnownShift).ToArray();
        var sampleInteraction = sample.Select(InteractionShift).ToArray();
        var normaliser = ScoreNormaliser.Fit(sampleRaw, sampleX, sampleKnown, sampleInteraction, profile);
        for (var k = 0; k < sampleSize; k++)
        {
            sampleRaw[k] = normaliser.Apply(sampleRaw[k], sampleX[k], sampleKnown[k], sampleInteraction[k]);
        }

        var (mean, sd) = MeanSd(sampleRaw);
        var (engMean, engSd) = MeanSd(sampleEngagement);
        var target = (profile.ConversionRateRange[0] + profile.ConversionRateRange[1]) / 2;
        var horizon = config.Recipe.HorizonDays;
        var window = config.Recipe.LabelWindowDays;
        var sampleDrivers = new LeadDrivers[sampleSize];
        for (var k = 0; k < sampleSize; k++)
        {
            var l = sample[k];
            var (pace, closing) = Shocks(l);
            sampleDrivers[k] = new LeadDrivers((sampleRaw[k] - mean) / sd, pace, closing, settings.Accounts.Segments[plan.AccountSegment[plan.LeadAccount[l]]].CycleMultiplier);
        }

        // P(won within the label window), averaged over the sample; per-lead terms are summed in sample
        // order so the result does not depend on the thread count.
        var sampleWin = new double[sampleSize];
        double MeanWin(FunnelCalibration calibration)
        {
            parallelFor(sampleSize, k =>
            {
                Span<double> adv = stackalloc double[FunnelModel.OpenStages];
                Span<double> loss = stackalloc double[FunnelModel.OpenStages];
                FunnelModel.Hazards(settings.Funnel, profile, calibration, sampleDrivers[k], adv, loss);
                sampleWin[k] = FunnelModel.WinProbability(adv, loss, horizon, window, settings.Funnel.MinDaysToClose);
            });
            var total = 0.0;
            for (var k = 0; k < sampleSize; k++)
            {
                total += sampleWin[k];
            }

            return total / sampleSize;
        }

        // Mean days from opportunity to closed_won over the deals the world wins, with no horizon.
        double ModelCycle(FunnelCalibration calibration)
        {
            Span<double> adv = stackalloc double[FunnelModel.OpenStages];
            Span<double> loss = stackalloc double[FunnelModel.OpenStages];
            double weighted = 0, weights = 0;
            for (var k = 0; k < sampleSize; k++)
            {
                FunnelModel.Hazards(settings.Funnel, profile, calibration, sampleDrivers[k], adv, loss);
                var (win, cycle) = FunnelModel.UnboundedCycle(adv, loss);
                if (win > 0)
                {
                    weighted += win * cycle;
                    weights += win;
                }
            }

            return weights > 0 ? weighted / weights : double.PositiveInfinity;
        }

        // The intercept sets the tier's conversion rate; when the recipe asks for it, the pace of the
        // opportunity stages sets the narrative's sales cycle. Each depends on the other, so they are
        // solved in turn until the pace settles (a few rounds: the coupling runs through one stage).
        // The first pace comes from the cheap closed form alone (intercept 0); each round then costs one
        // intercept solve, and the rounds stop once the pace moves by less than 0.01%.
        var cycleTarget = (double)settings.Narrative.Market.AvgSalesCycleDays;
        var calibrateCycle = settings.Funnel.CalibrateSalesCycle;
        var firstPace = calibrateCycle ? SolvePace(0) : 1.0;
        var calibrated = new FunnelCalibration(SolveIntercept(firstPace, -3, 3), firstPace);
        for (var round = 0; calibrateCycle && round < MaxCalibrationRounds; round++)
        {
            var pace = SolvePace(calibrated.Intercept);
            if (Math.Abs(Math.Log(pace / calibrated.OpportunityPace)) < 1e-4)
            {
                break;
            }

            calibrated = new FunnelCalibration(SolveIntercept(pace, calibrated.Intercept - 0.1, calibrated.Intercept + 0.1), pace);
        }

        var calibratedRate = MeanWin(calibrated);
        var modelCycle = ModelCycle(calibrated);

        // Brent's method on a monotone function of one variable, first on the given bracket and then on the
        // full range; a target outside the full range leaves the variable at the nearer end (the calibrated
        // figures in the mechanism summary then show the gap). End values are computed once.
        static double Solve(Func<double, double> f, double lo, double hi, double fullLo, double fullHi, double accuracy)
        {
            var known = new Dictionary<double, double>();
            double F(double x)
            {
                if (!known.TryGetValue(x, out var y))
                {
                    known[x] = y = f(x);
                }

                return y;
            }

            foreach (var (a, b) in new[] { (Math.Max(fullLo, lo), Math.Min(fullHi, hi)), (fullLo, fullHi) })
            {
                var (fa, fb) = (F(a), F(b));
                if (fa == 0 || fb == 0)
                {
                    return fa == 0 ? a : b;
                }

                if (Math.Sign(fa) != Math.Sign(fb))
                {
                    return MathNet.Numerics.RootFinding.Brent.FindRoot(F, a, b, accuracy, 200);
                }
            }

            return Math.Abs(F(fullLo)) <= Math.Abs(F(fullHi)) ? fullLo : fullHi;
        }

        double SolveIntercept(double pace, double lo, double hi) =>
            Solve(b => MeanWin(new FunnelCalibration(b, pace)) - target, lo, hi, -12, 12, 1e-9);

        double SolvePace(double b) =>
            Math.Exp(Solve(logPace => cycleTarget - ModelCycle(new FunnelCalibration(b, Math.Exp(logPace))), Math.Log(0.02), Math.Log(50), Math.Log(0.02), Math.Log(50), 1e-9));

        // Every lead of the shard, at its slot.
        var nL = plan.LeadCount;
        var (slots, held) = SlotsOf(inShard);
        // Node values and true probabilities are hidden truth: only the instructor rendering reads them.
        var keepTruth = config.ExposureMode == ExposureMode.ResearchInstructor;
        var nodeValues = !keepTruth ? [] : new double[(long)held * n <= int.MaxValue ? held * n : throw new GenerationException("Too many leads × graph nodes for one shard; use more shards.")];
        var score = new double[held];
        var engagement = new double[held];
        var responsiveness = new double[held];
        var truth = keepTruth ? new double[held] : [];
        var paceShock = new double[held];
        var closingShock = new double[held];
        parallelFor(nL, l =>
        {
            if (!inShard[l])
            {
                return;
            }

            var slot = slots is null ? l : slots[l];

            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            Span<double> adv = stackalloc double[FunnelModel.OpenStages];
            Span<double> loss = stackalloc double[FunnelModel.OpenStages];
            Span<double> x = stackalloc double[regressorCount];
            EvaluateLead(l, noise, values);
            if (keepTruth)
            {
                values.CopyTo(nodeValues.AsSpan(slot * n, n));
            }

            Regressors(l, values, x);
            score[slot] = (normaliser.Apply(RawScore(l, values), x, KnownShift(l), InteractionShift(l)) - mean) / sd;
            // Event intensities measure engagement through the tier's measurement noise, like every band.
            var engagementSignal = engagementNode >= 0 ? (values[engagementNode] - engMean) / engSd : 0;
            engagement[slot] = (engagementSignal + (measurementNoise * engagementNoise.Stream(l).NextGaussian())) / Math.Sqrt(1 + (measurementNoise * measurementNoise));
            responsiveness[slot] = responsivenessNode >= 0 ? values[responsivenessNode] : 0;
            var cycle = settings.Accounts.Segments[plan.AccountSegment[plan.LeadAccount[l]]].CycleMultiplier;
            (paceShock[slot], closingShock[slot]) = Shocks(l);
            if (keepTruth)
            {
                FunnelModel.Hazards(settings.Funnel, profile, calibrated, new LeadDrivers(score[slot], paceShock[slot], closingShock[slot], cycle), adv, loss);
                truth[slot] = FunnelModel.WinProbability(adv, loss, horizon, window, settings.Funnel.MinDaysToClose);
            }
        });

        return new HiddenWorld(slots, n, nodeValues, score, engagement, responsiveness, paceShock, closingShock, truth)
        {
            Graph = graph,
            RepQuality = repQuality,
            AccountRevenueBand = revenueBand,
            AccountMaturityBand = maturityBand,
            AccountFit = accountFit,
            ContactSeniority = EntityColumn.FromHeld(seniority, plan.ContactSlots),
            Calibration = calibrated,
            ModelSalesCycleDays = modelCycle,
            ScoreMean = mean,
            ObservableShare = normaliser.MeasuredShare,
            ScoreSd = sd,
            TargetRate = target,
            CalibratedRate = calibratedRate,
        };
    }

    /// <summary>Removes the row and column means (weighted by the observed cell counts) so the table is a pure interaction.</summary>
    private static void DoubleCentre(double[,] table, IEnumerable<(int Row, int Column)> cells)
    {
        var rows = table.GetLength(0);
        var columns = table.GetLength(1);
        var count = new double[rows, columns];
        var total = 0.0;
        foreach (var (r, c) in cells)
        {
            count[r, c]++;
            total++;
        }

        if (total == 0)
        {
            return;
        }

        double Mean(Func<int, int, bool> include)
        {
            double sum = 0, n = 0;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    if (include(r, c))
                    {
                        sum += count[r, c] * table[r, c];
                        n += count[r, c];
                    }
                }
            }

            return n == 0 ? 0 : sum / n;
        }

        var grand = Mean((_, _) => true);
        var rowMean = Enumerable.Range(0, rows).Select(r => Mean((rr, _) => rr == r)).ToArray();
        var columnMean = Enumerable.Range(0, columns).Select(c => Mean((_, cc) => cc == c)).ToArray();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                table[r, c] = table[r, c] - rowMean[r] - columnMean[c] + grand;
            }
        }
    }

    /// <summary>Draws one standard normal per node of <paramref name="level"/> (declaration order); coarser levels keep their values.</summary>
    private static void FillNoise(Span<double> noise, double[] worldNoise, int[] levels, int level, RandomStream stream, bool keepCoarser = false)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            var draw = levels[i] == level ? stream.NextGaussian() : 0;
            if (levels[i] == level)
            {
                noise[i] = draw;
            }
            else if (levels[i] == 0)
            {
                noise[i] = worldNoise[i];
            }
            else if (!keepCoarser || levels[i] > level)
            {
                noise[i] = 0;
            }
        }
    }

    private static (double Mean, double Sd) MeanSd(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        return (mean, sd > 1e-9 ? sd : 1);
    }

    /// <summary>Standard-normal cut points giving the target shares for <paramref name="count"/> bins.</summary>
    private static double[] QuantileCuts(double[] shares, int count)
    {
        var s = shares.Length == count ? shares : Enumerable.Repeat(1.0 / count, count).ToArray();
        var cuts = new double[count - 1];
        var acc = 0.0;
        for (var i = 0; i < cuts.Length; i++)
        {
            acc += s[i];
            cuts[i] = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, acc);
        }

        return cuts;
    }

    private static int Bin(double value, double[] cuts)
    {
        var b = 0;
        while (b < cuts.Length && value > cuts[b])
        {
            b++;
        }

        return b;
    }

    /// <summary>
    /// Recombines a world's conversion score from four parts at fixed shares of variance: the
    /// projection of the graph's score on the latents that observable columns measure, the rest of
    /// the graph's score (hidden), the shifts of observable categories (channel, segment, industry)
    /// and the channel × segment interaction. Worlds of different motif families and rewirings then
    /// hand the same share of their signal to each part.
    /// </summary>
    private sealed class ScoreNormaliser
    {
        private double[] _beta = [];
        private double _intercept;
        private double _projectionScale = 1;
        private double _residualScale = 1;
        private double _knownScale = 1;
        private double _interactionScale = 1;
        private bool _identity = true;

        /// <summary>The share of the graph score's variance the projection explains (R²) on the calibration sample.</summary>
        public double MeasuredShare { get; private set; }

        public static ScoreNormaliser Fit(double[] raw, double[][] x, double[] known, double[] interaction, DifficultyProfile profile)
        {
            var result = new ScoreNormaliser();
            var p = x.Length == 0 ? 0 : x[0].Length;
            if (raw.Length < p + 10)
            {
                return result;
            }

            // Least squares with an intercept; constant regressors get a zero coefficient.
            var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(raw.Length, p + 1, (i, j) => j == 0 ? 1 : x[i][j - 1]);
            var keep = Enumerable.Range(0, p + 1).Where(j => j == 0 || StdDev(design.Column(j)) > 1e-9).ToArray();
            var reduced = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(raw.Length, keep.Length, (i, j) => design[i, keep[j]]);
            var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(raw);
            var solved = reduced.Solve(y);
            var beta = new double[p + 1];
            for (var j = 0; j < keep.Length; j++)
            {
                beta[keep[j]] = solved[j];
            }

            result._intercept = beta[0];
            result._beta = beta[1..];
            var projection = new double[raw.Length];
            var residual = new double[raw.Length];
            for (var i = 0; i < raw.Length; i++)
            {
                projection[i] = result.Projection(x[i]);
                residual[i] = raw[i] - result._intercept - projection[i];
            }

            var (_, sdP) = MeanSd(projection);
            var (_, sdR) = MeanSd(residual);
            var (_, sdY) = MeanSd(raw);
            var (_, sdK) = MeanSd(known);
            var (_, sdI) = MeanSd(interaction);
            result.MeasuredShare = Math.Clamp(sdP * sdP / (sdY * sdY), 0, 1);
            if ((profile.ObservableShare is null && profile.CategoryShare is null && profile.InteractionShare is null) || sdY < 1e-6)
            {
                return result;
            }

            // A fixed observable share needs both parts; otherwise the graph score keeps its own split.
            var rho = profile.ObservableShare is { } r && sdP >= 1e-6 && sdR >= 1e-6 ? r : (double?)null;
            var kappa = profile.CategoryShare is { } k && sdK > 1e-6 ? Math.Min(k, 1 - (rho ?? 0)) : 0;
            var iota = profile.InteractionShare is { } i2 && sdI > 1e-6 ? Math.Min(i2, 1 - (rho ?? 0) - kappa) : 0;
            var graphShare = 1 - kappa - iota;

            // Parts without a share keep their raw ratio to the graph score.
            var unit = Math.Sqrt(graphShare) / sdY;
            result._identity = false;
            result._projectionScale = rho is { } p2 ? Math.Sqrt(p2) / sdP : unit;
            result._residualScale = rho is { } p3 ? Math.Sqrt(Math.Max(0, graphShare - p3)) / sdR : unit;
            result._knownScale = profile.CategoryShare is null ? unit : kappa > 0 ? Math.Sqrt(kappa) / sdK : 0;
            result._interactionScale = profile.InteractionShare is null ? unit : iota > 0 ? Math.Sqrt(iota) / sdI : 0;
            return result;
        }

        public double Apply(double raw, ReadOnlySpan<double> x, double known, double interaction)
        {
            if (_identity)
            {
                return raw + known + interaction;
            }

            var projection = Projection(x);
            return (_projectionScale * projection) + (_residualScale * (raw - _intercept - projection)) + (_knownScale * known) + (_interactionScale * interaction);
        }

        private double Projection(ReadOnlySpan<double> x)
        {
            var v = 0.0;
            for (var j = 0; j < _beta.Length; j++)
            {
                v += _beta[j] * x[j];
            }

            return v;
        }

        private static double StdDev(MathNet.Numerics.LinearAlgebra.Vector<double> v)
        {
            var mean = v.Average();
            return Math.Sqrt(v.Sum(e => (e - mean) * (e - mean)) / Math.Max(1, v.Count - 1));
        }
    }
}
