using LeadForge.Rendering;
using LeadForge.Tables;
using LeadForge.Tests.Rendering;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

/// <summary>
/// Acceptance tests of <see cref="BundleValidator"/> on the real lead-scoring world
/// (recipe b2b_saas_procurement_v1, 3,000 leads): clean bundles of every tier and mode pass in memory
/// and from their saved folder, and each classic defect fails with a specific check and message.
/// </summary>
public class RealWorldValidationTests
{
    private const string Task = "converted_within_90_days";
    private static readonly ValidationOptions NoBaselines = new() { RunBaselines = false };

    /// <summary>
    /// Why the sharded comparison is parked: the task distortion (FeatureTable.Distort) scaled the noise and outliers of the
    /// double task columns (days_since_first_touch, days_since_last_touch, expected_acv,
    /// opportunity_estimated_acv) by the median and standard deviation of the rows being rendered, which
    /// for a shard are the shard's rows, so a shard's task values differ from the unsharded run. With
    /// those four columns left out the sharded folder validates identically. Revert when fixed.
    /// </summary>

    private ScratchFolder _scratch = null!;

    private static IEnumerable<TestCaseData> EveryModeAndTier() =>
        from mode in new[] { ExposureMode.StudentPublic, ExposureMode.ResearchInstructor }
        from tier in new[] { Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced }
        select new TestCaseData(mode, tier).SetArgDisplayNames(mode.ToWire(), tier.ToWire());

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [TestCaseSource(nameof(EveryModeAndTier))]
    public void Clean_real_bundle_passes_in_memory(ExposureMode mode, Difficulty tier)
    {
        var report = new BundleValidator().Validate(BundleEdits.Real(mode, tier));
        Assert.That(report.Passed, Is.True, () => report.ToText());
        Assert.That(report.Find($"difficulty.best_auc.{Task}"), Is.Not.Null, "baselines ran");
        if (mode == ExposureMode.StudentPublic)
        {
            Assert.That(report.Checks.Where(c => c.Id.StartsWith($"leakage.relational.{Task}.", StringComparison.Ordinal)).Select(c => c.Id[$"leakage.relational.{Task}.".Length..]),
                Is.SupersetOf(new[] { "leads", "accounts", "contacts", "touches", "sessions", "sales_activities", "opportunities" }));
        }
    }

    [TestCaseSource(nameof(EveryModeAndTier))]
    public async Task Clean_real_bundle_passes_from_its_saved_folder(ExposureMode mode, Difficulty tier)
    {
        var bundle = BundleEdits.Real(mode, tier);
        var path = _scratch["bundle"];
        var manifest = await bundle.SaveAsync(path, TinyWorlds.Options());

        var saved = await new BundleValidator().ValidateAsync(path);
        Assert.That(saved.Passed, Is.True, () => saved.ToText());
        Assert.That(saved.Subject, Does.Contain(path));
        var fileChecks = saved.Checks.Where(c => c.Id.StartsWith("structure.file.", StringComparison.Ordinal)).ToArray();
        Assert.That(fileChecks.Select(c => c.Id["structure.file.".Length..]), Is.EquivalentTo(manifest.Files.Select(f => f.Path)), "one inventory check per file");
        Assert.That(fileChecks, Has.All.Matches<CheckResult>(c => c!.Passed));
        Assert.That(saved.Find("structure.config_hash")!.Passed, Is.True, "the config hash recomputed from resolved_config equals the recorded one");
    }

