using LeadForge.Rendering;
using LeadForge.Tables;
using LeadForge.Validation.Views;

namespace LeadForge.Validation.Checks;

/// <summary>What a student_public bundle must not contain: hidden truth, banned tables, banned columns.</summary>
internal sealed class BannedContentCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        if (!context.IsPublic)
        {
            yield break;
        }

        var view = context.View;
        yield return Result.Of(!view.HasTruth, "exposure.no_truth", CheckCategory.Exposure, CheckSeverity.Error, view.HasTruth
            ? "A student_public bundle carries hidden truth (metadata)."
            : "No hidden truth in the student_public bundle.");

        // The policy comes from the bundle: each table's exposure as its manifest (or schema) records
        // it; the options only add bans of their own.
        bool InstructorOnlyTable(string name) => view.TableExposures.TryGetValue(name, out var e) && e.Level == ExposureLevel.InstructorOnly;
        var bannedTables = view.Tables.Keys.Where(t => InstructorOnlyTable(t) || context.Options.BannedPublicTables.Contains(t, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        yield return Result.Of(bannedTables.Length == 0, "exposure.banned_tables", CheckCategory.Exposure, CheckSeverity.Error, bannedTables.Length == 0
            ? "No table the manifest marks instructor_only (or the options ban) is present."
            : $"Instructor-only table(s) present in a student_public bundle: {string.Join(", ", bannedTables.Select(t => Why(view, t, null)))}.", bannedTables.Length, "0 banned tables");

        var banned = context.Options.BannedPublicColumns.ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var table in view.Tables.Values)
        {
            var exposure = view.TableExposures.GetValueOrDefault(table.Name);
            found.AddRange(table.Schema.Columns
                .Where(c => banned.Contains(c.Name) || exposure?.ColumnExposure(c.Name).IsInstructorOnly == true)
                .Select(c => Why(view, table.Name, c.Name)));
        }

        // Task columns are banned by name: the options' names and every instructor-only column of a present table.
        var bannedNames = banned.Concat(view.TableExposures.Values.SelectMany(e => e.Columns ?? []).Where(c => c.Level == ExposureLevel.InstructorOnly).Select(c => c.Name))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var task in view.Tasks)
        {
            found.AddRange(task.Train.Schema.Columns
                .Where(c => bannedNames.Contains(c.Name) && c.Name != task.Manifest.LabelColumn)
                .Select(c => $"task {task.Id}.{c.Name}"));
        }

        yield return Result.Of(found.Count == 0, "exposure.banned_columns", CheckCategory.Exposure, CheckSeverity.Error, found.Count == 0
            ? "No column the manifest marks instructor_only (or the options ban) is present outside a task's own label."
            : $"Instructor-only column(s) present in a student_public bundle: {string.Join(", ", found)}.", found.Count, "0 banned columns");
    }

    private static string Why(IBundleView view, string table, string? column)
    {
        var name = column is null ? table : $"{table}.{column}";
        var exposure = view.TableExposures.GetValueOrDefault(table) is { } e
            ? column is null ? (e.Level == ExposureLevel.InstructorOnly ? e.Reason : null) : e.ColumnExposure(column) is { IsInstructorOnly: true } c ? c.Reason : null
            : null;
        return string.IsNullOrEmpty(exposure) ? name : $"{name} ({exposure})";
    }
}

