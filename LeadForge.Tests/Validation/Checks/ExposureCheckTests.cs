using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>The exposure checks (banned content, snapshot window, monotonicity) on bundles broken in known ways.</summary>
public sealed class ExposureCheckTests
{
    private static WorldBundle Public() => BundleEdits.Tiny(ExposureMode.StudentPublic);

    [Test]
    public void Exposure_checks_run_on_public_bundles_only()
    {
        var instructor = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        Assert.That(CheckKit.Run(new BannedContentCheck(), instructor), Is.Empty);
        Assert.That(CheckKit.Run(new SnapshotWindowCheck(), instructor), Is.Empty);
        Assert.That(CheckKit.Run(new MonotonicityCheck(), Public()), Is.Empty, "monotonicity needs a reference bundle");
    }

    [Test]
    public void A_clean_public_bundle_states_what_it_does_not_contain()
    {
        var results = CheckKit.Run(new BannedContentCheck(), Public());
        Assert.That(results.Values.All(r => r.Passed), Is.True);
        Assert.That(results["exposure.no_truth"].Message, Is.EqualTo("No hidden truth in the student_public bundle."));
        Assert.That(results["exposure.banned_tables"].Message, Is.EqualTo("No table the manifest marks instructor_only (or the options ban) is present."));
        Assert.That(results["exposure.banned_columns"].Message, Is.EqualTo("No column the manifest marks instructor_only (or the options ban) is present outside a task's own label."));
        Assert.That(results["exposure.banned_columns"].Measured, Is.EqualTo(0));
    }