    [TestCaseSource(nameof(EveryModeAndTier))]
    public async Task Saved_folder_gives_the_same_verdicts_and_measurements_as_the_bundle_in_memory(ExposureMode mode, Difficulty tier)
    {
        // Independent of how well the world is tuned: the folder adapter must reproduce the in-memory
        // view exactly (tables, tasks, feature dictionary, calendar), so every non-file check agrees.
        var bundle = BundleEdits.Real(mode, tier);
        var path = _scratch["bundle"];
        await bundle.SaveAsync(path, TinyWorlds.Options());

        var memory = new BundleValidator(NoBaselines).Validate(bundle);
        var saved = await new BundleValidator(NoBaselines).ValidateAsync(path);
        var savedChecks = saved.Checks.Where(c => !c.Id.StartsWith("structure.file.", StringComparison.Ordinal)).ToArray();
        Assert.That(savedChecks.Select(c => c.Id), Is.EqualTo(memory.Checks.Select(c => c.Id)));
        for (var i = 0; i < savedChecks.Length; i++)
        {
            var (m, s) = (memory.Checks[i], savedChecks[i]);
            Assert.That((s.Passed, s.Severity, s.Measured, s.Message), Is.EqualTo((m.Passed, m.Severity, m.Measured, m.Message)), s.Id);
        }
    }

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task Sharded_folder_gives_the_same_verdicts_and_measurements_as_the_whole_world(ExposureMode mode)
    {
        // Three shards written into one folder (tables/<t>/part-<k>.parquet, manifest.part-<k>.json)
        // are validated as their union, which must match the unsharded run check for check.
        var path = _scratch["sharded"];
        for (var k = 0; k < 3; k++)
        {
            var shard = Generator.FromRecipe(BundleEdits.RealRecipe).WithSeed(42).WithExposure(mode).WithDifficulty(Difficulty.Intermediate).WithLeads(3000).WithShard(k, 3).Generate();
            await shard.SaveAsync(path, TinyWorlds.Options());
        }

        var whole = new BundleValidator(NoBaselines).Validate(BundleEdits.Real(mode, Difficulty.Intermediate));
        var sharded = await new BundleValidator(NoBaselines).ValidateAsync(path);
        Assert.That(sharded.Subject, Does.Contain("3 shard(s)"));
        Assert.That(sharded.Checks.Where(c => c.Id.StartsWith("structure.file.", StringComparison.Ordinal)), Has.All.Matches<CheckResult>(c => c!.Passed), () => sharded.ToText());
        Assert.That(sharded.Find("structure.file.tables/leads/part-2.parquet"), Is.Not.Null);
        Assert.That(sharded.Find("structure.pk_unique.reps")!.Passed, Is.True, "shared tables are written once");

        // Row order differs (shard by shard), so compare verdicts and measurements, not messages that cite
        // a first row. Single-column probes cross-fit categorical columns over row-position folds, so
        // their AUC moves slightly with row order; every other measurement is order-free.
        var checks = sharded.Checks.Where(c => !c.Id.StartsWith("structure.file.", StringComparison.Ordinal)).ToArray();
        Assert.That(checks.Select(c => c.Id), Is.EqualTo(whole.Checks.Select(c => c.Id)));
        for (var i = 0; i < checks.Length; i++)
        {
            var tolerance = checks[i].Id.StartsWith("leakage.single_column.", StringComparison.Ordinal) ? 0.02 : 1e-9;
            Assert.That(checks[i].Passed, Is.EqualTo(whole.Checks[i].Passed), checks[i].Id);
            Assert.That(checks[i].Measured ?? double.NaN, Is.EqualTo(whole.Checks[i].Measured ?? double.NaN).Within(tolerance), checks[i].Id);
        }
    }

