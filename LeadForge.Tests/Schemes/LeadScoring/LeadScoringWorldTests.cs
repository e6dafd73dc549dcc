using System.Diagnostics;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring;

public class LeadScoringWorldTests
{
    private static WorldBundle Generate(Difficulty tier, int seed = 42, int leads = 5000, ExposureMode mode = ExposureMode.ResearchInstructor, int dop = 2) =>
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(seed).WithDifficulty(tier).WithExposure(mode).WithPopulation(leads: leads).WithDegreeOfParallelism(dop).Generate();

    private static double ConversionRate(WorldBundle b)
    {
        var label = b.Tables["leads"]["converted_within_90_days"].As<bool>();
        var n = 0;
        for (var i = 0; i < label.Length; i++)
        {
            n += label[i] == true ? 1 : 0;
        }

        return (double)n / label.Length;
    }

    [TestCase(Difficulty.Intro, 0.30, 0.45)]
    [TestCase(Difficulty.Intermediate, 0.18, 0.28)]
    [TestCase(Difficulty.Advanced, 0.08, 0.15)]
    public void Conversion_rate_is_inside_the_tier_band_and_opportunities_by_day_30_stay_below_60_percent(Difficulty tier, double lo, double hi)
    {
        foreach (var seed in new[] { 42, 43 })
        {
            var sw = Stopwatch.StartNew();
            var b = Generate(tier, seed);
            var rate = ConversionRate(b);
            var task = b.Tasks["converted_within_90_days"];
            var rows = task.Train.RowCount + task.Valid.RowCount + task.Test.RowCount;
            var withOpp = task.Splits.Sum(s => Count(s.Table["opportunity_created"].As<bool>()));
            TestContext.Out.WriteLine($"{tier} seed {seed}: conversion {rate:0.000}, opp by day 30 {(double)withOpp / rows:0.000}, family {b.Truth!.Graph.Family}, oracle AUC {b.Truth.OracleAuc:0.000}, {sw.ElapsedMilliseconds} ms; " + string.Join(", ", b.Tables.Select(t => $"{t.Name} {t.RowCount}")));
            Assert.That(rate, Is.InRange(lo, hi), $"seed {seed}");
            Assert.That((double)withOpp / rows, Is.LessThan(0.60), $"seed {seed}");
        }
    }

    private static int Count(ValueColumn<bool> c)
    {
        var n = 0;
        for (var i = 0; i < c.Length; i++)
        {
            n += c[i] == true ? 1 : 0;
        }

        return n;
    }
}
