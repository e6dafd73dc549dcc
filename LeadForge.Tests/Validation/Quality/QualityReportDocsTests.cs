using LeadForge.Validation;

namespace LeadForge.Tests.Validation.Quality;

/// <summary>
/// Regenerates docs/quality-report.md (and .json) at the full acceptance size — all tiers, seeds
/// 42–46, 20,000 leads — and requires every band to hold. Explicit: about a minute of CPU; run it with
/// <c>dotnet test LeadForge.Tests -c Release --filter "FullyQualifiedName~Regenerate_docs_quality_report"</c>.
/// </summary>
[Explicit("Full-size quality report (about a minute); run on demand to refresh docs/quality-report.md.")]
[Category("Slow")]
public class QualityReportDocsTests
{
    [Test]
    public async Task Regenerate_docs_quality_report()
    {
        var report = await QualityReport.RunAsync(new QualityReportOptions());
        var docs = Path.Combine(RepositoryRoot(), "docs");
        Directory.CreateDirectory(docs);
        await File.WriteAllTextAsync(Path.Combine(docs, "quality-report.md"), report.ToMarkdown());
        await File.WriteAllTextAsync(Path.Combine(docs, "quality-report.json"), report.ToJson());
        TestContext.Out.WriteLine(report.ToMarkdown());
        Assert.That(report.Checks.Where(c => !c.Passed).Select(c => $"{c.Id}: {c.Measured:0.000} not in {c.Band}"), Is.Empty);
    }

    private static string RepositoryRoot() => TestSupport.RepositoryPaths.Root;
}
