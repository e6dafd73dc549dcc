using LeadForge.Tables;
using LeadForge.Validation.Views;

namespace LeadForge.Validation.Checks;

/// <summary>Schema-driven helpers for time checks.</summary>
internal static class TimeSchema
{
    /// <summary>The creation-timestamp column of a table: <c>created_at</c> or <c>&lt;entity&gt;_created_at</c>.</summary>
    public static string? CreationColumn(Table table)
    {
        var entity = Singular(table.Name);
        foreach (var name in new[] { "created_at", $"{entity}_created_at" })
        {
            if (table.HasColumn(name) && table[name].Type == ColumnType.Timestamp)
            {
                return name;
            }
        }

        return null;
    }

    public static string Singular(string table) =>
        table.EndsWith("ies", StringComparison.Ordinal) ? table[..^3] + "y"
        : table.EndsWith("ses", StringComparison.Ordinal) ? table[..^2]
        : table.EndsWith('s') ? table[..^1]
        : table;

    /// <summary>Row index of each non-null key of a column (first occurrence wins).</summary>
    public static Dictionary<string, int> Index(Table table, string column)
    {
        var keys = ColumnData.Keys(table[column]);
        var index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var r = 0; r < keys.Length; r++)
        {
            if (keys[r] is { } k)
            {
                index.TryAdd(k, r);
            }
        }

        return index;
    }

    /// <summary>Ticks of every cell of a temporal column (dates at midnight UTC); null for null.</summary>
    public static long?[] Ticks(Column column)
    {
        var result = new long?[column.Length];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = column.GetValue(r) switch
            {
                DateTime t => t.Ticks,
                DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks,
                _ => null,
            };
        }

        return result;
    }

    public static IEnumerable<Column> TemporalColumns(Table table) => table.Columns.Where(c => ColumnData.IsTemporal(c.Type));
}

/// <summary>Child rows' times are not before their parent's creation (for every FK whose parent has a creation column).</summary>
internal sealed class ParentChildTimeCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var tables = context.View.Tables;
        foreach (var child in tables.Values)
        {
            var temporal = TimeSchema.TemporalColumns(child).ToArray();
            if (temporal.Length == 0)
            {
                continue;
            }

            foreach (var fk in child.Schema.ForeignKeys)
            {
                if (!tables.TryGetValue(fk.ReferencedTable, out var parent) || !parent.HasColumn(fk.ReferencedColumn) || TimeSchema.CreationColumn(parent) is not { } created)
                {
                    continue;
                }

                var index = TimeSchema.Index(parent, fk.ReferencedColumn);
                var parentCreated = TimeSchema.Ticks(parent[created]);
                var keys = ColumnData.Keys(child[fk.Column]);
                var columns = temporal.Select(c => (c.Name, Ticks: TimeSchema.Ticks(c))).ToArray();
                var violations = 0;
                string? first = null;
                for (var r = 0; r < child.RowCount; r++)
                {
                    if (keys[r] is not { } k || !index.TryGetValue(k, out var p) || parentCreated[p] is not { } pc)
                    {
                        continue;
                    }

                    foreach (var (name, ticks) in columns)
                    {
                        // Dates compare at day resolution.
                        var limit = child[name].Type == ColumnType.Date ? new DateTime(pc, DateTimeKind.Utc).Date.Ticks : pc;
                        if (ticks[r] is { } t && t < limit)
                        {
                            violations++;
                            first ??= $"{child.Name}.{name} = {new DateTime(t, DateTimeKind.Utc):O} at row {r} is before {parent.Name}.{created} = {new DateTime(pc, DateTimeKind.Utc):O} of {fk.ReferencedColumn} '{k}'";
                        }
                    }
                }

                var id = $"time.after_parent.{child.Name}.{fk.Column}";
                yield return violations == 0
                    ? Result.Pass(id, CheckCategory.Time, CheckSeverity.Error, $"Every time in {child.Name} ({string.Join(", ", columns.Select(c => c.Name))}) is at or after its {parent.Name}.{created}.", 0, "0 violations")
                    : Result.Fail(id, CheckCategory.Time, CheckSeverity.Error, $"{violations:N0} time(s) in {child.Name} precede their parent's creation; first: {first}.", violations, "0 violations");
            }
        }
    }
}

