using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.World;

namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>Steps each lead day by day from creation to the horizon and records what happened.</summary>
internal static class FunnelSimulator
{
    /// <summary>Leads simulated together by one worker into one <see cref="HistoryBlock"/>.</summary>
    internal const int BlockSize = 512;

    public static LeadHistory?[] Run(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, HiddenWorld world, RandomSource random, bool[] inShard, Action<int, Action<int>> parallelFor)
    {
        var histories = new LeadHistory?[plan.LeadCount];
        var profile = settings.DifficultyProfiles.For(config.Difficulty);
        var streams = random.Derive("simulation/leads");
        var contractTable = new CategoricalTable(settings.Narrative.Product.ContractTermWeights);
        var decay = new DecayTables(settings.Events, config.Recipe.HorizonDays);
        var writers = new System.Collections.Concurrent.ConcurrentBag<HistoryBlockWriter>();
        var blocks = (plan.LeadCount + BlockSize - 1) / BlockSize;
        parallelFor(blocks, b =>
        {
            var first = b * BlockSize;
            var end = Math.Min(first + BlockSize, plan.LeadCount);
            var leads = 0;
            for (var l = first; l < end; l++)
            {
                leads += inShard[l] ? 1 : 0;
            }

            if (leads == 0)
            {
                return;
            }

            if (!writers.TryTake(out var writer))
            {
                writer = new HistoryBlockWriter();
            }

            writer.Start(leads);
            for (var l = first; l < end; l++)
            {
                if (inShard[l])
                {
                    SimulateLead(writer, l, settings, config, profile, plan, world, streams.Stream(l), contractTable, decay);
                }
            }

            var block = writer.Finish();
            writers.Add(writer);
            for (int l = first, slot = 0; l < end; l++)
            {
                if (inShard[l])
                {
                    histories[l] = new LeadHistory(block, slot++);
                }
            }
        });
        return histories;
    }

    /// <summary>The daily decay factors of the touch and session rates, computed once per run.</summary>
    private sealed class DecayTables
    {
        public DecayTables(EventSettings events, int horizon)
        {
            Touch = new double[horizon];
            Session = new double[horizon];
            for (var t = 0; t < horizon; t++)
            {
                Touch[t] = Math.Pow(events.TouchDecay, t);
                Session[t] = Math.Pow(events.TouchDecay, t / 2.0);
            }
        }

        public double[] Touch { get; }

        public double[] Session { get; }
    }

    private static void SimulateLead(HistoryBlockWriter h, int l, LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, DifficultyProfile profile, PopulationPlan plan, HiddenWorld world, RandomStream rng, CategoricalTable contractTable, DecayTables decay)
    {
        h.BeginLead();
        var account = plan.LeadAccount[l];
        var segment = settings.Accounts.Segments[plan.AccountSegment[account]];
        var channel = settings.Narrative.Channels[plan.LeadChannel[l]];
        var createdSecond = plan.LeadCreatedSecond[l];
        Span<double> advance = stackalloc double[FunnelModel.OpenStages];
        Span<double> loss = stackalloc double[FunnelModel.OpenStages];
        FunnelModel.Hazards(settings.Funnel, profile, world.Calibration, world.Drivers(l, segment.CycleMultiplier), advance, loss);

        var events = settings.Events;
        var engagement = Math.Exp(events.EngagementEffect * world.Engagement(l));
        var connectProbability = FunnelModel.Sigmoid(0.3 + (0.8 * world.Responsiveness(l)));

        h.EnterStage(FunnelStage.Mql, new Moment(0, 0));
        h.Add(new TouchEvent(new Moment(0, 0), TouchTypes.Originating(channel.Inbound), channel.Inbound, (byte)plan.LeadChannel[l]));
        var stage = FunnelStage.Mql;
        var horizon = config.Recipe.HorizonDays;
        for (var t = 0; t < horizon; t++)
        {
            // Transition first: its time splits the day; events of the day happen before it when terminal.
            var r = rng.NextDouble();
            var transitionAt = At(t, createdSecond, rng);
            var terminal = false;
            var (advanceToday, lossToday) = FunnelModel.OnDay((int)stage, t, settings.Funnel.MinDaysToClose, advance, loss);
            if (r < lossToday)
            {
                h.Close(LeadOutcome.Lost, transitionAt, stage);
                terminal = true;
            }
            else if (r < lossToday + ((1 - lossToday) * advanceToday))
            {
                stage++;
                h.EnterStage(stage, transitionAt);
                if (stage == FunnelModel.OpportunityStage)
                {
                    var acv = DrawAcv(settings, segment, world.AccountFit[account], rng);
                    h.SetDeal(acv, settings.Narrative.Product.ContractTermsMonths[rng.Choose(contractTable)]);
                }

                if (stage == FunnelStage.ClosedWon)
                {
                    h.Close(LeadOutcome.Won, transitionAt, null);
                    terminal = true;
                }
                else if (ActivityTypes.ForStageEntry(stage) is var (type, outcome))
                {
                    // Stage moves are recorded by the rep as an activity at the same moment.
                    h.Add(new ActivityEvent(transitionAt, type, outcome));
                }
            }

            EmitDayEvents(h, t, createdSecond, stage, terminal ? transitionAt : (Moment?)null, engagement, connectProbability, channel.Inbound, (byte)plan.LeadChannel[l], events, decay, rng);
            if (terminal)
            {
                break;
            }
        }

        h.EndLead();
    }

