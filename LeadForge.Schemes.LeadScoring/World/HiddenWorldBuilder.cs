using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.WorldModel;

namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// The steps of <see cref="HiddenWorld.Build"/>, in the order it runs them, over what they share: the
/// compiled graph, the noise streams and the measurement noise of the tier. Every step draws from its
/// own named streams, keyed by entity, so the world does not depend on the thread count or the shard.
/// </summary>
internal sealed class HiddenWorldBuilder
{
    private const int MaxCalibrationRounds = 12;

    private readonly LeadScoringSettings _settings;
    private readonly LeadForge.Configuration.GenerationConfig _config;
    private readonly PopulationPlan _plan;
    private readonly RandomSource _random;
    private readonly Action<int, Action<int>> _parallelFor;
    private readonly GraphEvaluator _evaluator;
    private readonly int _n;
    private readonly int[] _levels;
    private readonly DifficultyProfile _profile;
    private readonly double _measurementNoise;
    private readonly double[] _worldNoise;
    private readonly RandomSource _accountNoise, _contactNoise, _leadNoise, _measure, _engagementNoise, _shocks;
    private readonly int _fitNode, _maturityNode, _seniorityNode, _engagementNode, _responsivenessNode, _outcomeNode;

    /// <summary>What the observable columns measure: the measured latents (the score normaliser's regressors).</summary>
    private readonly int[] _measuredNodes;

    /// <summary>The channel × segment interaction, double-centred on the calibration sample (<see cref="StandardiseOnSample"/>).</summary>
    private readonly double[,] _interaction;
    private double[] _repQuality = [];

    public HiddenWorldBuilder(
        LeadScoringSettings settings,
        LeadForge.Configuration.GenerationConfig config,
        PopulationPlan plan,
        RandomSource random,
        WorldGraph graph,
        Action<int, Action<int>> parallelFor)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _random = random;
        _parallelFor = parallelFor;
        _evaluator = graph.Compile();
        _n = graph.Nodes.Count;
        _levels = graph.Nodes.Select(node => GraphSampler.Level(node.Kind)).ToArray();
        _profile = settings.DifficultyProfiles.For(config.Difficulty);
        _measurementNoise = settings.Measurement.BaseNoise * (1 + (2 * _profile.NoiseScale));

        // World-level noise, shared by every entity.
        _worldNoise = new double[_n];
        var worldStream = random.Derive("world/global").Stream();
        for (var i = 0; i < _n; i++)
        {
            _worldNoise[i] = _levels[i] == 0 ? worldStream.NextGaussian() : 0;
        }

        _accountNoise = random.Derive("world/accounts");
        _contactNoise = random.Derive("world/contacts");
        _leadNoise = random.Derive("world/leads");
        _measure = random.Derive("world/measurement");
        _engagementNoise = _measure.Derive("engagement");
        _shocks = random.Derive("world/lead_shocks");

        _fitNode = graph.IndexOf(settings.Measurement.RevenueBandNode);
        _maturityNode = graph.IndexOf(settings.Measurement.MaturityBandNode);
        _seniorityNode = graph.IndexOf(settings.Measurement.SeniorityNode);
        _engagementNode = graph.IndexOf(settings.Measurement.EngagementNode);
        _responsivenessNode = graph.IndexOf(settings.Measurement.ResponsivenessNode);
        _outcomeNode = graph.Nodes.Select((node, i) => (node, i)).First(x => x.node.Kind == NodeKind.Outcome).i;
        _measuredNodes = [.. new[] { _fitNode, _maturityNode, _seniorityNode, _engagementNode, _responsivenessNode }.Where(i => i >= 0).Distinct()];

