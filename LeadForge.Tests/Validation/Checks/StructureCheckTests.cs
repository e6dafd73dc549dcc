using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;
using LeadForge.Validation.Views;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>The structure checks (keys, references, schemas, inventory, dictionary) on bundles broken in known ways.</summary>
public sealed class StructureCheckTests
{
    private static WorldBundle Instructor() => BundleEdits.Tiny(ExposureMode.ResearchInstructor);

    [Test]
    public void Null_and_duplicated_primary_keys_are_counted_separately()
    {
        var bundle = Instructor();
        var accounts = bundle.Tables["accounts"];
        var ids = accounts["account_id"].AsString();
        var nullable = accounts["account_id"].Schema with { Nullable = true };
        var keys = Column.FromStrings(nullable, [.. ids.ToArray().Select((v, r) => r == 2 ? null : v)]);
        var schema = new TableSchema("accounts", "Accounts.", [.. accounts.Schema.Columns.Select(c => c.Name == "account_id" ? nullable : c)], "account_id");
        var nulled = new Table(schema, [.. accounts.Columns.Select(c => c.Name == "account_id" ? keys : c)]);
        var nullOnly = CheckKit.Run(new PrimaryKeyCheck(), bundle.WithTable(nulled))["structure.pk_unique.accounts"];
        Assert.That(nullOnly.Passed, Is.False);
        Assert.That(nullOnly.Message, Is.EqualTo("Primary key accounts.account_id has 1 null(s)."));
        Assert.That(nullOnly.Measured, Is.EqualTo(1));

        var both = nulled.ReplaceStrings("account_id", (r, v) => r is 4 or 6 ? ids[3] : v);
        var check = CheckKit.Run(new PrimaryKeyCheck(), bundle.WithTable(both))["structure.pk_unique.accounts"];
        Assert.That(check.Message, Is.EqualTo($"Primary key accounts.account_id has 2 duplicate value(s), first '{ids[3]}' and 1 null(s)."));
        Assert.That(check.Measured, Is.EqualTo(3));
        Assert.That(check.ExpectedBand, Is.EqualTo("0 duplicates, 0 nulls"));
    }

    [Test]
    public void Each_split_row_id_is_checked_for_uniqueness()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var clean = CheckKit.Run(new PrimaryKeyCheck(), bundle);
        Assert.That(clean.Keys,
            Is.SupersetOf(new[] { "structure.pk_unique.task.tiny_conversion.train", "structure.pk_unique.task.tiny_conversion.valid", "structure.pk_unique.task.tiny_conversion.test" }));
        Assert.That(clean["structure.pk_unique.task.tiny_conversion.valid"].Message, Is.EqualTo($"{task.Valid.Name}.lead_id is unique and non-null over {task.Valid.RowCount:N0} rows."));

        var doubled = task with { Valid = task.Valid.Take([0, 1, 1]) };
        var results = CheckKit.Run(new PrimaryKeyCheck(), bundle.WithTask(doubled));
        Assert.That(results["structure.pk_unique.task.tiny_conversion.valid"].Passed, Is.False);
        Assert.That(results["structure.pk_unique.task.tiny_conversion.train"].Passed, Is.True);

