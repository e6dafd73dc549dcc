using LeadForge.Tests.TestSupport;
using LeadForge.Validation;
using Snapshooter;

namespace LeadForge.Tests.Validation.Reports;

/// <summary>
/// The report's three renderings, approved on hand-built results that cover every status (pass, fail,
/// warning, note), a missing and a non-finite measurement, a missing band and Markdown-hostile text
/// (issue 18 point 7: the renderings had no test of their own in Validation).
/// </summary>
public sealed class ValidationReportTests
{
    private static readonly CheckResult[] Results =
    [
        new("structure.pk.leads", CheckCategory.Structure, CheckSeverity.Error, true, null, null, "unique"),
        new("leakage.single_column.t", CheckCategory.Leakage, CheckSeverity.Error, false, 0.91234567, "≤ 0.80", "column a|b leaks\nbadly"),
        new("realism.rate", CheckCategory.Realism, CheckSeverity.Warning, false, 0.5, "[0.1, 0.3]", "rate high"),
        new("drift.psi", CheckCategory.Drift, CheckSeverity.Info, false, double.NaN, null, "not measurable"),
        new("time.order", CheckCategory.Time, CheckSeverity.Warning, true, 3, "≥ 1", "ordered"),
    ];

    private static readonly ValidationReport Report = new("bundle | demo", Results);

    [Test]
    public void Summary_failures_and_lookup()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Report.Passed, Is.False, "one error-severity check failed");
            Assert.That(new ValidationReport("x", Results.Where(r => r.Severity != CheckSeverity.Error || r.Passed).ToArray()).Passed, Is.True, "failed warnings and notes do not block");
            Assert.That(Report.Failures.Select(f => f.Id), Is.EqualTo(new[] { "leakage.single_column.t", "realism.rate", "drift.psi" }));
            Assert.That(Report.Find("realism.rate"), Is.SameAs(Results[2]));
            Assert.That(Report.Find("nope"), Is.Null);
            Assert.That(Report.ToString(), Is.EqualTo("bundle | demo: failed (5 checks)"));
            Assert.That(new ValidationReport(null!, []).ToString(), Is.EqualTo(": passed (0 checks)"));
            Assert.That(() => new ValidationReport("x", null!), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void Text_rendering() => Approvals.Match(Report.ToText(), new SnapshotNameExtension("txt"));

    [Test]
    public void Json_rendering() => Approvals.Match(Report.ToJson(), new SnapshotNameExtension("json"));

    [Test]
    public void Markdown_rendering() => Approvals.Match(Report.ToMarkdown(), new SnapshotNameExtension("md"));
}