/// <summary>
/// In a student_public bundle, every time in the task's primary table and in tables with a foreign
/// key to it is at or before that entity's anchor (snapshot) time.
/// </summary>
internal sealed class SnapshotWindowCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        if (!context.IsPublic)
        {
            yield break;
        }

        foreach (var task in context.View.Tasks)
        {
            var m = task.Manifest;
            if (!context.View.Tables.TryGetValue(m.PrimaryTable, out var primary) || !task.Train.HasColumn(m.AnchorColumn) || !ColumnData.IsTemporal(task.Train[m.AnchorColumn].Type))
            {
                continue;
            }

            var entityKey = context.EntityKeyColumn(task);
            if (!task.Train.HasColumn(entityKey))
            {
                continue;
            }

            if (!ValidationContext.SplitsShareSchema(task))
            {
                yield return Result.NotRun($"exposure.snapshot_window.{task.Id}", CheckCategory.Exposure, task);
                continue;
            }

            var anchor = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (_, split) in task.Splits)
            {
                var ids = ColumnData.Keys(split[entityKey]);
                var ticks = TimeSchema.Ticks(split[m.AnchorColumn]);
                for (var r = 0; r < ids.Length; r++)
                {
                    if (ids[r] is { } id && ticks[r] is { } t)
                    {
                        anchor.TryAdd(id, t);
                    }
                }
            }

            var joins = new List<(Table Table, string KeyColumn)>();
            if (primary.HasColumn(primary.Schema.PrimaryKey ?? entityKey))
            {
                joins.Add((primary, primary.Schema.PrimaryKey ?? entityKey));
            }

            foreach (var table in context.View.Tables.Values)
            {
                foreach (var fk in table.Schema.ForeignKeys.Where(f => f.ReferencedTable == m.PrimaryTable && table != primary))
                {
                    joins.Add((table, fk.Column));
                }
            }

            foreach (var (table, key) in joins)
            {
                var temporal = TimeSchema.TemporalColumns(table).ToArray();
                if (temporal.Length == 0)
                {
                    continue;
                }

                var keys = ColumnData.Keys(table[key]);
                var violations = 0;
                string? first = null;
                foreach (var column in temporal)
                {
                    var ticks = TimeSchema.Ticks(column);
                    for (var r = 0; r < keys.Length; r++)
                    {
                        if (keys[r] is { } k && anchor.TryGetValue(k, out var a) && ticks[r] is { } t && t > a)
                        {
                            violations++;
                            first ??= $"{table.Name}.{column.Name} = {new DateTime(t, DateTimeKind.Utc):O} at row {r} is after the anchor {new DateTime(a, DateTimeKind.Utc):O} of {key} '{k}'";
                        }
                    }
                }

                var id = $"exposure.snapshot_window.{task.Id}.{table.Name}";
                yield return violations == 0
                    ? Result.Pass(id, CheckCategory.Exposure, CheckSeverity.Error, $"Every time in {table.Name} ({string.Join(", ", temporal.Select(c => c.Name))}) is at or before its entity's {m.AnchorColumn}.", 0, "0 violations")
                    : Result.Fail(id, CheckCategory.Exposure, CheckSeverity.Error, $"{violations:N0} time(s) in {table.Name} fall after the snapshot anchor; first: {first}.", violations, "0 violations");
            }
        }
    }
}

/// <summary>A public bundle's tables, tasks and columns are a subset of its instructor bundle's.</summary>
internal sealed class MonotonicityCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        if (context.Options.ReferenceInstructorBundle is not { } reference)
        {
            yield break;
        }

        var problems = new List<string>();
        if (reference.Descriptor.ExposureMode != ExposureMode.ResearchInstructor)
        {
            problems.Add("the reference bundle is not research_instructor");
        }

        foreach (var table in context.View.Tables.Values)
        {
            if (!reference.Tables.TryGet(table.Name, out var other))
            {
                problems.Add($"table {table.Name} is not in the instructor bundle");
                continue;
            }

            problems.AddRange(table.Schema.Columns.Where(c => !other.HasColumn(c.Name)).Select(c => $"column {table.Name}.{c.Name} is not in the instructor bundle"));
        }

        foreach (var task in context.View.Tasks)
        {
            if (!reference.Tasks.TryGet(task.Id, out var other))
            {
                problems.Add($"task {task.Id} is not in the instructor bundle");
                continue;
            }

            problems.AddRange(task.Train.Schema.Columns.Where(c => !other.Train.HasColumn(c.Name)).Select(c => $"task column {task.Id}.{c.Name} is not in the instructor bundle"));
        }

        yield return Result.Of(problems.Count == 0, "exposure.monotonicity", CheckCategory.Exposure, CheckSeverity.Error, problems.Count == 0
            ? "Every table, task and column of this bundle is also in the instructor bundle."
            : $"Not a subset of the instructor bundle: {string.Join("; ", problems)}.", problems.Count, "0 extra items");
    }
}
