using System.Diagnostics;

namespace LeadForge.Tests.Schemes.LeadScoring;

/// <summary>Figures for the closing note; run by hand (dotnet test --filter FullyQualifiedName~LeadScoringReportTests).</summary>
[Explicit("prints figures for the closing note")]
public class LeadScoringReportTests
{
    [Test]
    public void Prints_row_counts_conversion_and_generation_time_per_tier_for_seed_42_at_5000_leads()
    {
        WorldBundle Run(Difficulty tier, ExposureMode mode) =>
            Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithDifficulty(tier).WithExposure(mode).WithLeads(5000).Generate();

        _ = Run(Difficulty.Intermediate, ExposureMode.ResearchInstructor); // JIT warm-up, not timed
        TestContext.Out.WriteLine($"degree of parallelism: default ({Environment.ProcessorCount} logical processors)");
        foreach (var tier in new[] { Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced })
        {
            foreach (var mode in new[] { ExposureMode.ResearchInstructor, ExposureMode.StudentPublic })
            {
                var sw = Stopwatch.StartNew();
                var bundle = Run(tier, mode);
                var ms = sw.Elapsed.TotalMilliseconds;
                var task = bundle.Tasks["converted_within_90_days"];
                var label = task.Splits.SelectMany(s => Enumerable.Range(0, s.Table.RowCount).Select(r => s.Table["converted_within_90_days"].As<bool>()[r] == true)).ToArray();
                var rate = label.Count(x => x) / (double)label.Length;
                TestContext.Out.WriteLine($"{tier.ToWire()} / {mode.ToWire()}: conversion {rate:0.0000}, {ms:0} ms; "
                    + string.Join(", ", bundle.Tables.Select(t => $"{t.Name} {t.RowCount}"))
                    + $"; task train/valid/test {task.Train.RowCount}/{task.Valid.RowCount}/{task.Test.RowCount}");
                Assert.That(label, Has.Length.EqualTo(5000));
            }
        }
    }
}