    [Test]
    public async Task One_byte_changed_in_a_saved_table_file_fails_the_inventory_check_naming_the_file()
    {
        var path = _scratch["bundle"];
        var manifest = await BundleEdits.Real(ExposureMode.StudentPublic, Difficulty.Intermediate).SaveAsync(path, TinyWorlds.Options());
        const string target = "tables/touches.parquet";
        var file = Path.Combine(path, "tables", "touches.parquet");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        var report = await new BundleValidator(NoBaselines).ValidateAsync(path);
        var check = report.Find($"structure.file.{target}")!;
        var expected = manifest.Files.Single(f => f.Path == target).Sha256;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Category, Is.EqualTo(CheckCategory.Structure));
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Error));
        Assert.That(check.Message, Does.StartWith(target + ":").And.Contain("content altered: SHA-256").And.Contain($"differs from the manifest's {expected}"));
        Assert.That(report.Checks.Where(c => c.Id.StartsWith("structure.file.", StringComparison.Ordinal) && c.Id != check.Id), Has.All.Matches<CheckResult>(c => c!.Passed));
    }

    [TestCase("stage_at_horizon")]
    [TestCase("stage")]
    public void End_of_horizon_stage_in_public_opportunities_is_caught_by_the_relational_probe(string column)
    {
        // The reference project's leak: public opportunities carrying the END-of-horizon stage. Either
        // re-added as a new column or written into `stage` itself, only the relational probe can see it
        // (no banned name is involved).
        var bundle = BundleEdits.Real(ExposureMode.StudentPublic, Difficulty.Intermediate);
        var instructor = BundleEdits.Real(ExposureMode.ResearchInstructor, Difficulty.Intermediate);
        var finalStage = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = instructor.Tables["opportunities"];
        for (var r = 0; r < all.RowCount; r++)
        {
            finalStage[all["opportunity_id"].AsString()[r]!] = all["stage"].AsString()[r]!;
        }

        var opportunities = bundle.Tables["opportunities"];
        var ids = opportunities["opportunity_id"].AsString();
        var leaky = column == "stage"
            ? opportunities.ReplaceStrings("stage", (r, _) => finalStage[ids[r]!])
            : opportunities.AddColumn(Column.FromStrings(new ColumnSchema(column, ColumnType.String, false, "Stage at the end of the horizon.", DictionaryEncoded: true), Enumerable.Range(0, opportunities.RowCount).Select(r => finalStage[ids[r]!]).ToArray()));
        Assert.That(Enumerable.Range(0, opportunities.RowCount).Count(r => finalStage[ids[r]!] != opportunities["stage"].AsString()[r]), Is.GreaterThan(0), "the end-of-horizon stage differs from the snapshot stage");

        var id = $"leakage.relational.{Task}.opportunities";
        var clean = new BundleValidator(NoBaselines).Validate(bundle).Find(id)!;
        var report = new BundleValidator(NoBaselines).Validate(bundle.WithTable(leaky));
        var check = report.Find(id)!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False, () => check.Message);
        Assert.That(check.Message, Does.Contain($"opportunities.{column}=closed_won AUC").And.Contain("leaks the label 'converted_within_90_days'").And.Contain("opportunities.lead_id → leads.lead_id"));
        // Only opportunities opened before the anchor are public (about half the leads), so the re-added
        // outcome separates those leads only: well above the threshold and the clean table, not near 1.
        Assert.That(check.Measured, Is.GreaterThan(new ValidationOptions().LeakageAucThreshold).And.GreaterThan(clean.Measured!.Value + 0.1), () => $"leaky {check.Measured} vs clean {clean.Measured}: {check.Message}");
        Assert.That(report.Find("exposure.banned_columns")!.Passed, Is.True, "no banned name is involved");
    }

    [Test]
    public void Broken_foreign_key_fails_naming_the_column_and_value()
    {
        var bundle = BundleEdits.Real(ExposureMode.StudentPublic, Difficulty.Intermediate);
        var touches = bundle.Tables["touches"].ReplaceStrings("lead_id", (r, v) => r == 7 ? "lead_9999999" : v);
        var report = new BundleValidator(NoBaselines).Validate(bundle.WithTable(touches));
        var check = report.Find("structure.fk.touches.lead_id")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(1));
        Assert.That(check.Message, Does.StartWith("1 value(s) of touches.lead_id do not resolve to leads.lead_id").And.Contain("'lead_9999999' at row 7"));
        Assert.That(report.Find("structure.fk.sessions.lead_id")!.Passed, Is.True);
    }

    [Test]
    public void Public_event_after_its_leads_anchor_fails_the_snapshot_window()
    {
        var bundle = BundleEdits.Real(ExposureMode.StudentPublic, Difficulty.Intermediate);
        var task = bundle.Tasks[Task];
        var anchors = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var (_, split) in task.Splits)
        {
            for (var r = 0; r < split.RowCount; r++)
            {
                anchors[split["lead_id"].AsString()[r]!] = split["snapshot_at"].As<DateTime>()[r]!.Value;
            }
        }

        var sessions = bundle.Tables["sessions"];
        const int row = 11;
        var lead = sessions["lead_id"].AsString()[row]!;
        var late = anchors[lead].AddHours(6);
        var edited = sessions.ReplaceValues<DateTime>("session_timestamp", (r, t) => r == row ? late : t);

        var clean = new BundleValidator(NoBaselines).Validate(bundle);
        Assert.That(clean.Find($"exposure.snapshot_window.{Task}.sessions")!.Passed, Is.True, () => clean.Find($"exposure.snapshot_window.{Task}.sessions")!.Message);
        var report = new BundleValidator(NoBaselines).Validate(bundle.WithTable(edited));
        var check = report.Find($"exposure.snapshot_window.{Task}.sessions")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(1));
        Assert.That(check.Message, Does.StartWith("1 time(s) in sessions fall after the snapshot anchor")
            .And.Contain($"sessions.session_timestamp = {late:O} at row {row} is after the anchor {anchors[lead]:O} of lead_id '{lead}'"));
        Assert.That(report.Find($"exposure.snapshot_window.{Task}.touches")!.Passed, Is.True);
    }

    [Test]
    public void Split_sharing_an_account_with_another_fails()
    {
        var bundle = BundleEdits.Real(ExposureMode.StudentPublic, Difficulty.Intermediate);
        var task = bundle.Tasks[Task];
        Assert.That(task.Manifest.GroupColumn, Is.EqualTo("account_id"));
        var id = $"leakage.split_overlap.{Task}.account_id";
        Assert.That(new BundleValidator(NoBaselines).Validate(bundle).Find(id)!.Passed, Is.True);

        var trainAccount = task.Train["account_id"].AsString()[0]!;
        var straddling = task with { Valid = task.Valid.ReplaceStrings("account_id", (r, v) => r == 4 ? trainAccount : v) };
        var report = new BundleValidator(NoBaselines).Validate(bundle.WithTask(straddling));
        var check = report.Find(id)!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(1));
        Assert.That(check.Message, Does.StartWith($"Task {Task}: 1 group value(s) of account_id appear in two splits").And.Contain($"'{trainAccount}' is in both train and valid"));
        Assert.That(report.Find($"leakage.split_overlap.{Task}.row_id")!.Passed, Is.True);
        Assert.That(report.Find($"leakage.split_overlap.{Task}.lead_id")!.Passed, Is.True, "the entity key is checked too");
    }
}