/// <summary>
/// Every simulated time lies on the world calendar: not before its start (Error) and not after the
/// latest primary-entity creation plus the horizon (Warning). Tables a task's primary table refers to
/// (directly or transitively, e.g. accounts and contacts of leads) describe context entities whose
/// CRM history may predate the simulated window; their start bound is reported (Info), not enforced —
/// that a child never precedes its parent is <see cref="ParentChildTimeCheck"/>'s job.
/// </summary>
internal sealed class CalendarBoundsCheck : IBundleCheck
{
    /// <summary>The tables every task's primary table refers to through foreign keys, transitively.</summary>
    internal static HashSet<string> ContextTables(IBundleView view)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(view.Tasks.Select(t => t.Manifest.PrimaryTable).Distinct(StringComparer.Ordinal));
        var primaries = pending.ToHashSet(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            if (!view.Tables.TryGetValue(pending.Dequeue(), out var table))
            {
                continue;
            }

            foreach (var fk in table.Schema.ForeignKeys)
            {
                if (!primaries.Contains(fk.ReferencedTable) && result.Add(fk.ReferencedTable))
                {
                    pending.Enqueue(fk.ReferencedTable);
                }
            }
        }

        return result;
    }

    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var view = context.View;
        var contextTables = ContextTables(view);
        var start = view.CalendarStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        long? end = null;
        foreach (var task in view.Tasks)
        {
            if (view.Tables.TryGetValue(task.Manifest.PrimaryTable, out var primary) && TimeSchema.CreationColumn(primary) is { } created)
            {
                var latest = TimeSchema.Ticks(primary[created]).Max();
                if (latest is { } l)
                {
                    var bound = l + TimeSpan.FromDays(view.HorizonDays + 1).Ticks;
                    end = end is null ? bound : Math.Max(end.Value, bound);
                }
            }
        }

        var sources = view.Tables.Values.Select(t => (Label: t.Name, Table: t))
            .Concat(view.Tasks.SelectMany(task => task.Splits.Select(s => (Label: $"task.{task.Id}.{s.Name}", s.Table))));
        foreach (var (label, table) in sources)
        {
            var temporal = TimeSchema.TemporalColumns(table).ToArray();
            if (temporal.Length == 0)
            {
                continue;
            }

            var early = 0;
            var late = 0;
            string? firstEarly = null;
            string? firstLate = null;
            foreach (var column in temporal)
            {
                var ticks = TimeSchema.Ticks(column);
                for (var r = 0; r < ticks.Length; r++)
                {
                    if (ticks[r] is not { } t)
                    {
                        continue;
                    }

                    if (t < start)
                    {
                        early++;
                        firstEarly ??= $"{table.Name}.{column.Name} = {new DateTime(t, DateTimeKind.Utc):O} at row {r}";
                    }
                    else if (end is { } e && t > e)
                    {
                        late++;
                        firstLate ??= $"{table.Name}.{column.Name} = {new DateTime(t, DateTimeKind.Utc):O} at row {r}";
                    }
                }
            }

            var startText = view.CalendarStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (early > 0 && contextTables.Contains(label))
            {
                yield return Result.Pass($"time.calendar_start.{label}", CheckCategory.Time, CheckSeverity.Info, $"{early:N0} time(s) in {label} precede the calendar start {startText} (first: {firstEarly}); {label} is a context table of the task entity, whose history may predate the simulated window.", early, $"≥ {startText} (not enforced)");
            }
            else
            {
                yield return early == 0
                    ? Result.Pass($"time.calendar_start.{label}", CheckCategory.Time, CheckSeverity.Error, $"No time in {label} precedes the calendar start {startText}.", 0, $"≥ {startText}")
                    : Result.Fail($"time.calendar_start.{label}", CheckCategory.Time, CheckSeverity.Error, $"{early:N0} time(s) in {label} precede the calendar start {startText}; first: {firstEarly}.", early, $"≥ {startText}");
            }

            if (end is { } endTicks)
            {
                var endText = new DateTime(endTicks, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                yield return Result.Of(late == 0, $"time.calendar_end.{label}", CheckCategory.Time, CheckSeverity.Warning, late == 0
                    ? $"No time in {label} is after the last creation plus the {view.HorizonDays}-day horizon."
                    : $"{late:N0} time(s) in {label} are after the last creation plus the {view.HorizonDays}-day horizon ({endText}); first: {firstLate}.", late, $"≤ {endText}");
            }
        }
    }
}
