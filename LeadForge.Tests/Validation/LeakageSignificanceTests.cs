using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

/// <summary>
/// Issue 18 point 5: a single-column probe flags a leak only when the column's AUC is significantly above
/// the threshold for the rows it was measured on, so a small honest bundle whose column scores just over
/// 0.80 by chance passes, while a real leak fails at any size.
/// </summary>
public sealed class LeakageSignificanceTests
{
    [Test]
    public void The_standard_error_is_the_Hanley_McNeil_value()
    {
        // Hanley & McNeil (1982): Q1 = A/(2-A), Q2 = 2A²/(1+A); for A = 0.8, 50 positives and 250 negatives
        // the variance is (0.16 + 49·(0.6667-0.64) + 249·(0.7111-0.64)) / 12500.
        Assert.That(Metrics.AucStandardError(0.8, 50, 250), Is.EqualTo(0.039164609875073).Within(1e-12));
        Assert.That(Metrics.AucStandardError(0.8, 0, 250), Is.NaN);
        Assert.That(Metrics.AucStandardError(double.NaN, 5, 5), Is.NaN);
    }

    [Test]
    public void The_p_value_uses_the_standard_error_at_the_threshold()
    {
        bool[] Labels(int positives, int negatives) => [.. Enumerable.Repeat(true, positives), .. Enumerable.Repeat(false, negatives)];
        var small = Metrics.AucExceedancePValue(0.83, 0.8, Labels(90, 610));
        var z = (0.83 - 0.8) / Metrics.AucStandardError(0.8, 90, 610);
        Assert.That(small, Is.EqualTo(1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, z)).Within(1e-12));
        Assert.That(small, Is.GreaterThan(0.1), "0.83 on 700 rows is not significantly above 0.80");
        Assert.That(Metrics.AucExceedancePValue(0.83, 0.8, Labels(650, 4350)), Is.LessThan(0.01), "0.83 on 5,000 rows is");

        // A perfect AUC on 14 rows has a standard error of 0 at itself; at the threshold it does not.
        Assert.That(Metrics.AucStandardError(1.0, 3, 11), Is.Zero);
        Assert.That(Metrics.AucExceedancePValue(1.0, 0.8, Labels(3, 11)), Is.GreaterThan(0.1));
        Assert.That(Metrics.AucExceedancePValue(0.9, 0.8, Labels(0, 11)), Is.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.AucExceedancePValue(0.9, 0, Labels(5, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.AucExceedancePValue(0.9, 1, Labels(5, 5)));
    }

    [TestCase(600, 17, true, TestName = "AUC ~0.83 on ~400 train rows passes as sampling noise")]
    [TestCase(600, 3, false, TestName = "AUC ~0.97 on ~400 train rows fails")]
    [TestCase(8000, 15, false, TestName = "AUC ~0.85 on ~5,600 train rows fails")]
    public void A_near_echo_of_the_label_is_a_leak_only_when_significant(int leads, int negativesInFifty, bool passes)
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor, leads: leads);
        var task = bundle.Tasks["tiny_conversion"];
        Table Echo(Table t)
        {
            var labels = t["converted"].As<bool>().Values.ToArray();
            var negatives = 0;
            var values = labels.Select(l => l || (negatives++ % 50) < negativesInFifty).ToArray();
            return t.AddColumn(BundleEdits.Bools("near_echo", values));
        }

        var leaky = task with { Train = Echo(task.Train), Valid = Echo(task.Valid), Test = Echo(task.Test) };
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(bundle.WithTask(leaky));
        var check = report.Find("leakage.single_column.tiny_conversion.near_echo")!;
        Assert.That(check.Measured, Is.GreaterThan(0.8), check.Message);
        Assert.That(check.Passed, Is.EqualTo(passes), check.Message);
        Assert.That(check.Message, passes ? Does.Contain("by sampling noise only") : Does.Contain("one-sided p = "));
    }
    [Test]
    public void A_train_split_with_one_label_class_is_reported_as_unassessed_not_as_noise()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        var oneClass = task with { Train = task.Train.ReplaceValues<bool>("converted", (_, _) => false) };
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(bundle.WithTask(oneClass));
        var check = report.Find("leakage.single_column.tiny_conversion")!;
        Assert.Multiple(() =>
        {
            Assert.That(check.Passed, Is.False, check.Message);
            Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Warning), check.Message);
            Assert.That(check.Message, Does.Contain("one label class").And.Contain("not assessed").And.Not.Contain("sampling noise"));
            Assert.That(report.Checks.Where(c => c.Id.StartsWith("leakage.single_column.tiny_conversion.", StringComparison.Ordinal)), Is.Empty, "no per-column AUC is reported");
        });
    }
}
