using LeadForge.Tests.Rendering;
using LeadForge.Validation;
using LeadForge.Validation.Views;

namespace LeadForge.Tests.Validation.Views;

/// <summary>
/// How a saved folder is read back for validation: the feature dictionary parser's errors, and
/// tampered task manifests and dictionaries reported on their own file while the rest still runs.
/// </summary>
public sealed class SavedBundleViewTests
{
    private const string Header = "name,type,description,category,source_table,window,leakage_risk,is_target,modes,null_share";

    private static readonly ValidationOptions Fast = new() { RunBaselines = false };

    [Test]
    public void The_feature_dictionary_is_read_by_column_name()
    {
        var text = "null_share,name,type,description,category,source_table,window,leakage_risk,is_target,modes\n"
            + "0.25,score,double,\"A score, noisy.\",lead,leads,creation,false,false,student_public;research_instructor\n"
            + "0,converted,boolean,Label.,target,leads,creation,true,true,research_instructor\n";
        var features = SavedBundleView.ParseFeatureDictionary(text);
        Assert.That(features, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(features[0].Name, Is.EqualTo("score"));
            Assert.That(features[0].Type, Is.EqualTo(Tables.ColumnType.Double));
            Assert.That(features[0].Description, Is.EqualTo("A score, noisy."));
            Assert.That(features[0].Category, Is.EqualTo("lead"));
            Assert.That(features[0].SourceTable, Is.EqualTo("leads"));
            Assert.That(features[0].Window, Is.EqualTo("creation"));
            Assert.That(features[0].LeakageRisk, Is.False);
            Assert.That(features[0].IsTarget, Is.False);
            Assert.That(features[0].Modes, Is.EqualTo(new[] { ExposureMode.StudentPublic, ExposureMode.ResearchInstructor }));
            Assert.That(features[0].NullShare, Is.EqualTo(0.25));
            Assert.That(features[1].LeakageRisk, Is.True);
            Assert.That(features[1].IsTarget, Is.True);
            Assert.That(features[1].Modes, Is.EqualTo(new[] { ExposureMode.ResearchInstructor }));
        });
    }

    [TestCase("", "the file is empty")]
    [TestCase("name,type\n", "the header lacks column 'description'")]
    [TestCase(Header + "\nscore,double,d,c,s,w,false,false,student_public\n", "row 2 has 9 cells, the header 10")]
    [TestCase(Header + "\nscore,float64,d,c,s,w,false,false,student_public,0\n", "row 2: 'float64' is not a column type")]
    [TestCase(Header + "\nscore,double,d,c,s,w,no,false,student_public,0\n", "row 2: 'no' is not true or false")]
    [TestCase(Header + "\nscore,double,d,c,s,w,false,false,student_public;public,0\n", "row 2: 'public' is not an exposure mode")]
    [TestCase(Header + "\nscore,double,d,c,s,w,false,false,student_public,0\nx,boolean,d,c,s,w,false,TRUE,student_public,0\n", "row 3: 'TRUE' is not true or false")]
    [TestCase(Header + "\nscore,double,d,c,s,w,false,false,student_public,a lot\n", "row 2: 'a lot' is not a number")]
    public void A_malformed_feature_dictionary_says_what_and_where(string text, string message) =>
        Assert.That(() => SavedBundleView.ParseFeatureDictionary(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));

    private static async Task<string> Save(ScratchFolder scratch, ExposureMode mode = ExposureMode.ResearchInstructor)
    {
        var path = scratch["bundle"];
        await BundleEdits.Tiny(mode).SaveAsync(path, TinyWorlds.Options());
        return path;
    }

    [Test]
    public async Task A_garbled_task_manifest_is_reported_on_its_file_and_the_task_is_not_probed()
    {
        using var scratch = new ScratchFolder();
        var path = await Save(scratch);
        await File.WriteAllTextAsync(Path.Combine(path, "tasks", "tiny_conversion", "task_manifest.json"), "{ \"task_id\": ");
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.file.tasks/tiny_conversion/task_manifest.json")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.StartWith("tasks/tiny_conversion/task_manifest.json: content altered: SHA-256 ").And.Contain("; cannot be parsed as a task manifest ("));
        Assert.That(report.Checks.Where(c => c.Id.Contains("tiny_conversion", StringComparison.Ordinal) && !c.Id.StartsWith("structure.file.", StringComparison.Ordinal)), Is.Empty,
            "a task without a readable manifest is not checked further");
        Assert.That(report.Find("structure.pk_unique.leads")!.Passed, Is.True, "the tables still are");
    }

    [Test]
    public async Task A_garbled_feature_dictionary_is_reported_on_its_file()
    {
        using var scratch = new ScratchFolder();
        var path = await Save(scratch);
        await File.WriteAllTextAsync(Path.Combine(path, "feature_dictionary.csv"), "name,type\nscore,float64\n");
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.file.feature_dictionary.csv")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.EndWith("; cannot be parsed as the feature dictionary (the header lacks column 'description')."));
        Assert.That(report.Find("structure.feature_dictionary.tiny_conversion")!.Passed, Is.False, "with no dictionary every task column is undescribed");
    }

    [Test]
    public async Task A_saved_instructor_bundle_names_itself_and_is_not_checked_for_truth()
    {
        using var scratch = new ScratchFolder();
        var instructor = await Save(scratch);
        var report = await new BundleValidator(Fast).ValidateAsync(instructor);
        Assert.That(report.Subject, Does.StartWith("tiny_world_v1 seed 7 (research_instructor, "));
        Assert.That(report.Subject, Does.Not.Contain("shard"));
        Assert.That(report.Checks.Any(c => c.Id == "exposure.no_truth"), Is.False, "instructor bundles may carry truth");
    }
}
