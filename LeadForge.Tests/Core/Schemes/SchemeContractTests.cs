using LeadForge.Rendering;
using LeadForge.Tests.Rendering;
using LeadForge.Tests.TestSupport;
using LeadForge.Validation;

namespace LeadForge.Tests.Core.Schemes;

/// <summary>
/// Issue 12's acceptance test of the scheme contract: the tiny world (TestSupport/TinyWorld: two
/// entities, one task, one export, all in its own folder) generates, saves, reads back and validates
/// through the shared layers with no code of its own outside that folder.
/// </summary>
public sealed class SchemeContractTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task A_second_world_generates_saves_reads_back_and_validates(ExposureMode mode)
    {
        var bundle = Generator.FromRecipe("tiny_world_v1").WithSeed(11).WithExposure(mode).WithCount(TinyScheme.Leads.Name, 300).Generate();
        var path = _scratch["tiny"];

        var written = await bundle.SaveAsync(path, TinyWorlds.Options());
        var saved = await BundleReader.OpenAsync(path);
        var report = await new BundleValidator(new ValidationOptions { RunBaselines = false }).ValidateAsync(path);

        Assert.Multiple(async () =>
        {
            Assert.That(saved.Manifest.Scheme, Is.EqualTo(TinyScheme.SchemeName));
            Assert.That(saved.Manifest.Population, Is.EqualTo(new Dictionary<string, int> { ["accounts"] = 30, ["leads"] = 300 }), "the scheme's two entities, the accounts scaled with the driver");
            Assert.That(saved.TableNames, Is.EquivalentTo(bundle.Tables.Select(t => t.Name)));
            foreach (var table in bundle.Tables)
            {
                Assert.That(TableRows(await saved.ReadTableAsync(table.Name)), Is.EqualTo(TableRows(table)), table.Name);
            }

            var task = bundle.Tasks.Single();
            Assert.That(TableRows(await saved.ReadTaskSplitAsync(task.Id, "train")), Is.EqualTo(TableRows(task.Train)));
            var taskManifest = await saved.ReadTaskManifestAsync(task.Id);
            Assert.That((taskManifest.EntityKeyColumn, taskManifest.AnchorPolicy), Is.EqualTo(("lead_id", (AnchorPolicy?)AnchorPolicy.CreationOffset)));

            var export = saved.Exports.Single();
            Assert.That(export.Name, Is.EqualTo("source_records"));
            var records = await saved.ReadExportTableAsync("source_records", "source_records");
            Assert.That(TableRows(records), Is.EqualTo(TableRows(bundle.Exports["source_records"].Tables[0])));
            Assert.That(records.RowCount, Is.EqualTo(bundle.Tables["leads"].RowCount), "one source record per lead");
            Assert.That(await saved.ReadExportDocumentAsync("source_records", "about.json"), Does.Contain("tiny second system"));

            Assert.That(written.Files.Select(f => f.Path), Does.Contain("exports/source_records/source_records.parquet"));
            Assert.That(report.Passed, Is.True, () => report.ToText());
        });
    }

    [Test]
    public void The_export_is_deterministic_and_drawn_from_its_own_substream()
    {
        LeadForge.Tables.Table Records(long seed) => Generator.FromRecipe("tiny_world_v1").WithSeed(seed).WithDegreeOfParallelism(3).Generate().Exports["source_records"].Tables[0];

        var first = TableRows(Records(5));
        Assert.That(TableRows(Records(5)), Is.EqualTo(first));
        Assert.That(TableRows(Records(6)), Is.Not.EqualTo(first), "another seed, another world");
        static string Casing(string text) =>
            text[0] != char.ToUpperInvariant(text[0]) ? "lower" : text == text.ToUpperInvariant() ? "upper" : "title";
        var casings = Records(5)["channel_text"].AsString().ToArray().Select(c => Casing(c!)).Distinct().ToArray();
        Assert.That(casings, Is.EquivalentTo(new[] { "lower", "upper", "title" }), "every casing the export renders occurs");
    }

    private static string[] TableRows(LeadForge.Tables.Table table) =>
        [.. Enumerable.Range(0, table.RowCount).Select(r => string.Join('|', table.Columns.Select(c => c.GetValue(r)?.ToString() ?? "∅")))];
}
