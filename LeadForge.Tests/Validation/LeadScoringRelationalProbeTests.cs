using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

/// <summary>
/// The relational probe on the lead-scoring scheme, whose task rows have their own row ids
/// (row_…) and reach the relational tables through the lead_id column.
/// </summary>
public class LeadScoringRelationalProbeTests
{
    private static readonly ValidationOptions Fast = new() { RunBaselines = false };

    private static WorldBundle Generate(ExposureMode mode) =>
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(11).WithDifficulty(Difficulty.Intro).WithExposure(mode).WithPopulation(leads: 1_500).WithDegreeOfParallelism(2).Generate();

    [Test]
    public void Public_tables_are_joined_through_lead_id_and_pass()
    {
        var report = new BundleValidator(Fast).Validate(Generate(ExposureMode.StudentPublic));
        var relational = report.Checks.Where(c => c.Id.StartsWith("leakage.relational.converted_within_90_days.", StringComparison.Ordinal)).ToArray();
        Assert.That(relational.Select(c => c.Id), Does.Contain("leakage.relational.converted_within_90_days.sessions").And.Contain("leakage.relational.converted_within_90_days.opportunities"));
        Assert.That(relational.All(c => c.Passed), Is.True, () => string.Join("\n", relational.Select(c => c.Message)));
        var sessions = relational.Single(c => c.Id.EndsWith(".sessions", StringComparison.Ordinal));
        Assert.That(sessions.Message, Does.Contain("leads.lead_id = task.lead_id"));
        Assert.That(sessions.Measured, Is.GreaterThan(0.52), "session counts per lead carry some signal; an unjoined probe scores exactly 0.5");
    }

    [Test]
    public void End_of_horizon_opportunity_stage_re_added_to_a_public_bundle_is_caught()
    {
        var pub = Generate(ExposureMode.StudentPublic);
        var instructor = Generate(ExposureMode.ResearchInstructor);
        var finalStage = new Dictionary<string, string>(StringComparer.Ordinal);
        var io = instructor.Tables["opportunities"];
        for (var r = 0; r < io.RowCount; r++)
        {
            finalStage[io["opportunity_id"].AsString()[r]!] = io["stage"].AsString()[r]!;
        }

        var opportunities = pub.Tables["opportunities"];
        var ids = opportunities["opportunity_id"].AsString();
        var leaky = opportunities.ReplaceStrings("stage", (r, v) => finalStage.GetValueOrDefault(ids[r]!, v!));
        Assert.That(Enumerable.Range(0, leaky.RowCount).Count(r => leaky["stage"].AsString()[r] == "closed_won"), Is.GreaterThan(50), "the edit re-adds end-of-horizon outcomes");

        var report = new BundleValidator(Fast).Validate(pub.WithTable(leaky));
        var check = report.Find("leakage.relational.converted_within_90_days.opportunities")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("opportunities.stage=closed_won"));
    }
}
