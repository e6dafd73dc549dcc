using System.Text.Json;
using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

public class BundleValidatorTests
{
    private static readonly ValidationOptions Fast = new() { RunBaselines = false };

    private static string Describe(ValidationReport report) => report.ToText();

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public void Clean_tiny_bundle_passes(ExposureMode mode)
    {
        var bundle = BundleEdits.Tiny(mode);
        var report = new BundleValidator().Validate(bundle);
        Assert.That(report.Passed, Is.True, () => Describe(report));
        Assert.That(report.Checks.Select(c => c.Category).Distinct(), Is.SupersetOf(new[] { CheckCategory.Structure, CheckCategory.Time, CheckCategory.Leakage, CheckCategory.Realism, CheckCategory.Difficulty, CheckCategory.Drift }));
        Assert.That(report.Find("structure.fk.leads.account_id")!.Passed, Is.True);
        Assert.That(report.Find("difficulty.baseline.tiny_conversion.fast_tree"), Is.Not.Null);
        if (mode == ExposureMode.StudentPublic)
        {
            Assert.That(report.Find("leakage.relational.tiny_conversion.leads")!.Passed, Is.True);
            Assert.That(report.Find("leakage.relational.tiny_conversion.accounts")!.Passed, Is.True);
            Assert.That(report.Find("exposure.banned_columns")!.Passed, Is.True);
        }
    }