        var noRowId = task with { Manifest = task.Manifest with { RowIdColumn = "absent" } };
        Assert.That(CheckKit.Run(new PrimaryKeyCheck(), bundle.WithTask(noRowId)).Keys.Where(k => k.Contains(".task.", StringComparison.Ordinal)), Is.Empty);
    }

    private static Table Orphans(string referencedTable, string referencedColumn) => CheckKit.Table("orphans",
        [CheckKit.Strings("orphan_id", "O1", "O2"), CheckKit.Strings("ghost_id", "G1", "G2")],
        "orphan_id", new ForeignKey("ghost_id", referencedTable, referencedColumn));

    [Test]
    public void A_reference_to_an_absent_table_is_a_note_in_public_bundles_and_an_error_otherwise()
    {
        var instructor = CheckKit.Run(new ForeignKeyCheck(), Instructor().WithTable(Orphans("ghosts", "ghost_id")))["structure.fk.orphans.ghost_id"];
        Assert.That(instructor.Passed, Is.False);
        Assert.That(instructor.Severity, Is.EqualTo(CheckSeverity.Error));
        Assert.That(instructor.Message, Does.StartWith("orphans.ghost_id references table 'ghosts', which is not in"));

        var pub = CheckKit.Run(new ForeignKeyCheck(), BundleEdits.Tiny(ExposureMode.StudentPublic).WithTable(Orphans("ghosts", "ghost_id")))["structure.fk.orphans.ghost_id"];
        Assert.That(pub.Passed, Is.True);
        Assert.That(pub.Severity, Is.EqualTo(CheckSeverity.Info));
        Assert.That(pub.Message, Is.EqualTo(instructor.Message));
    }

    [Test]
    public void A_reference_to_an_absent_column_fails_and_unresolved_values_are_located()
    {
        var missingColumn = CheckKit.Run(new ForeignKeyCheck(), Instructor().WithTable(Orphans("accounts", "ghost_key")))["structure.fk.orphans.ghost_id"];
        Assert.That(missingColumn.Passed, Is.False);
        Assert.That(missingColumn.Message, Is.EqualTo("orphans.ghost_id references accounts.ghost_key, which does not exist."));

        var bundle = Instructor();
        var account = bundle.Tables["accounts"]["account_id"].AsString()[0];
        var partly = CheckKit.Table("orphans", [CheckKit.Strings("orphan_id", "O1", "O2", "O3", "O4"), CheckKit.Strings("account_id", account, null, "A-X1", "A-X2")],
            "orphan_id", new ForeignKey("account_id", "accounts", "account_id"));
        var check = CheckKit.Run(new ForeignKeyCheck(), bundle.WithTable(partly))["structure.fk.orphans.account_id"];
        Assert.That(check.Message, Is.EqualTo("2 value(s) of orphans.account_id do not resolve to accounts.account_id; first 'A-X1' at row 2."), "a null reference is not unresolved");
        Assert.That(check.Measured, Is.EqualTo(2));
        Assert.That(check.ExpectedBand, Is.EqualTo("0 unresolved"));
    }

    [Test]
    public void Splits_unlike_train_missing_manifest_columns_and_empty_splits_are_listed()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var clean = CheckKit.Run(new ColumnSchemaCheck(), bundle);
        Assert.That(clean["structure.task_schema.tiny_conversion"].Message, Is.EqualTo("Task tiny_conversion: the three splits share one schema holding the label 'converted' and row id 'lead_id'."));
        Assert.That(clean["structure.columns.task.tiny_conversion.test"].Message,
            Is.EqualTo($"task tiny_conversion test: {task.Test.Schema.Columns.Count} columns match their declared types and nullability."));
        Assert.That(clean["structure.columns.leads"].Passed, Is.True);

        var broken = task with
        {
            Manifest = task.Manifest with { GroupColumn = "cohort", LabelColumn = "won" },
            Valid = task.Valid.SelectColumns(c => c.Name != "score"),
            Test = task.Test.Take([]),
        };
        var check = CheckKit.Run(new ColumnSchemaCheck(), bundle.WithTask(broken))["structure.task_schema.tiny_conversion"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Is.EqualTo("Task tiny_conversion: split valid has columns [lead_id, account_id, channel, created_at, converted], unlike train;"
            + " column 'won' named by the task manifest is missing; group column 'cohort' is missing; empty split(s): test."));

        var schemaOnly = task with { Valid = task.Valid.SelectColumns(c => c.Name != "score"), Test = task.Test.SelectColumns(c => c.Name != "score") };
        var report = new BundleValidator(new ValidationOptions()).Validate(bundle.WithTask(schemaOnly));
        Assert.That(report.Find("structure.task_schema.tiny_conversion")!.Passed, Is.False, "a split without a train column is reported once, by the schema check, and no other check throws");
        Assert.That(report.Failures.Where(f => f.Severity != CheckSeverity.Info).Select(f => f.Id), Is.EqualTo(new[] { "structure.task_schema.tiny_conversion" }));
        Assert.That(report.Find("difficulty.baselines.tiny_conversion")!.Message,
            Is.EqualTo("Not run: the splits of task tiny_conversion do not share the train split's columns (see structure.task_schema.tiny_conversion)."));
        Assert.That(report.Find("drift.tiny_conversion")!.Severity, Is.EqualTo(CheckSeverity.Info));

        var publicBundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var publicTask = publicBundle.Tasks["tiny_conversion"];
        var noAnchor = publicTask with { Test = publicTask.Test.SelectColumns(c => c.Name != "created_at") };
        var publicReport = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(publicBundle.WithTask(noAnchor));
        Assert.That(publicReport.Find("exposure.snapshot_window.tiny_conversion")!.Passed, Is.False);
        Assert.That(publicReport.Failures.Where(f => f.Severity != CheckSeverity.Info).Select(f => f.Id), Is.EqualTo(new[] { "structure.task_schema.tiny_conversion" }));
    }

    [Test]
    public void Inventory_problems_of_a_saved_bundle_are_reported_per_file()
    {
        var bundle = Instructor();
        FileIntegrity[] files =
        [
            new("tables/ok.parquet", true, 10, 10, "AB", "ab"),
            new("tables/gone.parquet", false, 10, null, "AB", null),
            new("tables/edited.parquet", true, 10, 9, "AB", "CD"),
            new("tables/stray.parquet", true, null, null, null, "EF", "not in the manifest inventory"),
            new("tables/broken.parquet", true, 10, null, "AB", "AB", "unreadable: bad magic"),
        ];
        var view = CheckKit.View(bundle, files: files, recomputedConfigHash: "0000", mismatches: ["seed is 8, the config says 7", "difficulty is advanced, the config says intro"]);
        var results = new HashAndInventoryCheck().Run(CheckKit.Context(view)).ToDictionary(r => r.Id);
        Assert.Multiple(() =>
        {
            Assert.That(results["structure.file.tables/ok.parquet"].Passed, Is.True, "hashes compare case-insensitively");
            Assert.That(results["structure.file.tables/ok.parquet"].Message, Is.EqualTo("tables/ok.parquet matches the manifest inventory."));
            Assert.That(results["structure.file.tables/gone.parquet"].Message, Is.EqualTo("tables/gone.parquet: file is missing."));
            Assert.That(results["structure.file.tables/edited.parquet"].Message,
                Is.EqualTo("tables/edited.parquet: 9 rows, manifest says 10; content altered: SHA-256 CD differs from the manifest's AB."));
            Assert.That(results["structure.file.tables/stray.parquet"].Message, Is.EqualTo("tables/stray.parquet: not in the manifest inventory."));
            Assert.That(results["structure.file.tables/broken.parquet"].Message, Is.EqualTo("tables/broken.parquet: unreadable: bad magic."));
            Assert.That(results.Values.Count(r => !r.Passed), Is.EqualTo(6));
            Assert.That(results["structure.config_hash"].Message, Is.EqualTo($"The recorded config hash {bundle.Descriptor.ConfigHash} differs from the resolved config's hash 0000."));
            Assert.That(results["structure.manifest_fields"].Message,
                Is.EqualTo("The manifest's own fields were edited: seed is 8, the config says 7; difficulty is advanced, the config says intro."));
        });

        var clean = new HashAndInventoryCheck().Run(CheckKit.Context(bundle)).ToDictionary(r => r.Id);
        Assert.That(clean.Keys, Is.EquivalentTo(new[] { "structure.config_hash", "structure.manifest_fields" }));
        Assert.That(clean.Values.All(r => r.Passed), Is.True);
        Assert.That(clean["structure.config_hash"].Message, Is.EqualTo("The recorded config hash matches the resolved config."));
    }

    [Test]
    public void Task_columns_missing_from_the_feature_dictionary_are_a_warning()
    {
        var bundle = Instructor();
        var trimmed = new WorldBundle(bundle.Descriptor, bundle.Config, bundle.Tables.ToArray(), bundle.Tasks.ToArray(), bundle.DatasetCard,
            bundle.FeatureDictionary.Where(f => f.Name is not ("score" or "channel")).ToArray(), bundle.Truth);
        var check = CheckKit.Run(new FeatureDictionaryCheck(), trimmed)["structure.feature_dictionary.tiny_conversion"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Warning));
        Assert.That(check.Message, Is.EqualTo("Task tiny_conversion columns missing from the feature dictionary: channel, score."));
        Assert.That(check.Measured, Is.EqualTo(2));
        Assert.That(CheckKit.Run(new FeatureDictionaryCheck(), bundle)["structure.feature_dictionary.tiny_conversion"].Message,
            Is.EqualTo("Every column of task tiny_conversion is described in the feature dictionary."));
    }
}
