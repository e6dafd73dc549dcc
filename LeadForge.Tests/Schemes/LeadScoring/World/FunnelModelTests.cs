using LeadForge.Schemes.LeadScoring.World;

namespace LeadForge.Tests.Schemes.LeadScoring.World;

/// <summary>
/// The funnel's closed forms against plain references: the in-place win-probability DP against a
/// straightforward (day, stage) table and against Monte Carlo paths of the daily rule, and the
/// unbounded sales cycle against simulated paths with no horizon.
/// </summary>
public class FunnelModelTests
{
    private static IEnumerable<TestCaseData> HazardSets()
    {
        yield return new TestCaseData(new[] { 0.05, 0.06, 0.1, 0.15, 0.15, 0.12, 0.08 }, new[] { 0.002, 0.002, 0.002, 0.003, 0.003, 0.004, 0.03 }, 30).SetName("typical lead, 30 days minimum");
        yield return new TestCaseData(new[] { 0.3, 0.3, 0.4, 0.5, 0.5, 0.5, 0.4 }, new[] { 0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.05 }, 0).SetName("fast lead, no minimum");
        yield return new TestCaseData(new[] { 0.02, 0.02, 0.03, 0.04, 0.04, 0.04, 0.02 }, new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2 }, 45).SetName("slow lead, lossless until negotiation");
    }

    /// <summary>The DP written the plain way: a fresh (day, stage) row per day, loss before advance.</summary>
    private static double ReferenceWin(double[] advance, double[] loss, int days, int minDays)
    {
        var dist = new double[FunnelModel.OpenStages];
        dist[0] = 1;
        var won = 0.0;
        for (var t = 0; t < days; t++)
        {
            var next = new double[FunnelModel.OpenStages];
            for (var s = 0; s < FunnelModel.OpenStages; s++)
            {
                var (a, l) = FunnelModel.OnDay(s, t, minDays, advance, loss);
                var moved = dist[s] * (1 - l) * a;
                next[s] += (dist[s] * (1 - l)) - moved;
                if (s == FunnelModel.OpenStages - 1)
                {
                    won += moved;
                }
                else
                {
                    next[s + 1] += moved;
                }
            }

            dist = next;
        }

        return won;
    }

    /// <summary>One path of the daily rule; returns (won, day the opportunity opened, day won).</summary>
    private static (bool Won, int Opened, int Closed) Path(double[] advance, double[] loss, int days, int minDays, Random rng)
    {
        var stage = 0;
        var opened = -1;
        for (var t = 0; t < days; t++)
        {
            var (a, l) = FunnelModel.OnDay(stage, t, minDays, advance, loss);
            var r = rng.NextDouble();
            if (r < l)
            {
                return (false, opened, t);
            }

            if (r < l + ((1 - l) * a))
            {
                stage++;
                if (stage == (int)FunnelModel.OpportunityStage)
                {
                    opened = t;
                }

                if (stage == FunnelModel.OpenStages)
                {
                    return (true, opened, t);
                }
            }
        }

        return (false, opened, days);
    }

    [TestCaseSource(nameof(HazardSets))]
    public void The_win_probability_equals_the_plain_day_by_stage_table(double[] advance, double[] loss, int minDays)
    {
        foreach (var window in new[] { 1, 10, 30, 90, 365 })
        {
            Assert.That(FunnelModel.WinProbability(advance, loss, 90, window, minDays), Is.EqualTo(ReferenceWin(advance, loss, Math.Min(90, window), minDays)).Within(1e-12), $"label window {window}");
        }
    }

    [TestCaseSource(nameof(HazardSets))]
    public void The_win_probability_matches_simulated_paths_of_the_daily_rule(double[] advance, double[] loss, int minDays)
    {
        const int paths = 200_000;
        var rng = new Random(12345);
        var wins = 0;
        for (var i = 0; i < paths; i++)
        {
            if (Path(advance, loss, 90, minDays, rng).Won)
            {
                wins++;
            }
        }

        var p = FunnelModel.WinProbability(advance, loss, 90, 90, minDays);
        var se = Math.Sqrt(Math.Max(p * (1 - p), 1e-4) / paths);
        Assert.That(wins / (double)paths, Is.EqualTo(p).Within(4 * se), $"model {p:0.0000}");
    }

    [Test]
    public void Nobody_wins_before_the_minimum_days_to_close()
    {
        double[] advance = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
        double[] loss = [0, 0, 0, 0, 0, 0, 0];
        Assert.Multiple(() =>
        {
            Assert.That(FunnelModel.WinProbability(advance, loss, 90, 20, 20), Is.Zero, "window ends on the minimum day");
            Assert.That(FunnelModel.WinProbability(advance, loss, 90, 21, 20), Is.EqualTo(0.9).Within(1e-6), "everyone waits at negotiation, then 90% close on the first allowed day");
        });
    }

    [TestCaseSource(nameof(HazardSets))]
    public void The_unbounded_cycle_matches_simulated_paths_with_no_horizon(double[] advance, double[] loss, int minDays)
    {
        _ = minDays; // the closed form leaves the minimum-days rule out, so the paths do too
        const int paths = 200_000;
        var rng = new Random(777);
        var cycles = new List<double>();
        for (var i = 0; i < paths; i++)
        {
            var (won, opened, closed) = Path(advance, loss, 100_000, 0, rng);
            if (won)
            {
                cycles.Add(closed - opened);
            }
        }

        var (win, cycle) = FunnelModel.UnboundedCycle(advance, loss);
        var mean = cycles.Average();
        var sd = Math.Sqrt(cycles.Sum(c => (c - mean) * (c - mean)) / (cycles.Count - 1));
        Assert.Multiple(() =>
        {
            Assert.That(cycles.Count / (double)paths, Is.EqualTo(win).Within(4 * Math.Sqrt(Math.Max(win * (1 - win), 1e-4) / paths)), "P(ever won)");
            Assert.That(mean, Is.EqualTo(cycle).Within(4 * sd / Math.Sqrt(cycles.Count)), "mean days opportunity -> closed_won among won paths");
        });
    }
}
