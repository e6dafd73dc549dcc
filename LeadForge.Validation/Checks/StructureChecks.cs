using LeadForge.Tables;

namespace LeadForge.Validation.Checks;

/// <summary>Every table with a primary key: the key is non-null and unique.</summary>
internal sealed class PrimaryKeyCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var table in context.View.Tables.Values)
        {
            if (table.Schema.PrimaryKey is { } pk)
            {
                yield return Check($"structure.pk_unique.{table.Name}", table, pk);
            }
        }

        foreach (var task in context.View.Tasks)
        {
            foreach (var (split, table) in task.Splits)
            {
                if (table.HasColumn(task.Manifest.RowIdColumn))
                {
                    yield return Check($"structure.pk_unique.task.{task.Id}.{split}", table, task.Manifest.RowIdColumn);
                }
            }
        }
    }

    private static CheckResult Check(string id, Table table, string pk)
    {
        var keys = ColumnData.Keys(table[pk]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nulls = 0;
        var duplicates = 0;
        string? first = null;
        foreach (var k in keys)
        {
            if (k is null)
            {
                nulls++;
            }
            else if (!seen.Add(k))
            {
                duplicates++;
                first ??= k;
            }
        }

        if (nulls == 0 && duplicates == 0)
        {
            return Result.Pass(id, CheckCategory.Structure, CheckSeverity.Error, $"{table.Name}.{pk} is unique and non-null over {table.RowCount:N0} rows.", 0, "0 duplicates, 0 nulls");
        }

        var what = new List<string>();
        if (duplicates > 0)
        {
            what.Add($"{duplicates:N0} duplicate value(s), first '{first}'");
        }

        if (nulls > 0)
        {
            what.Add($"{nulls:N0} null(s)");
        }

        return Result.Fail(id, CheckCategory.Structure, CheckSeverity.Error, $"Primary key {table.Name}.{pk} has {string.Join(" and ", what)}.", duplicates + nulls, "0 duplicates, 0 nulls");
    }
}

/// <summary>Every foreign key resolves to an existing row of the referenced table.</summary>
internal sealed class ForeignKeyCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var tables = context.View.Tables;
        foreach (var table in tables.Values)
        {
            foreach (var fk in table.Schema.ForeignKeys)
            {
                var id = $"structure.fk.{table.Name}.{fk.Column}";
                if (!tables.TryGetValue(fk.ReferencedTable, out var parent))
                {
                    // A public bundle may legitimately omit a parent table; say so without failing.
                    yield return Result.Of(context.IsPublic, id, CheckCategory.Structure, context.IsPublic ? CheckSeverity.Info : CheckSeverity.Error, $"{table.Name}.{fk.Column} references table '{fk.ReferencedTable}', which is not in the bundle.");
                    continue;
                }

                if (!parent.HasColumn(fk.ReferencedColumn))
                {
                    yield return Result.Fail(id, CheckCategory.Structure, CheckSeverity.Error, $"{table.Name}.{fk.Column} references {fk.ReferencedTable}.{fk.ReferencedColumn}, which does not exist.");
                    continue;
                }

                var keys = ColumnData.Keys(parent[fk.ReferencedColumn]).Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
                var values = ColumnData.Keys(table[fk.Column]);
                var missing = 0;
                string? first = null;
                var firstRow = -1;
                for (var r = 0; r < values.Length; r++)
                {
                    if (values[r] is { } v && !keys.Contains(v))
                    {
                        missing++;
                        if (first is null)
                        {
                            first = v;
                            firstRow = r;
                        }
                    }
                }

                yield return missing == 0
                    ? Result.Pass(id, CheckCategory.Structure, CheckSeverity.Error, $"All {values.Length:N0} values of {table.Name}.{fk.Column} resolve to {fk.ReferencedTable}.{fk.ReferencedColumn}.", 0, "0 unresolved")
                    : Result.Fail(id, CheckCategory.Structure, CheckSeverity.Error, $"{missing:N0} value(s) of {table.Name}.{fk.Column} do not resolve to {fk.ReferencedTable}.{fk.ReferencedColumn}; first '{first}' at row {firstRow}.", missing, "0 unresolved");
            }
        }
    }
}

