using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation.Checks;

/// <summary><see cref="BundleValidator.CompareDeterminism"/> on bundles that differ in known ways.</summary>
public sealed class DeterminismComparisonTests
{
    [Test]
    public void Identical_bundles_say_what_they_share()
    {
        var a = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var b = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var report = BundleValidator.CompareDeterminism(a, b);
        var hash = a.Config.ComputeHash();
        Assert.Multiple(() =>
        {
            Assert.That(report.Subject, Is.EqualTo("determinism of tiny_world_v1 seed 7 vs seed 7"));
            Assert.That(report.Find("determinism.config_hash")!.Message, Is.EqualTo($"Both bundles share the config hash {hash}."));
            var leads = report.Find("determinism.table.leads")!;
            Assert.That(leads.Message, Is.EqualTo($"table leads: identical content ({a.Tables["leads"].RowCount:N0} rows, hash {a.Tables["leads"].ComputeContentHash()[..16]}…)."));
            Assert.That(report.Checks.Select(c => c.Id), Is.EquivalentTo(
                a.Tables.Names.Select(n => $"determinism.table.{n}").Append("determinism.config_hash")
                    .Concat(new[] { "train", "valid", "test" }.Select(s => $"determinism.task.tiny_conversion.{s}"))));
            Assert.That(report.Checks.All(c => c.Category == CheckCategory.Determinism && c.Severity == CheckSeverity.Error), Is.True);
        });
    }

    [Test]
    public void Different_seeds_differ_in_config_hash_and_content()
    {
        var a = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var b = BundleEdits.Tiny(ExposureMode.ResearchInstructor, seed: 8);
        var report = BundleValidator.CompareDeterminism(a, b);
        Assert.That(report.Subject, Is.EqualTo("determinism of tiny_world_v1 seed 7 vs seed 8"));
        Assert.That(report.Find("determinism.config_hash")!.Passed, Is.False);
        Assert.That(report.Find("determinism.config_hash")!.Message, Is.EqualTo($"Config hashes differ: {a.Config.ComputeHash()} vs {b.Config.ComputeHash()}."));
        var test = report.Find("determinism.task.tiny_conversion.test")!;
        Assert.That(test.Passed, Is.False);
        Assert.That(test.Message,
            Does.StartWith($"task tiny_conversion test: content differs ({a.Tasks["tiny_conversion"].Test.RowCount:N0} vs {b.Tasks["tiny_conversion"].Test.RowCount:N0} rows; hash "));
    }

    [Test]
    public void A_recorded_hash_that_differs_from_the_config_fails_even_when_the_configs_agree()
    {
        var a = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var b = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var forged = new WorldBundle(b.Descriptor with { ConfigHash = "forged" }, b.Config, b.Tables.ToArray(), b.Tasks.ToArray(), b.DatasetCard, b.FeatureDictionary, b.Truth);
        Assert.That(BundleValidator.CompareDeterminism(a, forged).Find("determinism.config_hash")!.Passed, Is.False);
    }

    [Test]
    public void Tables_and_tasks_present_in_one_bundle_only_are_named()
    {
        var a = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var extra = CheckKit.Table("extras", [CheckKit.Strings("extra_id", "X1")]);
        var b = BundleEdits.Rebuild(a, [.. a.Tables.Where(t => t.Name != "accounts"), extra], []);
        var report = BundleValidator.CompareDeterminism(a, b);
        Assert.Multiple(() =>
        {
            Assert.That(report.Find("determinism.table.accounts")!.Message, Is.EqualTo("table accounts is present in only the first bundle."));
            Assert.That(report.Find("determinism.table.extras")!.Message, Is.EqualTo("table extras is present in only the second bundle."));
            Assert.That(report.Find("determinism.task.tiny_conversion.valid")!.Message, Is.EqualTo("task tiny_conversion valid is present in only the first bundle."));
            Assert.That(report.Find("determinism.table.leads")!.Passed, Is.True);
            Assert.That(report.Passed, Is.False);
        });
        Assert.That(() => BundleValidator.CompareDeterminism(null!, a), Throws.ArgumentNullException);
        Assert.That(() => BundleValidator.CompareDeterminism(a, null!), Throws.ArgumentNullException);
    }
}