    private static void EmitDayEvents(HistoryBlockWriter h, int t, int createdSecond, FunnelStage stage, Moment? before, double engagement, double connectProbability, bool inboundChannel, byte channel, EventSettings events, DecayTables decay, RandomStream rng)
    {
        var late = stage >= FunnelModel.OpportunityStage;
        var touchRate = events.TouchRate * engagement * decay.Touch[t] * (late ? 0.7 : 1.0);
        var touches = Math.Min(rng.NextPoisson(touchRate), 20);
        for (var k = 0; k < touches; k++)
        {
            var at = At(t, createdSecond, rng);
            var inbound = rng.NextBool(inboundChannel ? 0.65 : 0.3);
            var types = inbound ? TouchTypes.Inbound : TouchTypes.Outbound;
            var type = types[rng.NextInt(types.Length)];
            if (before is null || at.CompareTo(before.Value) < 0)
            {
                h.Add(new TouchEvent(at, type, inbound, inbound ? (byte)255 : channel));
            }
        }

        var sessionRate = events.SessionRate * engagement * (late ? 1.6 : 1.0) * decay.Session[t];
        var sessions = Math.Min(rng.NextPoisson(sessionRate), 10);
        for (var k = 0; k < sessions; k++)
        {
            var at = At(t, createdSecond, rng);
            var pricingShare = late ? 0.35 : 0.12;
            var demoShare = stage is FunnelStage.Sql or FunnelStage.DemoScheduled or FunnelStage.DemoCompleted ? 0.3 : 0.08;
            var u = rng.NextDouble();
            var type = u < pricingShare ? SessionType.PricingPage : u < pricingShare + demoShare ? SessionType.DemoPage : SessionType.Website;
            var pages = (short)(1 + rng.NextPoisson(2.0 * Math.Sqrt(engagement)));
            var pricing = (short)(type == SessionType.PricingPage ? 1 + rng.NextPoisson(0.6) : 0);
            var demo = (short)(type == SessionType.DemoPage ? 1 + rng.NextPoisson(0.5) : 0);
            pages = (short)Math.Max(pages, pricing + demo);
            var duration = (int)Math.Round(pages * 45 * Math.Exp(0.5 * rng.NextGaussian()));
            if (before is null || at.CompareTo(before.Value) < 0)
            {
                h.Add(new SessionEvent(at, type, pages, pricing, demo, Math.Max(5, duration)));
            }
        }

        if (ActivityTypes.Worked(stage) && rng.NextBool(events.ActivityProbability))
        {
            var at = At(t, createdSecond, rng);
            var types = ActivityTypes.Daily(stage);
            var type = types[rng.NextInt(types.Length)];

            // A meeting always connects; a call or email connects with the lead's responsiveness.
            var outcome = type == ActivityType.Meeting ? ActivityOutcome.Connected
                : rng.NextBool(connectProbability) ? ActivityOutcome.Connected
                : ActivityTypes.NotConnected[rng.NextInt(ActivityTypes.NotConnected.Length)];
            if (before is null || at.CompareTo(before.Value) < 0)
            {
                h.Add(new ActivityEvent(at, type, outcome));
            }
        }
    }

    /// <summary>A moment on relative day <paramref name="t"/> whose clock time falls in business hours.</summary>
    private static Moment At(int t, int createdSecond, RandomStream rng)
    {
        var clock = PopulationPlan.BusinessSecond(rng);
        var offset = ((clock - createdSecond) % 86_400 + 86_400) % 86_400;
        return new Moment(t, offset == 0 ? 1 : offset);
    }

    private static double DrawAcv(LeadScoringSettings settings, SegmentSettings segment, double accountFit, RandomStream rng)
    {
        var product = settings.Narrative.Product;
        var median = settings.Narrative.Market.AvgDealSizeUsd * segment.DealSizeMultiplier;
        var acv = median * Math.Exp((0.3 * rng.NextGaussian()) + (0.1 * accountFit));
        return Math.Round(Math.Clamp(acv, product.AcvRangeUsd[0], product.AcvRangeUsd[1]) / 100) * 100;
    }
}
