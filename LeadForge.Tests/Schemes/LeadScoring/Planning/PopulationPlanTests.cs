using LeadForge.Randomness;
using LeadForge.Schemes;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Schemes.LeadScoring.Planning;

namespace LeadForge.Tests.Schemes.LeadScoring.Planning;

public class PopulationPlanTests
{
    [Test]
    public void The_plan_is_the_same_sequential_and_on_four_threads()
    {
        var config = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(8).WithLeads(30_000).ResolveConfig();
        var settings = (LeadScoringSettings)config.Recipe.World;
        var sequential = PopulationPlan.Create(settings, config, RandomSource.FromSeed(config.Seed));
        var parallel = PopulationPlan.Create(settings, config, RandomSource.FromSeed(config.Seed), (count, body) => Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, body));

        Assert.Multiple(() =>
        {
            foreach (var property in typeof(PopulationPlan).GetProperties().Where(p => p.PropertyType == typeof(int[]) || p.PropertyType == typeof(bool[])))
            {
                Assert.That(property.GetValue(parallel), Is.EqualTo(property.GetValue(sequential)), property.Name);
            }

            foreach (var (property, count) in LeadColumns.Select(p => (p, parallel.LeadCount)).Concat(ContactColumns.Select(p => (p, parallel.ContactCount))))
            {
                var (a, b) = ((EntityColumn)property.GetValue(parallel)!, (EntityColumn)property.GetValue(sequential)!);
                Assert.That(Enumerable.Range(0, count).Select(i => a[i]), Is.EqualTo(Enumerable.Range(0, count).Select(i => b[i])), property.Name);
            }

            Assert.That((parallel.AccountCount, parallel.ContactCount, parallel.LeadCount), Is.EqualTo((9_000, 25_200, 30_000)));
        });
    }

    [Test]
    public void A_sharded_plan_holds_the_shards_leads_and_the_calibration_sample_with_the_whole_plans_values()
    {
        var config = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(8).WithLeads(30_000).ResolveConfig();
        var settings = (LeadScoringSettings)config.Recipe.World;
        var whole = PopulationPlan.Create(settings, config, RandomSource.FromSeed(config.Seed));
        var sample = LeadForge.Schemes.LeadScoring.World.HiddenWorld.CalibrationSample(whole.LeadCount);
        var covered = new bool[whole.LeadCount];
        var contactsCovered = new List<int>();
        for (var k = 0; k < 3; k++)
        {
            var shard = PopulationPlan.Create(settings, config, RandomSource.FromSeed(config.Seed), shard: new ShardSpec(k, 3));
            Assert.That(shard.BlockBounds, Is.EqualTo(whole.BlockBounds));
            var held = Enumerable.Range(0, whole.LeadCount).Where(l => shard.InShard[l]).Union(sample).Order().ToArray();
            Assert.That(shard.InShard.Count(x => x), Is.InRange(whole.LeadCount / 5, whole.LeadCount / 2), $"shard {k}/3 holds about a third of the leads");
            foreach (var property in LeadColumns)
            {
                var (part, all) = ((EntityColumn)property.GetValue(shard)!, (EntityColumn)property.GetValue(whole)!);
                Assert.That(held.Select(l => part[l]), Is.EqualTo(held.Select(l => all[l])), $"{property.Name}, shard {k}/3");
            }

            foreach (var property in ContactColumns)
            {
                var (part, all) = ((EntityColumn)property.GetValue(shard)!, (EntityColumn)property.GetValue(whole)!);
                Assert.That(shard.ShardContacts.Select(c => part[c]), Is.EqualTo(shard.ShardContacts.Select(c => all[c])), $"{property.Name}, shard {k}/3");
            }

            var (start, end) = LeadForge.Schemes.LeadScoring.Rendering.SplitBlocks.ShardAccounts(whole.BlockBounds, new ShardSpec(k, 3));
            Assert.That(shard.ShardContacts, Is.EqualTo(whole.ShardContacts.Where(c => whole.ContactAccount[c] >= start && whole.ContactAccount[c] < end)), "the shard holds exactly its accounts' contacts");
            Assert.That(Enumerable.Range(0, whole.LeadCount).Where(l => shard.InShard[l]).Select(l => whole.LeadContact[l]), Has.All.Matches<int>(c => shard.ContactSlots![c] >= 0), "every lead's contact is held");
            contactsCovered.AddRange(shard.ShardContacts);

            var outside = Enumerable.Range(0, whole.LeadCount).First(l => !shard.InShard[l] && !sample.Contains(l));
            Assert.That(() => shard.LeadAccount[outside], Throws.InstanceOf<IndexOutOfRangeException>(), "a lead the shard does not hold cannot be read");
            for (var l = 0; l < covered.Length; l++)
            {
                Assert.That(covered[l] && shard.InShard[l], Is.False, "no lead is in two shards");
                covered[l] |= shard.InShard[l];
            }
        }

        Assert.That(covered, Has.All.True, "every lead is in one of the shards");
        Assert.That(contactsCovered.Order(), Is.EqualTo(Enumerable.Range(0, whole.ContactCount)), "the shards' contacts partition the contacts");
    }

    private static IEnumerable<System.Reflection.PropertyInfo> LeadColumns =>
        typeof(PopulationPlan).GetProperties().Where(p => p.PropertyType == typeof(EntityColumn) && p.Name.StartsWith("Lead", StringComparison.Ordinal));

    private static IEnumerable<System.Reflection.PropertyInfo> ContactColumns =>
        typeof(PopulationPlan).GetProperties().Where(p => p.PropertyType == typeof(EntityColumn) && p.Name.StartsWith("Contact", StringComparison.Ordinal));

    [Test]
    public void At_20000_leads_weekday_shares_of_lead_creation_are_within_5_points_of_the_configured_weights()
    {
        var view = RecoveryWorld.View;
        var arrival = ((LeadScoringSettings)view.Bundle.Config.Recipe.World).Arrival;
        var total = arrival.WeekdayWeights.Sum();
        var counts = new int[7];
        foreach (var created in view.Created)
        {
            counts[((int)created.DayOfWeek + 6) % 7]++; // Monday = 0, as in arrival.weekday_weights
        }

        Assert.Multiple(() =>
        {
            for (var k = 0; k < 7; k++)
            {
                var share = counts[k] / (double)view.LeadCount;
                var expected = arrival.WeekdayWeights[k] / total;
                TestContext.Out.WriteLine($"{(DayOfWeek)((k + 1) % 7)}: share {share:0.0000}, configured {expected:0.0000}");
                Assert.That(share, Is.EqualTo(expected).Within(0.05), ((DayOfWeek)((k + 1) % 7)).ToString());
            }
        });
    }

    [Test]
    public void At_20000_leads_the_fitted_exponential_growth_rate_of_arrivals_is_within_25_percent_of_the_configured_one()
    {
        var view = RecoveryWorld.View;
        var config = view.Bundle.Config;
        var arrival = ((LeadScoringSettings)config.Recipe.World).Arrival;
        Assert.That(arrival.Trend, Is.EqualTo(TrendKind.Exponential), "the recipe's trend; intensity ∝ (1 + growth_rate)^years");
        var start = config.Recipe.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Per calendar month of the arrival window: the leads created, the month's exposure (sum of the
        // weekday weights of its days in the window) and its mean time in years. Dividing the count by
        // exposure × month weight removes weekday and month seasonality, leaving the trend.
        var months = new SortedDictionary<(int Year, int Month), (double Count, double Exposure, double YearsSum, int Days)>();
        for (var d = 0; d < arrival.WindowDays; d++)
        {
            var date = start.AddDays(d);
            var key = (date.Year, date.Month);
            var m = months.GetValueOrDefault(key);
            months[key] = (m.Count, m.Exposure + arrival.WeekdayWeights[((int)date.DayOfWeek + 6) % 7], m.YearsSum + (d / 365.25), m.Days + 1);
        }

        foreach (var created in view.Created)
        {
            var key = (created.Year, created.Month);
            Assert.That(months.ContainsKey(key), Is.True, $"lead created {created:O} outside the arrival window");
            var m = months[key];
            months[key] = m with { Count = m.Count + 1 };
        }

        var full = months.Where(kv => kv.Value.Days >= 28).ToArray(); // a partial last month is too noisy to weigh equally
        var x = full.Select(kv => kv.Value.YearsSum / kv.Value.Days).ToArray();
        var y = full.Select(kv => Math.Log(kv.Value.Count / (kv.Value.Exposure * arrival.MonthWeights[kv.Key.Month - 1]))).ToArray();
        var (_, slope) = MathNet.Numerics.Fit.Line(x, y);
        var fitted = Math.Exp(slope) - 1;
        TestContext.Out.WriteLine($"fitted growth rate {fitted:0.000} per year (log-slope {slope:0.000} over {full.Length} months), configured {arrival.GrowthRate}");
        Assert.That(fitted, Is.EqualTo(arrival.GrowthRate).Within(25).Percent);
    }

    [Test]
    public void More_shards_than_blocks_of_accounts_is_refused_before_anything_is_written()
    {
        GeneratorBuilder Builder() => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(3).WithLeads(1000);
        var ex = Assert.Throws<GenerationException>(() => Builder().WithShard(0, 100_000).Generate())!;
        Assert.That(ex.Message, Does.Contain("Shard 0/100000").And.Contain("form 2 block(s)").And.Contain("at most 2 shard(s)"));
        Assert.That(Builder().WithShard(1, 2).Generate().Tables["leads"].RowCount, Is.GreaterThan(0), "as many shards as blocks is fine");
    }
}