    [Test]
    public void Hidden_truth_in_a_public_bundle_fails()
    {
        // A WorldBundle refuses this; a saved folder with metadata files in a public bundle is how it happens.
        var leaked = CheckKit.View(Public(), hasTruth: true);
        var check = new BannedContentCheck().Run(CheckKit.Context(leaked)).Single(r => r.Id == "exposure.no_truth");
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Is.EqualTo("A student_public bundle carries hidden truth (metadata)."));
    }

    [Test]
    public void A_banned_name_is_found_in_tables_and_task_splits_but_a_task_may_keep_its_label()
    {
        var options = new ValidationOptions { RunBaselines = false, BannedPublicColumns = ["score", "converted"], BannedPublicTables = ["accounts"] };
        var results = CheckKit.Run(new BannedContentCheck(), Public(), options);
        var columns = results["exposure.banned_columns"];
        Assert.That(columns.Message, Is.EqualTo("Instructor-only column(s) present in a student_public bundle: leads.score, task tiny_conversion.score."));
        Assert.That(columns.Measured, Is.EqualTo(2));
        Assert.That(results["exposure.banned_tables"].Message, Is.EqualTo("Instructor-only table(s) present in a student_public bundle: accounts."), "an options ban has no reason to print");
        Assert.That(results["exposure.banned_tables"].Measured, Is.EqualTo(1));
    }

    [Test]
    public void A_column_the_schema_marks_instructor_only_is_banned_by_name_in_the_task_too()
    {
        var bundle = Public();
        var leads = bundle.Tables["leads"];
        var marked = new Table(leads.Schema.WithColumnExposure("channel", Exposure.InstructorOnly("routing secret")), leads.Columns);
        var check = CheckKit.Run(new BannedContentCheck(), bundle.WithTable(marked))["exposure.banned_columns"];
        Assert.That(check.Message, Is.EqualTo("Instructor-only column(s) present in a student_public bundle: leads.channel (routing secret), task tiny_conversion.channel."));
    }

    [Test]
    public void Times_after_the_anchor_are_counted_in_the_primary_table_and_its_children()
    {
        var bundle = Public();
        var leads = bundle.Tables["leads"];
        var ids = leads["lead_id"].AsString();
        var created = leads["created_at"].As<DateTime>().Values.ToArray();
        var late = leads.ReplaceValues<DateTime>("created_at", (r, t) => r is 2 or 5 ? t.AddHours(1) : t);
        var touches = CheckKit.Table("touches",
        [
            CheckKit.Strings("touch_id", "T1", "T2", "T3"),
            CheckKit.Strings("lead_id", ids[0], ids[1], "L-unknown"),
            CheckKit.Times("touched_at", created[0].AddDays(-1), created[1].AddMinutes(1), created[0].AddYears(1)),
        ], "touch_id", new ForeignKey("lead_id", "leads", "lead_id"));
        var timeless = CheckKit.Table("notes", [CheckKit.Strings("note_id", "N1"), CheckKit.Strings("lead_id", ids[0])], "note_id", new ForeignKey("lead_id", "leads", "lead_id"));

        var results = CheckKit.Run(new SnapshotWindowCheck(), bundle.WithTable(late).WithTable(touches).WithTable(timeless));
        Assert.Multiple(() =>
        {
            Assert.That(results.Keys,
                Is.EquivalentTo(new[] { "exposure.snapshot_window.tiny_conversion.leads", "exposure.snapshot_window.tiny_conversion.touches" }), "a table without times has nothing to check");
            var primary = results["exposure.snapshot_window.tiny_conversion.leads"];
            Assert.That(primary.Measured, Is.EqualTo(2));
            Assert.That(primary.Message,
                Is.EqualTo($"2 time(s) in leads fall after the snapshot anchor; first: leads.created_at = {created[2].AddHours(1):O} at row 2"
                    + $" is after the anchor {created[2]:O} of lead_id '{ids[2]}'."));
            var child = results["exposure.snapshot_window.tiny_conversion.touches"];
            Assert.That(child.Measured, Is.EqualTo(1), "an unknown lead has no anchor to break");
            Assert.That(child.Message, Does.Contain("first: touches.touched_at = ").And.Contain("at row 1"));
            Assert.That(child.ExpectedBand, Is.EqualTo("0 violations"));
        });

        var clean = CheckKit.Run(new SnapshotWindowCheck(), bundle)["exposure.snapshot_window.tiny_conversion.leads"];
        Assert.That(clean.Message, Is.EqualTo("Every time in leads (created_at) is at or before its entity's created_at."));
    }

    [Test]
    public void Monotonicity_lists_every_table_task_and_column_the_instructor_bundle_lacks()
    {
        var instructor = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var bundle = Public();
        var task = bundle.Tasks["tiny_conversion"];
        var extraTable = CheckKit.Table("extras", [CheckKit.Strings("extra_id", "X1")]);
        var extraColumn = bundle.Tables["accounts"].AddColumn(CheckKit.Strings("nickname", [.. Enumerable.Repeat("n", bundle.Tables["accounts"].RowCount)]));
        var extraTaskColumn = CheckKit.EditSplits(task, t => t.AddColumn(BundleEdits.Bools("flag", new bool[t.RowCount])));
        var secondTask = task with { Manifest = task.Manifest with { TaskId = "other_task" } };
        var edited = BundleEdits.Rebuild(bundle, [.. bundle.Tables.Select(t => t.Name == "accounts" ? extraColumn : t), extraTable], [extraTaskColumn, secondTask]);

        var check = CheckKit.Run(new MonotonicityCheck(), edited, new ValidationOptions { RunBaselines = false, ReferenceInstructorBundle = instructor })["exposure.monotonicity"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(4));
        Assert.That(check.Message, Is.EqualTo("Not a subset of the instructor bundle: column accounts.nickname is not in the instructor bundle; table extras is not in the instructor bundle;"
            + " task column tiny_conversion.flag is not in the instructor bundle; task other_task is not in the instructor bundle."));

        var wrongReference = CheckKit.Run(new MonotonicityCheck(), bundle, new ValidationOptions { RunBaselines = false, ReferenceInstructorBundle = Public() })["exposure.monotonicity"];
        Assert.That(wrongReference.Message, Is.EqualTo("Not a subset of the instructor bundle: the reference bundle is not research_instructor."));
        var clean = CheckKit.Run(new MonotonicityCheck(), bundle, new ValidationOptions { RunBaselines = false, ReferenceInstructorBundle = instructor })["exposure.monotonicity"];
        Assert.That(clean.Message, Is.EqualTo("Every table, task and column of this bundle is also in the instructor bundle."));
    }
}
