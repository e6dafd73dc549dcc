using LeadForge.Configuration;
using LeadForge.Schemes;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Tests.Schemes.LeadScoring.Rendering;
using LeadForge.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Tests.Core.Schemes;

/// <summary>A scheme declares its tasks (issue 12 point 1): bundles hold exactly those, and the catalog's primary task is the first.</summary>
public sealed class DeclaredTaskTests
{
    [Test]
    public void A_scheme_that_renders_a_task_it_did_not_declare_fails_loudly()
    {
        var config = Generator.FromRecipe("tiny_world_v1").WithSeed(3).ResolveConfig();
        var misdeclared = new TinyScheme { DeclaredTasks = [TinyScheme.Conversion with { AnchorPolicy = AnchorPolicy.FixedDate }] };
        var missing = new TinyScheme { DeclaredTasks = [TinyScheme.Conversion, TinyScheme.Conversion with { Id = "tiny_churn" }] };
        Assert.Multiple(() =>
        {
            Assert.That(() => misdeclared.Generate(Context(config)), Throws.InvalidOperationException.With.Message.Contains("declares task 'tiny_conversion' at position 0"));
            Assert.That(() => missing.Generate(Context(config)), Throws.InvalidOperationException.With.Message.Contains("'tiny_churn' at position 1 but did not render it"));
            Assert.That(new TinyScheme().Generate(Context(config)).Tasks.Select(t => t.Id), Is.EqualTo(new[] { "tiny_conversion" }));
        });
    }

    [Test]
    public void The_declared_tasks_are_the_bundle_tasks_and_the_first_is_the_primary_one()
    {
        var scheme = new LeadScoringScheme();
        var bundle = LeadScoringWorlds.Builder(ExposureMode.StudentPublic, Difficulty.Intro, 500).Generate();
        Assert.Multiple(() =>
        {
            Assert.That(bundle.Tasks.Select(t => t.Id), Is.EqualTo(scheme.Tasks.Select(t => t.Id)));
            Assert.That(scheme.Tasks[0].Describes(bundle.Tasks[0].Manifest), Is.True);
            Assert.That(bundle.Tasks[0].Manifest.AnchorOffsetDays, Is.EqualTo(30));
            Assert.That(RecipeCatalog.List().Single(r => r.Id == "b2b_saas_procurement_v1").PrimaryTask, Is.EqualTo(scheme.Tasks[0].Id));
        });
    }

    [Test]
    public void A_task_window_in_the_recipe_reaches_the_task_manifest_and_the_labels()
    {
        var overrides = "tasks:\n  converted_within_90_days:\n    snapshot_day: 14\n    label_window_days: 45\n";
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(5).WithCount("leads", 1500).WithOverrideText(overrides).Generate();
        var baseline = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(5).WithCount("leads", 1500).Generate();
        var manifest = bundle.Tasks[0].Manifest;
        static double Rate(WorldBundle b) =>
            b.Tasks[0].Splits.Sum(s => s.Table["converted_within_90_days"].As<bool>().Values.ToArray().Count(x => x)) / (double)b.Tasks[0].Splits.Sum(s => s.Table.RowCount);
        Assert.Multiple(() =>
        {
            Assert.That((manifest.AnchorOffsetDays, manifest.LabelWindowDays), Is.EqualTo(((int?)14, (int?)45)));
            Assert.That(manifest.AnchorRule, Does.Contain("+ 14 days"));
            Assert.That(Rate(bundle), Is.LessThan(Rate(baseline)), "a shorter label window labels fewer leads converted");
        });
    }

    private static GenerationContext Context(GenerationConfig config) => new(config, 1, null, null, NullLogger.Instance, CancellationToken.None);
}