/// <summary>Column types and nullability match the declared schema, in tables and task splits; splits share one schema.</summary>
internal sealed class ColumnSchemaCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var table in context.View.Tables.Values)
        {
            yield return Check($"structure.columns.{table.Name}", table.Name, table);
        }

        foreach (var task in context.View.Tasks)
        {
            foreach (var (split, table) in task.Splits)
            {
                yield return Check($"structure.columns.task.{task.Id}.{split}", $"task {task.Id} {split}", table);
            }

            var id = $"structure.task_schema.{task.Id}";
            var problems = new List<string>();
            var train = task.Train.Schema.Columns.Select(c => (c.Name, c.Type)).ToArray();
            foreach (var (split, table) in task.Splits)
            {
                if (!table.Schema.Columns.Select(c => (c.Name, c.Type)).SequenceEqual(train))
                {
                    problems.Add($"split {split} has columns [{string.Join(", ", table.Schema.Columns.Select(c => c.Name))}], unlike train");
                }
            }

            foreach (var required in new[] { task.Manifest.LabelColumn, task.Manifest.RowIdColumn })
            {
                if (!task.Train.HasColumn(required))
                {
                    problems.Add($"column '{required}' named by the task manifest is missing");
                }
            }

            if (task.Manifest.GroupColumn is { } g && !task.Train.HasColumn(g))
            {
                problems.Add($"group column '{g}' is missing");
            }

            if (task.Splits.Any(s => s.Table.RowCount == 0))
            {
                problems.Add($"empty split(s): {string.Join(", ", task.Splits.Where(s => s.Table.RowCount == 0).Select(s => s.Name))}");
            }

            yield return Result.Of(problems.Count == 0, id, CheckCategory.Structure, CheckSeverity.Error, problems.Count == 0
                ? $"Task {task.Id}: the three splits share one schema holding the label '{task.Manifest.LabelColumn}' and row id '{task.Manifest.RowIdColumn}'."
                : $"Task {task.Id}: {string.Join("; ", problems)}.");
        }
    }

    private static CheckResult Check(string id, string what, Table table)
    {
        var problems = new List<string>();
        foreach (var declared in table.Schema.Columns)
        {
            var column = table[declared.Name];
            if (column.Type != declared.Type || column.Schema.ClrType != declared.ClrType)
            {
                problems.Add($"{declared.Name} is {column.Type}, declared {declared.Type}");
            }

            if (!declared.Nullable && column.NullCount > 0)
            {
                problems.Add($"{declared.Name} is not nullable but has {column.NullCount:N0} null(s)");
            }
        }

        return Result.Of(problems.Count == 0, id, CheckCategory.Structure, CheckSeverity.Error, problems.Count == 0
            ? $"{what}: {table.Schema.Columns.Count} columns match their declared types and nullability."
            : $"{what}: {string.Join("; ", problems)}.", problems.Count, "0 mismatches");
    }
}

/// <summary>
/// The recorded config hash equals the hash of the resolved config; every file of a saved bundle
/// matches the manifest inventory (present, SHA-256, row count, columns, readable) and no data file
/// lies in the folder without being inventoried.
/// </summary>
internal sealed class HashAndInventoryCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var view = context.View;
        if (view.RecomputedConfigHash is { } recomputed)
        {
            var ok = string.Equals(recomputed, view.Descriptor.ConfigHash, StringComparison.OrdinalIgnoreCase);
            yield return Result.Of(ok, "structure.config_hash", CheckCategory.Structure, CheckSeverity.Error, ok
                ? "The recorded config hash matches the resolved config."
                : $"The recorded config hash {view.Descriptor.ConfigHash} differs from the resolved config's hash {recomputed}.");
            var mismatches = view.ManifestFieldMismatches;
            yield return Result.Of(mismatches.Count == 0, "structure.manifest_fields", CheckCategory.Structure, CheckSeverity.Error, mismatches.Count == 0
                ? "The manifest's seed, mode, tier, population, scheme, recipe and calendar are those of its resolved config."
                : $"The manifest's own fields were edited: {string.Join("; ", mismatches)}.");
        }

        foreach (var file in view.Files)
        {
            var problems = new List<string>();
            if (!file.Exists)
            {
                problems.Add("file is missing");
            }
            else if (file.ExpectedSha256 is null)
            {
                // Not inventoried: nothing to compare against.
            }
            else
            {
                if (file.ExpectedRows is { } er && file.ActualRows is { } ar && er != ar)
                {
                    problems.Add($"{ar:N0} rows, manifest says {er:N0}");
                }

                if (file.ExpectedSha256 is { } es && !string.Equals(es, file.ActualSha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"content altered: SHA-256 {file.ActualSha256} differs from the manifest's {es}");
                }
            }

            if (file.Error is { } error)
            {
                problems.Add(error);
            }

            yield return Result.Of(problems.Count == 0, $"structure.file.{file.RelativePath}", CheckCategory.Structure, CheckSeverity.Error, problems.Count == 0
                ? $"{file.RelativePath} matches the manifest inventory."
                : $"{file.RelativePath}: {string.Join("; ", problems)}.");
        }
    }
}

/// <summary>Every published task column has a feature-dictionary entry.</summary>
internal sealed class FeatureDictionaryCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var names = context.View.FeatureDictionary.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var task in context.View.Tasks)
        {
            var missing = task.Train.Schema.Columns.Select(c => c.Name).Where(n => !names.Contains(n)).ToArray();
            yield return Result.Of(missing.Length == 0, $"structure.feature_dictionary.{task.Id}", CheckCategory.Structure, CheckSeverity.Warning, missing.Length == 0
                ? $"Every column of task {task.Id} is described in the feature dictionary."
                : $"Task {task.Id} columns missing from the feature dictionary: {string.Join(", ", missing)}.", missing.Length, "0 missing");
        }
    }
}
