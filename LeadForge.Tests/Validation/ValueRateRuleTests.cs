using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation;

/// <summary>
/// Issue 18 point 5: the value rule flags a category whose positive rate is significantly outside the
/// band, not one whose rate lands just outside by chance (which made small, honest bundles fail their
/// own validation: 1 positive in 51 rows at a 13 % base rate).
/// </summary>
public sealed class ValueRateRuleTests
{
    [TestCase(1, 51, false, TestName = "1 of 51 (0.0196) is plausible at 0.02")]
    [TestCase(1, 62, false, TestName = "1 of 62 (0.016) is plausible at 0.02")]
    [TestCase(0, 98, false, TestName = "0 of 98 is plausible at 0.02 (p = 0.14)")]
    [TestCase(0, 300, true, TestName = "0 of 300 is not (p = 0.002)")]
    [TestCase(2, 400, true, TestName = "2 of 400 is not")]
    [TestCase(10, 400, false, TestName = "10 of 400 is inside the band")]
    [TestCase(300, 300, true, TestName = "300 of 300 is significantly above 0.98")]
    [TestCase(50, 51, false, TestName = "50 of 51 is plausible at 0.98")]
    public void A_rate_is_outside_the_band_only_when_significantly_so(int positives, int rows, bool outside) =>
        Assert.That(ValueRateRuleCheck.OutsideBand(positives, rows, 0.02, 0.98, 0.05), Is.EqualTo(outside));

    [Test]
    public void A_column_that_echoes_the_label_still_fails_the_value_rule()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor, leads: 1000);
        var task = bundle.Tasks["tiny_conversion"];
        Table Echo(Table t) => t.AddColumn(BundleEdits.Bools("label_echo", t["converted"].As<bool>().Values.ToArray()));
        var leaky = task with { Train = Echo(task.Train), Valid = Echo(task.Valid), Test = Echo(task.Test) };
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(bundle.WithTask(leaky));
        var check = report.Find("leakage.value_rate.tiny_conversion.label_echo")!;
        Assert.That(check.Passed, Is.False, check.Message);
        Assert.That(check.Message, Does.Contain("almost determines the label"));
    }
}