        var channelCount = settings.Narrative.Channels.Count;
        var segmentCount = settings.Accounts.Segments.Count;
        _interaction = new double[channelCount, segmentCount];
        for (var c = 0; c < channelCount; c++)
        {
            for (var g = 0; g < segmentCount; g++)
            {
                _interaction[c, g] = settings.Narrative.Channels[c].SegmentShift.TryGetValue(settings.Accounts.Segments[g].Name, out var v) ? v : 0;
            }
        }
    }

    /// <summary>Step 1: the noisy measurements of account-level nodes (revenue and maturity bands) and each account's fit.</summary>
    public (int[] RevenueBand, int[] MaturityBand, double[] Fit) MeasureAccounts()
    {
        var settings = _settings;
        var plan = _plan;
        var n = _n;
        var revenueCuts = QuantileCuts([0.25, 0.40, 0.25, 0.10], settings.Accounts.RevenueBands.Count);
        var maturityCuts = QuantileCuts([0.30, 0.45, 0.25], settings.Accounts.MaturityBands.Count);
        var revenueBand = new int[plan.AccountCount];
        var maturityBand = new int[plan.AccountCount];
        var accountFit = new double[plan.AccountCount];
        _parallelFor(plan.AccountCount, a =>
        {
            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            FillNoise(noise, _worldNoise, _levels, 1, _accountNoise.Stream(a));
            _evaluator.Evaluate(noise, values);
            var m = _measure.Derive("account").Stream(a);
            var size = settings.Accounts.EmployeeBands[plan.AccountBand[a]].SizeScore;
            var fit = _fitNode >= 0 && _levels[_fitNode] <= 1 ? values[_fitNode] : 0;
            accountFit[a] = fit;
            var (ws, wf) = (settings.Measurement.RevenueBandSizeWeight, settings.Measurement.RevenueBandFitWeight);
            revenueBand[a] = Bin(((ws * size) + (wf * fit) + (_measurementNoise * m.NextGaussian())) / Math.Sqrt((ws * ws) + (wf * wf) + (_measurementNoise * _measurementNoise)), revenueCuts);
            var maturity = _maturityNode >= 0 && _levels[_maturityNode] <= 1 ? values[_maturityNode] : 0;
            maturityBand[a] = Bin((maturity + (_measurementNoise * m.NextGaussian())) / Math.Sqrt(1 + (_measurementNoise * _measurementNoise)), maturityCuts);
        });
        return (revenueBand, maturityBand, accountFit);
    }

    /// <summary>Step 2: the seniority of the shard's contacts, a measurement of authority (plus the persona's typical authority).</summary>
    public int[] MeasureContacts()
    {
        var settings = _settings;
        var plan = _plan;
        var n = _n;
        var seniorityCuts = QuantileCuts([0.25, 0.30, 0.25, 0.15, 0.05], settings.Contacts.SeniorityLevels.Count);
        var shardContacts = plan.ShardContacts;
        var seniority = new int[shardContacts.Length];
        _parallelFor(shardContacts.Length, i =>
        {
            var c = shardContacts[i];
            Span<double> noise = stackalloc double[n];
            Span<double> values = stackalloc double[n];
            var a = plan.ContactAccount[c];
            FillNoise(noise, _worldNoise, _levels, 1, _accountNoise.Stream(a));
            FillNoise(noise, _worldNoise, _levels, 2, _contactNoise.Stream(c), keepCoarser: true);
            _evaluator.Evaluate(noise, values);
            var authority = _seniorityNode >= 0 && _levels[_seniorityNode] <= 2 ? values[_seniorityNode] : 0;
            authority += settings.Narrative.Personas[plan.ContactPersona[c]].AuthorityShift;
            var m = _measure.Derive("contact").Stream(c);
            seniority[i] = Bin((authority + (_measurementNoise * m.NextGaussian())) / Math.Sqrt(1.2 + (_measurementNoise * _measurementNoise)), seniorityCuts);
        });
        return seniority;
    }

    /// <summary>Step 3: the reps' hidden quality (part of every lead's raw score).</summary>
    public double[] DrawRepQuality()
    {
        var repStream = _random.Derive("world/reps");
        _repQuality = new double[_plan.RepCount];
        for (var r = 0; r < _plan.RepCount; r++)
        {
            _repQuality[r] = _settings.Reps.QualitySd * repStream.Stream(r).NextGaussian();
        }

        return _repQuality;
    }

    /// <summary>
    /// Step 4: on the fixed calibration sample (the same in every shard), double-centres the channel ×
    /// segment interaction (so it has no main effect), fits the score normaliser and the standardisation
    /// of the score and of engagement, and gives the sample's funnel drivers for the calibration.
    /// </summary>
    public Standardisation StandardiseOnSample(int[] sample)
    {
        var plan = _plan;
        var sampleSize = sample.Length;
        DoubleCentre(_interaction, sample.Select(l => (plan.LeadChannel[l], plan.AccountSegment[plan.LeadAccount[l]])));
        var sampleRaw = new double[sampleSize];
        var sampleEngagement = new double[sampleSize];
        var sampleX = new double[sampleSize][];
        {
            Span<double> noise = stackalloc double[_n];
            Span<double> values = stackalloc double[_n];
            for (var k = 0; k < sampleSize; k++)
            {
                EvaluateLead(sample[k], noise, values);
                sampleRaw[k] = RawScore(sample[k], values);
                sampleX[k] = new double[_measuredNodes.Length];
                Regressors(values, sampleX[k]);
                sampleEngagement[k] = _engagementNode >= 0 ? values[_engagementNode] : 0;
            }
        }

        var sampleKnown = sample.Select(KnownShift).ToArray();
        var sampleInteraction = sample.Select(InteractionShift).ToArray();
        var normaliser = ScoreNormaliser.Fit(sampleRaw, sampleX, sampleKnown, sampleInteraction, _profile);
        for (var k = 0; k < sampleSize; k++)
        {
            sampleRaw[k] = normaliser.Apply(sampleRaw[k], sampleX[k], sampleKnown[k], sampleInteraction[k]);
        }

        var (mean, sd) = MeanSd(sampleRaw);
        var (engMean, engSd) = MeanSd(sampleEngagement);
        var sampleDrivers = new LeadDrivers[sampleSize];
        for (var k = 0; k < sampleSize; k++)
        {
            var l = sample[k];
            var (pace, closing) = Shocks(l);
            sampleDrivers[k] = new LeadDrivers((sampleRaw[k] - mean) / sd, pace, closing, _settings.Accounts.Segments[plan.AccountSegment[plan.LeadAccount[l]]].CycleMultiplier);
        }

        return new Standardisation(normaliser, mean, sd, engMean, engSd, sampleDrivers);
    }

    /// <summary>
    /// Step 5: calibrates the funnel on the sample's drivers. The intercept sets the tier's conversion
    /// rate; when the recipe asks for it, the pace of the opportunity stages sets the narrative's sales cycle.
    /// </summary>
    public Calibration Calibrate(LeadDrivers[] sampleDrivers)
    {
        var settings = _settings;
        var profile = _profile;
        var parallelFor = _parallelFor;
        var sampleSize = sampleDrivers.Length;
        var target = (profile.ConversionRateRange[0] + profile.ConversionRateRange[1]) / 2;
        var horizon = _config.Recipe.HorizonDays;
        var window = _settings.Tasks.ConvertedWithin90Days.LabelWindowDays;

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

        return new Calibration(calibrated, target, calibratedRate, modelCycle);
    }

    /// <summary>
    /// Step 6: every lead of the shard, at its slot: its score, engagement, responsiveness and shocks,
    /// and (instructor rendering only: hidden truth) its node values and true conversion probability.
    /// </summary>
    public LeadValues EvaluateLeads(bool[] inShard, int[]? slots, int held, Standardisation standardised, FunnelCalibration calibrated)
    {
        var settings = _settings;
        var plan = _plan;
        var profile = _profile;
        var n = _n;
        var regressorCount = _measuredNodes.Length;
        var horizon = _config.Recipe.HorizonDays;
        var window = _settings.Tasks.ConvertedWithin90Days.LabelWindowDays;
        var (normaliser, mean, sd, engMean, engSd) = (standardised.Normaliser, standardised.Mean, standardised.Sd, standardised.EngagementMean, standardised.EngagementSd);
        var measurementNoise = _measurementNoise;

        // Node values and true probabilities are hidden truth: only the instructor rendering reads them.
        var keepTruth = _config.ExposureMode == ExposureMode.ResearchInstructor;
        var nodeValues = !keepTruth ? [] : new double[(long)held * n <= int.MaxValue ? held * n : throw new GenerationException("Too many leads × graph nodes for one shard; use more shards.")];
        var score = new double[held];
        var engagement = new double[held];
        var responsiveness = new double[held];
        var truth = keepTruth ? new double[held] : [];
        var paceShock = new double[held];
        var closingShock = new double[held];
        _parallelFor(plan.LeadCount, l =>
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

            Regressors(values, x);
            score[slot] = (normaliser.Apply(RawScore(l, values), x, KnownShift(l), InteractionShift(l)) - mean) / sd;
            // Event intensities measure engagement through the tier's measurement noise, like every band.
            var engagementSignal = _engagementNode >= 0 ? (values[_engagementNode] - engMean) / engSd : 0;
            engagement[slot] = (engagementSignal + (measurementNoise * _engagementNoise.Stream(l).NextGaussian())) / Math.Sqrt(1 + (measurementNoise * measurementNoise));
            responsiveness[slot] = _responsivenessNode >= 0 ? values[_responsivenessNode] : 0;
            var cycle = settings.Accounts.Segments[plan.AccountSegment[plan.LeadAccount[l]]].CycleMultiplier;
            (paceShock[slot], closingShock[slot]) = Shocks(l);
            if (keepTruth)
            {
                FunnelModel.Hazards(settings.Funnel, profile, calibrated, new LeadDrivers(score[slot], paceShock[slot], closingShock[slot], cycle), adv, loss);
                truth[slot] = FunnelModel.WinProbability(adv, loss, horizon, window, settings.Funnel.MinDaysToClose);
            }
        });
        return new LeadValues(nodeValues, score, engagement, responsiveness, paceShock, closingShock, truth);
    }

    private double InteractionShift(int l) => _interaction[_plan.LeadChannel[l], _plan.AccountSegment[_plan.LeadAccount[l]]];

    private double KnownShift(int l)
    {
        var a = _plan.LeadAccount[l];
        return _settings.Narrative.Channels[_plan.LeadChannel[l]].QualityShift
            + _settings.Accounts.Segments[_plan.AccountSegment[a]].ConversionShift
            + (_settings.Narrative.Market.IndustryFitShift.Count > _plan.AccountIndustry[a] ? _settings.Narrative.Market.IndustryFitShift[_plan.AccountIndustry[a]] : 0);
    }

    private double RawScore(int l, Span<double> values)
    {
        var shift = _repQuality[_plan.LeadRep[l]]
            - (_settings.Reps.WorkloadPenalty * _plan.LeadRepLoad[l] / 10.0)
            + (_settings.Arrival.VintageDrift * _plan.LeadCreatedDay[l] / 365.25);
        return values[_outcomeNode] + shift;
    }

    private void Regressors(Span<double> values, Span<double> x)
    {
        for (var j = 0; j < _measuredNodes.Length; j++)
        {
            x[j] = values[_measuredNodes[j]];
        }
    }

    private void EvaluateLead(int l, Span<double> noise, Span<double> values)
    {
        FillNoise(noise, _worldNoise, _levels, 1, _accountNoise.Stream(_plan.LeadAccount[l]));
        FillNoise(noise, _worldNoise, _levels, 2, _contactNoise.Stream(_plan.LeadContact[l]), keepCoarser: true);
        FillNoise(noise, _worldNoise, _levels, 3, _leadNoise.Stream(l), keepCoarser: true);
        _evaluator.Evaluate(noise, values);
    }

    private (double Pace, double Closing) Shocks(int l)
    {
        var rng = _shocks.Stream(l);
        var pace = rng.NextGaussian();
        return (pace, rng.NextGaussian());
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

    internal static (double Mean, double Sd) MeanSd(double[] values)
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

    /// <summary>What <see cref="StandardiseOnSample"/> fits: the score normaliser, the score's and engagement's mean and SD, the sample's drivers.</summary>
    public sealed record Standardisation(ScoreNormaliser Normaliser, double Mean, double Sd, double EngagementMean, double EngagementSd, LeadDrivers[] SampleDrivers);

    /// <summary>What <see cref="Calibrate"/> solves: the funnel calibration, the tier's target rate, and the rate and sales cycle the calibrated model gives.</summary>
    public readonly record struct Calibration(FunnelCalibration Funnel, double TargetRate, double CalibratedRate, double ModelSalesCycleDays);

    /// <summary>The per-lead values of the shard's leads, at their slots (<see cref="EvaluateLeads"/>).</summary>
    public sealed record LeadValues(double[] NodeValues, double[] Score, double[] Engagement, double[] Responsiveness, double[] PaceShock, double[] ClosingShock, double[] TrueProbability);
}