    [Test]
    public void Broken_foreign_key_fails_naming_the_column_and_value()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var leads = bundle.Tables["leads"].ReplaceStrings("account_id", (r, v) => r == 3 ? "A-999999" : v);
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(leads));
        var check = report.Find("structure.fk.leads.account_id")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("leads.account_id").And.Contain("'A-999999'").And.Contain("row 3").And.StartWith("1 value"));
    }

    [Test]
    public void Duplicated_primary_key_fails()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var accounts = bundle.Tables["accounts"];
        var rows = Enumerable.Range(0, accounts.RowCount).Append(5).ToArray();
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(accounts.Take(rows)));
        var check = report.Find("structure.pk_unique.accounts")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("accounts.account_id").And.Contain("1 duplicate").And.Contain(accounts["account_id"].AsString()[5]));
    }

    [Test]
    public void Label_copied_into_a_public_relational_table_is_caught_by_the_relational_probe()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var task = bundle.Tasks["tiny_conversion"];
        var leads = bundle.Tables["leads"];
        var leaky = leads.AddColumn(BundleEdits.Bools("outcome_flag", BundleEdits.LabelsOf(leads, task)));
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(leaky));
        var check = report.Find("leakage.relational.tiny_conversion.leads")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(check.Message, Does.Contain("leads.outcome_flag=true").And.Contain("converted"));
        Assert.That(report.Find("leakage.relational.tiny_conversion.accounts")!.Passed, Is.True);
    }

    [Test]
    public void Leak_through_a_child_table_is_aggregated_per_entity()
    {
        // A child table of leads (two rows per lead) whose event count reveals the label.
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var task = bundle.Tasks["tiny_conversion"];
        var leads = bundle.Tables["leads"];
        var labels = BundleEdits.LabelsOf(leads, task);
        var schema = new TableSchema(
            "touches",
            "Events.",
            [new ColumnSchema("touch_id", ColumnType.String, false, "Id."), new ColumnSchema("lead_id", ColumnType.String, false, "Lead."), new ColumnSchema("kind", ColumnType.String, false, "Kind.")],
            "touch_id",
            [new ForeignKey("lead_id", "leads", "lead_id")]);
        var touchIds = new List<string?>();
        var leadIds = new List<string?>();
        var kinds = new List<string?>();
        for (var r = 0; r < leads.RowCount; r++)
        {
            for (var k = 0; k < (labels[r] ? 3 : 1); k++)
            {
                touchIds.Add($"T-{touchIds.Count + 1:D6}");
                leadIds.Add(leads["lead_id"].AsString()[r]);
                kinds.Add(k % 2 == 0 ? "email" : "call");
            }
        }

        var touches = new Table(schema, [.. new[] { touchIds, leadIds, kinds }.Select((values, i) => (Column)Column.FromStrings(schema.Columns[i], [.. values]))]);
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(touches));
        var check = report.Find("leakage.relational.tiny_conversion.touches")!;
        Assert.That(check.Passed, Is.False, () => check.Message);
        Assert.That(check.Message, Does.Contain("touches.row_count").And.Contain("touches.lead_id → leads.lead_id"));
        Assert.That(report.Find("structure.fk.touches.lead_id")!.Passed, Is.True);
    }

    [Test]
    public void Task_feature_equal_to_the_label_fails_the_single_column_probe()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        Table Echo(Table t) => t.AddColumn(BundleEdits.Bools("label_echo", t["converted"].As<bool>().Values.ToArray()));
        var leaky = task with { Train = Echo(task.Train), Valid = Echo(task.Valid), Test = Echo(task.Test) };
        var report = new BundleValidator(Fast).Validate(bundle.WithTask(leaky));
        var check = report.Find("leakage.single_column.tiny_conversion.label_echo")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.GreaterThan(0.99));
        Assert.That(check.Message, Does.Contain("label_echo").And.Contain("leaks the label 'converted'"));
        // The value rule fires on the same column: each value determines the label.
        Assert.That(report.Find("leakage.value_rate.tiny_conversion.label_echo")!.Passed, Is.False);
    }

    [Test]
    public void Documented_trap_is_reported_but_does_not_fail()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        Table Echo(Table t) => t.AddColumn(BundleEdits.Bools("label_echo", t["converted"].As<bool>().Values.ToArray()));
        var trapped = task with { Manifest = task.Manifest with { DocumentedTraps = ["label_echo"] }, Train = Echo(task.Train), Valid = Echo(task.Valid), Test = Echo(task.Test) };
        var report = new BundleValidator(Fast).Validate(bundle.WithTask(trapped));
        var check = report.Find("leakage.single_column.tiny_conversion.label_echo")!;
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Info));
        Assert.That(check.Message, Does.Contain("documented leakage trap"));
        Assert.That(report.Passed, Is.True, () => Describe(report));
    }

    [Test]
    public void Split_sharing_a_group_fails()
    {
        // In the tiny world each account's leads land in one split; declare account_id the group
        // column (clean), then move one test lead to a training account.
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        var grouped = task with { Manifest = task.Manifest with { GroupColumn = "account_id" } };
        var clean = new BundleValidator(Fast).Validate(bundle.WithTask(grouped));
        Assert.That(clean.Find("leakage.split_overlap.tiny_conversion.account_id")!.Passed, Is.True, () => Describe(clean));

        var trainAccount = task.Train["account_id"].AsString()[0];
        var straddling = grouped with { Test = task.Test.ReplaceStrings("account_id", (r, v) => r == 0 ? trainAccount : v) };
        var report = new BundleValidator(Fast).Validate(bundle.WithTask(straddling));
        var check = report.Find("leakage.split_overlap.tiny_conversion.account_id")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("1 group value(s) of account_id").And.Contain($"'{trainAccount}' is in both train and test"));
        Assert.That(report.Find("leakage.split_overlap.tiny_conversion.lead_id")!.Passed, Is.True);
    }

    [Test]
    public void Split_sharing_a_row_id_fails()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        var shared = task.Train.Take([0]);
        var leaky = task with { Test = Table.Concat(task.Test.Schema, [task.Test, shared]) };
        var report = new BundleValidator(Fast).Validate(bundle.WithTask(leaky));
        var check = report.Find("leakage.split_overlap.tiny_conversion.lead_id")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain($"'{task.Train["lead_id"].AsString()[0]}' is in both train and test"));
    }

    [Test]
    public void Banned_column_in_a_public_bundle_fails_and_breaks_monotonicity()
    {
        var instructor = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var leads = bundle.Tables["leads"];
        var withBanned = leads.AddColumn(BundleEdits.Bools("is_won", new bool[leads.RowCount]));
        var options = new ValidationOptions { RunBaselines = false, ReferenceInstructorBundle = instructor, BannedPublicColumns = ["is_won"] };

        var clean = new BundleValidator(options).Validate(bundle);
        Assert.That(clean.Find("exposure.monotonicity")!.Passed, Is.True, () => Describe(clean));

        var report = new BundleValidator(options).Validate(bundle.WithTable(withBanned));
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Find("exposure.banned_columns")!.Message, Does.Contain("leads.is_won"));
        Assert.That(report.Find("exposure.banned_columns")!.Passed, Is.False);
        Assert.That(report.Find("exposure.monotonicity")!.Message, Does.Contain("leads.is_won"));
    }

    [Test]
    public void Instructor_only_table_or_column_declared_by_its_schema_fails_a_public_bundle()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var accounts = bundle.Tables["accounts"];
        var secret = new Table(accounts.Schema.WithExposure(Exposure.InstructorOnly("test secret")), accounts.Columns);
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(secret));
        Assert.That(report.Find("exposure.banned_tables")!.Passed, Is.False);
        Assert.That(report.Find("exposure.banned_tables")!.Message, Does.Contain("accounts (test secret)"));

        var column = accounts.Schema.Columns[^1].Name;
        var hidden = new Table(accounts.Schema.WithColumnExposure(column, Exposure.InstructorOnly("test column")), accounts.Columns);
        var columnReport = new BundleValidator(Fast).Validate(bundle.WithTable(hidden));
        Assert.That(columnReport.Find("exposure.banned_columns")!.Passed, Is.False);
        Assert.That(columnReport.Find("exposure.banned_columns")!.Message, Does.Contain($"accounts.{column} (test column)"));
    }

    [Test]
    public async Task A_scheme_contributed_check_runs_on_in_memory_and_saved_bundles()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var options = new ValidationOptions { RunBaselines = false, Checks = [new LeadsAtMostCheck(1)] };

        var report = new BundleValidator(options).Validate(bundle);
        Assert.That(report.Find("tiny.leads_at_most")!.Passed, Is.False);
        Assert.That(report.Passed, Is.False, "an error-severity contributed check blocks the bundle");

        using var scratch = new LeadForge.Tests.Rendering.ScratchFolder();
        await bundle.SaveAsync(scratch["b"], LeadForge.Tests.Rendering.TinyWorlds.Options());
        var saved = await new BundleValidator(new ValidationOptions { RunBaselines = false, Checks = [new LeadsAtMostCheck(1_000_000)] }).ValidateAsync(scratch["b"]);
        Assert.That(saved.Find("tiny.leads_at_most")!.Passed, Is.True, () => saved.ToText());
        Assert.That(saved.Find("tiny.leads_at_most")!.Message, Does.Contain("student_public"));
    }

    /// <summary>A check a scheme might contribute: a bound on the leads table's rows.</summary>
    private sealed class LeadsAtMostCheck(int max) : LeadForge.Validation.Checks.IBundleCheck
    {
        public IEnumerable<CheckResult> Run(LeadForge.Validation.Checks.ValidationContext context)
        {
            var rows = context.Tables["leads"].RowCount;
            yield return new CheckResult("tiny.leads_at_most", CheckCategory.Structure, CheckSeverity.Error, rows <= max, rows, $"<= {max}",
                $"{rows} leads in the {context.Descriptor.ExposureMode.ToWire()} bundle.");
        }
    }

    [Test]
    public void Banned_table_in_a_public_bundle_fails()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var customers = bundle.Tables["accounts"].SelectColumns(_ => true);
        var renamed = new Table(customers.Schema.WithName("customers"), customers.Columns);
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false, BannedPublicTables = ["customers"] }).Validate(bundle.WithTable(renamed));
        Assert.That(report.Find("exposure.banned_tables")!.Passed, Is.False);
        Assert.That(report.Find("exposure.banned_tables")!.Message, Does.Contain("customers"));
    }

    [Test]
    public void Public_event_after_its_anchor_fails_the_snapshot_window()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var leads = bundle.Tables["leads"].ReplaceValues<DateTime>("created_at", (r, t) => r == 2 ? t.AddDays(1) : t);
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(leads));
        var check = report.Find("exposure.snapshot_window.tiny_conversion.leads")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("leads.created_at").And.Contain("row 2").And.Contain("after the anchor"));
    }

    [Test]
    public void Child_time_before_parent_creation_and_before_the_calendar_fail()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var accounts = bundle.Tables["accounts"];
        var start = bundle.Config.Calendar.StartUtc;
        // Accounts created on day 200: every lead (days 0..89) precedes its account.
        var created = Column.FromValues(new ColumnSchema("created_at", ColumnType.Timestamp, false, "Created."), Enumerable.Repeat(start.AddDays(200), accounts.RowCount).ToArray());
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(accounts.AddColumn(created)));
        var check = report.Find("time.after_parent.leads.account_id")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("leads.created_at").And.Contain("accounts.created_at"));

        var early = bundle.Tables["leads"].ReplaceValues<DateTime>("created_at", (r, t) => r == 0 ? start.AddDays(-3) : t);
        var calendar = new BundleValidator(Fast).Validate(bundle.WithTable(early)).Find("time.calendar_start.leads")!;
        Assert.That(calendar.Passed, Is.False);
        Assert.That(calendar.Message, Does.Contain("leads.created_at").And.Contain("calendar start"));
    }

    [Test]
    public void Context_table_history_before_the_calendar_is_reported_not_failed()
    {
        // Accounts are referenced by the task entity (leads): their CRM history may predate the
        // simulated window; the leads themselves may not (see the test above).
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var accounts = bundle.Tables["accounts"];
        var start = bundle.Config.Calendar.StartUtc;
        var created = Column.FromValues(new ColumnSchema("created_at", ColumnType.Timestamp, false, "Created."), Enumerable.Repeat(start.AddDays(-400), accounts.RowCount).ToArray());
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(accounts.AddColumn(created)));
        var check = report.Find("time.calendar_start.accounts")!;
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Info));
        Assert.That(check.Measured, Is.EqualTo(accounts.RowCount));
        Assert.That(check.Message, Does.Contain("context table of the task entity"));
        Assert.That(report.Find("time.after_parent.leads.account_id")!.Passed, Is.True);
        Assert.That(report.Passed, Is.True, () => Describe(report));
    }

    [Test]
    public void Relational_probe_fails_when_no_task_row_joins_the_primary_table()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var task = bundle.Tasks["tiny_conversion"];
        Table Rename(Table t) => t.ReplaceStrings("lead_id", (_, v) => "X" + v);
        var orphaned = task with { Train = Rename(task.Train), Valid = Rename(task.Valid), Test = Rename(task.Test) };
        var report = new BundleValidator(Fast).Validate(bundle.WithTask(orphaned));
        var check = report.Find("leakage.relational.tiny_conversion")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("no row of leads.lead_id matches the task's lead_id values"));
    }

    [Test]
    public void Expected_bands_are_enforced()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var options = new ValidationOptions { RunBaselines = true, ExpectedConversionBand = (0.6, 0.9), ExpectedAucBand = (0.95, 1.0) };
        var report = new BundleValidator(options).Validate(bundle);
        Assert.That(report.Find("realism.positive_rate.tiny_conversion")!.Passed, Is.False);
        Assert.That(report.Find("difficulty.best_auc.tiny_conversion")!.Passed, Is.False);
        Assert.That(report.Passed, Is.False);
    }

    [Test]
    public void Determinism_comparison_detects_a_changed_table()
    {
        var a = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var b = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var same = BundleValidator.CompareDeterminism(a, b);
        Assert.That(same.Passed, Is.True, () => Describe(same));
        Assert.That(same.Checks.Select(c => c.Id), Does.Contain("determinism.table.leads").And.Contain("determinism.task.tiny_conversion.test"));

        var changed = b.WithTable(b.Tables["accounts"].ReplaceValues<int>("size", (r, v) => r == 0 ? v + 1 : v));
        var diff = BundleValidator.CompareDeterminism(a, changed);
        Assert.That(diff.Passed, Is.False);
        Assert.That(diff.Find("determinism.table.accounts")!.Passed, Is.False);
        Assert.That(diff.Find("determinism.table.leads")!.Passed, Is.True);
        Assert.That(BundleValidator.CompareDeterminism(a, BundleEdits.Tiny(ExposureMode.ResearchInstructor, seed: 8)).Passed, Is.False);
    }

    [Test]
    public void Report_prints_as_text_json_and_markdown()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var leads = bundle.Tables["leads"].ReplaceStrings("account_id", (r, v) => r == 0 ? "A-424242" : v);
        var report = new BundleValidator(Fast).Validate(bundle.WithTable(leads));

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.False);
        var ids = root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
        Assert.That(ids, Is.EquivalentTo(report.Checks.Select(c => c.Id)));
        Assert.That(root.GetProperty("check_count").GetInt32(), Is.EqualTo(report.Checks.Count));

        var text = report.ToText();
        Assert.That(text, Does.StartWith("Validation of").And.Contain("FAILED").And.Contain("[FAIL] structure.fk.leads.account_id"));
        var markdown = report.ToMarkdown();
        Assert.That(markdown, Does.Contain("| status | check |").And.Contain("| FAIL | `structure.fk.leads.account_id`"));
        foreach (var c in report.Checks)
        {
            Assert.That(markdown, Does.Contain($"`{c.Id}`"));
            Assert.That(text, Does.Contain(c.Id));
        }
    }
}
