using System.Collections.Concurrent;
using System.Diagnostics;
using LeadForge.Schemes.LeadScoring;

namespace LeadForge.Tests.Schemes.LeadScoring.Simulation;

public class FunnelSimulatorTests
{
    private static IEnumerable<TestCaseData> RealismCases()
    {
        foreach (var (tier, lo, hi) in new[] { (Difficulty.Intro, 0.30, 0.45), (Difficulty.Intermediate, 0.18, 0.28), (Difficulty.Advanced, 0.08, 0.15) })
        {
            foreach (var seed in new[] { 42, 43, 44, 45, 46 })
            {
                yield return new TestCaseData(tier, seed, lo, hi).SetArgDisplayNames(tier.ToWire(), seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static IEnumerable<TestCaseData> CycleCases() =>
        RealismCases().Select(c => new TestCaseData(c.Arguments[0], c.Arguments[1]).SetArgDisplayNames(((Difficulty)c.Arguments[0]!).ToWire(), c.Arguments[1]!.ToString()!));

    /// <summary>What the realism tests read from one 5,000-lead instructor run (computed once per tier and seed, bundles not kept).</summary>
    private sealed record RealismFigures(double ConversionRate, double OpportunityByDay30, double MedianOpportunityToWonDays, double MedianLeadToWonDays, int Wins, int CycleDays, string Family, long Milliseconds);

    private static readonly ConcurrentDictionary<(Difficulty, int), Lazy<RealismFigures>> Figures = new();

    private static RealismFigures FiguresFor(Difficulty tier, int seed) => Figures.GetOrAdd((tier, seed), _ => new Lazy<RealismFigures>(() =>
    {
        var sw = Stopwatch.StartNew();
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(seed).WithDifficulty(tier).WithExposure(ExposureMode.ResearchInstructor)
            .WithLeads(5000).WithDegreeOfParallelism(2).Generate();
        var elapsed = sw.ElapsedMilliseconds;
        var view = new LeadScoringBundleView(bundle);
        var settings = (LeadScoringSettings)bundle.Config.Recipe.World;

        // Opportunity by day 30: an opportunity created before lead_created_at + snapshot_day.
        var snapshotDay = ((LeadForge.Schemes.LeadScoring.LeadScoringSettings)bundle.Config.Recipe.World).Tasks.ConvertedWithin90Days.SnapshotDay;
        var withOpportunity = view.CountWithin("opportunities", "created_at", snapshotDay).Count(c => c > 0) / (double)view.LeadCount;

        // Time to close: opportunity created -> closed_won, in days, over won opportunities.
        var opps = bundle.Tables["opportunities"];
        var outcome = opps["close_outcome"].AsString();
        var lead = opps["lead_id"].AsString();
        var created = opps["created_at"].As<DateTime>();
        var closed = opps["closed_at"].As<DateTime>();
        var won = Enumerable.Range(0, opps.RowCount).Where(r => outcome[r] == "closed_won").ToArray();
        var toClose = won.Select(r => (closed[r]!.Value - created[r]!.Value).TotalDays).ToArray();
        var fromLead = won.Select(r => (closed[r]!.Value - view.Created[view.LeadRow(lead[r]!)]).TotalDays).ToArray();
        var figures = new RealismFigures(view.ConversionRate, withOpportunity, LeadScoringBundleView.Median(toClose), LeadScoringBundleView.Median(fromLead), won.Length, settings.Narrative.Market.AvgSalesCycleDays, bundle.Truth!.Graph.Family, elapsed);
        TestContext.Out.WriteLine($"{tier.ToWire()} seed {seed}: {figures}");
        return figures;
    })).Value;

    [TestCaseSource(nameof(RealismCases))]
    public void At_5000_leads_conversion_is_in_the_tier_band_and_fewer_than_60_percent_of_leads_have_an_opportunity_by_day_30(Difficulty tier, int seed, double lo, double hi)
    {
        var f = FiguresFor(tier, seed);
        Assert.Multiple(() =>
        {
            Assert.That(f.ConversionRate, Is.InRange(lo, hi), "conversion rate");
            Assert.That(f.OpportunityByDay30, Is.LessThan(0.60), "share of leads with an opportunity by day 30");
        });
    }

    /// <remarks>
    /// "Near" is ±35% of narrative.market.avg_sales_cycle_days: won deals are cut off by the 90-day
    /// horizon (a deal still open at day 90 never counts), which biases the observed median low, and
    /// the tiers' very different conversion targets move the cycle; ±35% (29–61 days for 45) still
    /// separates "follows the narrative" from "a different world".
    /// </remarks>
    [TestCaseSource(nameof(CycleCases))]
    public void At_5000_leads_the_median_time_from_opportunity_to_closed_won_is_near_the_narratives_average_sales_cycle(Difficulty tier, int seed)
    {
        var f = FiguresFor(tier, seed);
        Assert.That(f.MedianOpportunityToWonDays, Is.InRange(f.CycleDays * 0.65, f.CycleDays * 1.35), "median opportunity created -> closed_won (days) vs narrative.market.avg_sales_cycle_days");
    }

    /// <summary>
    /// The narrative's cycle is a cause, not a label: moving <c>narrative.market.avg_sales_cycle_days</c>
    /// moves the world. The calibrated model cycle (mean opportunity → closed_won over won deals, no
    /// horizon) lands on the configured value, and the observed median of won deals rises with it.
    /// </summary>
    [Test]
    public void The_narratives_average_sales_cycle_sets_the_calibrated_cycle_and_moves_the_observed_one()
    {
        var observed = new List<double>();
        foreach (var days in new[] { 30, 45, 60 })
        {
            var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithDifficulty(Difficulty.Intermediate).WithExposure(ExposureMode.ResearchInstructor)
                .WithLeads(3000).WithOverrideText($"narrative:\n  market:\n    avg_sales_cycle_days: {days}\n").Generate();
            var mechanism = System.Text.Json.JsonDocument.Parse(bundle.Truth!.Documents.Single(d => d.FileName == "mechanism_summary.json").Json).RootElement;
            var opps = bundle.Tables["opportunities"];
            var outcome = opps["close_outcome"].AsString();
            var created = opps["created_at"].As<DateTime>();
            var closed = opps["closed_at"].As<DateTime>();
            var median = LeadScoringBundleView.Median(Enumerable.Range(0, opps.RowCount).Where(r => outcome[r] == "closed_won").Select(r => (closed[r]!.Value - created[r]!.Value).TotalDays).ToArray());
            TestContext.Out.WriteLine($"avg_sales_cycle_days {days}: model cycle {mechanism.GetProperty("model_sales_cycle_days").GetDouble()}, opportunity pace {mechanism.GetProperty("opportunity_pace").GetDouble()}, observed median {median:0.0} d, conversion {new LeadScoringBundleView(bundle).ConversionRate:0.000}");
            Assert.Multiple(() =>
            {
                Assert.That(mechanism.GetProperty("target_sales_cycle_days").GetInt32(), Is.EqualTo(days));
                Assert.That(mechanism.GetProperty("model_sales_cycle_days").GetDouble(), Is.EqualTo(days).Within(0.5), "calibrated model cycle");
                Assert.That(mechanism.GetProperty("calibrated_conversion_rate").GetDouble(), Is.EqualTo(mechanism.GetProperty("target_conversion_rate").GetDouble()).Within(1e-6), "the conversion calibration still holds");
            });
            observed.Add(median);
        }

        Assert.That(observed, Is.Ordered.Ascending.And.Unique, "observed median opportunity -> closed_won for cycles 30, 45, 60 d");
        Assert.That(observed[2] - observed[0], Is.GreaterThan(10), "a 30-day longer narrative cycle lengthens the observed median by more than 10 days");
    }

    [Test]
    public void At_20000_leads_the_segment_deal_size_multipliers_are_recovered_within_15_percent()
    {
        var view = RecoveryWorld.View;
        var settings = (LeadScoringSettings)view.Bundle.Config.Recipe.World;
        var segmentOf = view.AccountAttribute("segment");
        var opps = view.Bundle.Tables["opportunities"];
        var account = opps["account_id"].AsString();
        var acv = opps["estimated_acv"].As<double>();
        var bySegment = Enumerable.Range(0, opps.RowCount).GroupBy(r => segmentOf[account[r]!], r => acv[r]!.Value).ToDictionary(g => g.Key, g => g.ToArray());

        // The simulator draws ACV = avg_deal_size × segment multiplier × lognormal noise × a fit term, clamped
        // to the product's ACV range. Medians are untouched by the clamp (it cuts < 15% of a tail) and the
        // shared factors cancel in the ratio to the reference segment, so median(s) / median(ref) estimates
        // multiplier(s) / multiplier(ref).
        var reference = settings.Accounts.Segments.Single(s => s.DealSizeMultiplier == 1.0);
        var referenceMedian = LeadScoringBundleView.Median(bySegment[reference.Name]);
        Assert.Multiple(() =>
        {
            foreach (var segment in settings.Accounts.Segments.Where(s => s != reference))
            {
                var values = bySegment[segment.Name];
                var recovered = LeadScoringBundleView.Median(values) / referenceMedian;
                TestContext.Out.WriteLine($"{segment.Name}: {values.Length} opportunities, median ACV {LeadScoringBundleView.Median(values):0}, mean {values.Average():0}; recovered multiplier {recovered:0.000} (mean-based {values.Average() / bySegment[reference.Name].Average():0.000}), configured {segment.DealSizeMultiplier}");
                Assert.That(recovered, Is.EqualTo(segment.DealSizeMultiplier).Within(15).Percent, segment.Name);
            }
        });
    }
}
