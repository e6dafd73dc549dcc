using LeadForge.Tables;

namespace LeadForge.Validation.Checks;

/// <summary>(a) Every non-id task feature's single-column ROC-AUC on the train split stays under the threshold.</summary>
internal sealed class SingleColumnLeakageCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var threshold = context.Options.LeakageAucThreshold;
        foreach (var task in context.View.Tasks)
        {
            if (ColumnData.Labels(task.Train, task.Manifest.LabelColumn) is not { } labels)
            {
                yield return Result.Pass($"leakage.single_column.{task.Id}", CheckCategory.Leakage, CheckSeverity.Info, $"Task {task.Id}: label '{task.Manifest.LabelColumn}' is not a non-null boolean; single-column probes skipped.");
                continue;
            }

            var positives = labels.Count(l => l);
            if (positives == 0 || positives == labels.Length)
            {
                yield return Result.Fail($"leakage.single_column.{task.Id}", CheckCategory.Leakage, CheckSeverity.Warning,
                    $"Task {task.Id}: the train split's {labels.Length:N0} rows hold one label class ({positives:N0} positive), so no single-column AUC"
                    + " can be computed and leakage is not assessed.");
                continue;
            }

            foreach (var column in task.Train.Columns)
            {
                if (column.Name == task.Manifest.LabelColumn || context.IsIdColumn(task, column.Name))
                {
                    continue;
                }

                var auc = Probe.ColumnAuc(column, labels);
                var p = Metrics.AucExceedancePValue(auc, threshold, labels);
                var id = $"leakage.single_column.{task.Id}.{column.Name}";
                var band = $"≤ {ValidationContext.F(threshold)}";
                // Both classes are present (checked above), so the AUC is finite.
                if (auc <= threshold)
                {
                    yield return Result.Pass(id, CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id} feature {column.Name}: single-column AUC {ValidationContext.F(auc)} on train.", auc, band);
                }
                else if (!(p < context.Options.LeakageSignificance))
                {
                    yield return Result.Pass(id, CheckCategory.Leakage, CheckSeverity.Error,
                        $"Task {task.Id} feature {column.Name}: single-column AUC {ValidationContext.F(auc)} on {labels.Length:N0} train rows is above {ValidationContext.F(threshold)}"
                        + $" by sampling noise only (one-sided p = {P(p)} ≥ {ValidationContext.F(context.Options.LeakageSignificance)}).", auc, band);
                }
                else if (context.IsTrap(task, column.Name))
                {
                    yield return Result.Pass(id, CheckCategory.Leakage, CheckSeverity.Info, $"Task {task.Id} feature {column.Name}: single-column AUC {ValidationContext.F(auc)} above {ValidationContext.F(threshold)}, a documented leakage trap.", auc, band);
                }
                else
                {
                    yield return Result.Fail(id, CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id} feature {column.Name} leaks the label '{task.Manifest.LabelColumn}': single-column AUC {ValidationContext.F(auc)} on train exceeds {ValidationContext.F(threshold)} (one-sided p = {P(p)} on {labels.Length:N0} rows).", auc, band);
                }
            }
        }
    }

    /// <summary>A p-value as text: three decimals, or "&lt; 0.001".</summary>
    internal static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// (b) In student_public bundles, every column of every relational table that reaches the task's
/// primary table through foreign keys, aggregated per entity (children: row count, numeric sum and
/// max, per-value counts, non-null time counts; parents: the looked-up value) and joined to the task
/// rows, has a single-column AUC under the threshold.
/// </summary>
internal sealed class RelationalLeakageCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var r in Score(context))
        {
            var task = r.Task;
            if (r.JoinFailure is { } failure)
            {
                yield return failure;
                continue;
            }

            var table = r.Table!;
            var scored = r.Features;
            var threshold = context.Options.LeakageAucThreshold;
            var offenders = scored.Where(s => s.P < context.Options.LeakageSignificance && !s.Trap).OrderByDescending(s => s.Auc).ToArray();
            var noise = scored.Where(s => s.Auc > threshold && !(s.P < context.Options.LeakageSignificance) && !s.Trap).ToArray();
            var traps = scored.Where(s => s.Auc > threshold && s.Trap).ToArray();
            var worst = scored.Length == 0 ? 0.5 : scored.Where(s => !s.Trap).Select(s => s.Auc).DefaultIfEmpty(0.5).Max();
            var best = scored.Where(s => !s.Trap).OrderByDescending(s => s.Auc).FirstOrDefault();
            var id = $"leakage.relational.{task.Id}.{table.Name}";
            var band = $"≤ {ValidationContext.F(threshold)}";
            var trapNote = traps.Length == 0 ? string.Empty : $" Documented traps above the threshold: {string.Join(", ", traps.Select(t => $"{t.Name} ({ValidationContext.F(t.Auc)})"))}.";
            trapNote += noise.Length == 0 ? string.Empty
                : $" Above the threshold by sampling noise only: {string.Join(", ", noise.Select(t => $"{t.Name} ({ValidationContext.F(t.Auc)}, p = {SingleColumnLeakageCheck.P(t.P)})"))}.";
            yield return offenders.Length == 0
                ? Result.Pass(id, CheckCategory.Leakage, CheckSeverity.Error, $"{table.Name} joined to task {task.Id} via {r.Via}: {scored.Length} per-entity aggregates, the highest single-column AUC is {ValidationContext.F(worst)}{(best.Name is null ? string.Empty : $" ({best.Name})")}.{trapNote}", worst, band)
                : Result.Fail(id, CheckCategory.Leakage, CheckSeverity.Error, $"{table.Name} leaks the label '{task.Manifest.LabelColumn}' when aggregated per entity and joined via {r.Via}: {string.Join(", ", offenders.Take(10).Select(o => $"{o.Name} AUC {ValidationContext.F(o.Auc)}"))}{(offenders.Length > 10 ? $" and {offenders.Length - 10} more" : string.Empty)}.{trapNote}", worst, band);
        }
    }

    /// <summary>
    /// Every relational table's per-entity aggregates joined to each task, with their single-column AUCs
    /// (public bundles only); a task whose rows match no row of its primary table yields one join failure instead.
    /// </summary>
    public static IEnumerable<RelationalScores> Score(ValidationContext context)
    {
        if (!context.IsPublic)
        {
            yield break;
        }

        foreach (var task in context.View.Tasks)
        {
            var m = task.Manifest;
            if (!context.View.Tables.TryGetValue(m.PrimaryTable, out var primary))
            {
                continue;
            }

            // Task rows of every split, with labels, keyed by the entity they describe.
            var entityKey = context.EntityKeyColumn(task);
            var rowIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var labelList = new List<bool>();
            var usable = true;
            foreach (var (_, split) in task.Splits)
            {
                if (ColumnData.Labels(split, m.LabelColumn) is not { } l || !split.HasColumn(entityKey))
                {
                    usable = false;
                    break;
                }

                var ids = ColumnData.Keys(split[entityKey]);
                for (var r = 0; r < ids.Length; r++)
                {
                    if (ids[r] is { } id && rowIndex.TryAdd(id, labelList.Count))
                    {
                        labelList.Add(l[r]);
                    }
                }
            }

            if (!usable || labelList.Count == 0)
            {
                continue;
            }

            var labels = labelList.ToArray();
            var primaryKey = primary.Schema.PrimaryKey ?? entityKey;
            if (!primary.HasColumn(primaryKey))
            {
                continue;
            }

            // Row → task-row mapping for the primary table and its descendants.
            var mapped = new Dictionary<string, int[]>(StringComparer.Ordinal);
            var primaryKeys = ColumnData.Keys(primary[primaryKey]);
            mapped[primary.Name] = primaryKeys.Select(k => k is not null && rowIndex.TryGetValue(k, out var i) ? i : -1).ToArray();
            var joined = mapped[primary.Name].Count(i => i >= 0);
            if (joined == 0)
            {
                yield return new RelationalScores(task, null, string.Empty, [], Result.Fail($"leakage.relational.{task.Id}", CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id}: no row of {primary.Name}.{primaryKey} matches the task's {entityKey} values, so public tables cannot be joined to the task rows and the relational probe cannot run.", 0, $"{labelList.Count:N0} joined rows"));
                continue;
            }

            var viaText = new Dictionary<string, string>(StringComparer.Ordinal) { [primary.Name] = $"{primary.Name}.{primaryKey} = task.{entityKey}" };
            for (var depth = 0; depth < 4; depth++)
            {
                foreach (var table in context.View.Tables.Values)
                {
                    if (mapped.ContainsKey(table.Name))
                    {
                        continue;
                    }

                    foreach (var fk in table.Schema.ForeignKeys)
                    {
                        if (!mapped.TryGetValue(fk.ReferencedTable, out var parentMap) || !context.View.Tables.TryGetValue(fk.ReferencedTable, out var parent) || !parent.HasColumn(fk.ReferencedColumn))
                        {
                            continue;
                        }

                        var index = TimeSchema.Index(parent, fk.ReferencedColumn);
                        var keys = ColumnData.Keys(table[fk.Column]);
                        mapped[table.Name] = keys.Select(k => k is not null && index.TryGetValue(k, out var p) ? parentMap[p] : -1).ToArray();
                        viaText[table.Name] = $"{table.Name}.{fk.Column} → {viaText[fk.ReferencedTable]}";
                        break;
                    }
                }
            }

            foreach (var table in context.View.Tables.Values)
            {
                List<(string Name, double[] Values)> features;
                string via;
                if (mapped.TryGetValue(table.Name, out var map))
                {
                    features = Aggregate(context, table, map, labels.Length);
                    via = viaText[table.Name];
                }
                else if (primary.Schema.ForeignKeys.FirstOrDefault(f => f.ReferencedTable == table.Name && table.HasColumn(f.ReferencedColumn)) is { } up)
                {
                    features = Lookup(context, table, primary, up, mapped[primary.Name], labels.Length);
                    via = $"{primary.Name}.{up.Column} → {table.Name}.{up.ReferencedColumn}";
                }
                else
                {
                    continue;
                }

                var scored = features.Select(f => Scored(context, f.Name, Probe.NumericAuc(f.Values, labels), labels, IsTrap(context, task, table.Name, f.Name))).ToArray();
                yield return new RelationalScores(task, table, via, scored, null);
            }
        }
    }

    private static (string Name, double Auc, double P, bool Trap) Scored(ValidationContext context, string name, double auc, bool[] labels, bool trap)
        => (name, auc, Metrics.AucExceedancePValue(auc, context.Options.LeakageAucThreshold, labels), trap);

    private static bool IsTrap(ValidationContext context, TaskDataset task, string table, string feature)
    {
        // Feature names look like table.column[:aggregate] or table.column=value.
        var column = feature[(table.Length + 1)..];
        var end = column.IndexOfAny([':', '=']);
        if (end >= 0)
        {
            column = column[..end];
        }

        return context.IsTrap(task, column, table);
    }

    internal static List<(string Name, double[] Values)> Aggregate(ValidationContext context, Table table, int[] map, int entities)
    {
        var features = new List<(string, double[])>();
        var count = new double[entities];
        foreach (var e in map)
        {
            if (e >= 0)
            {
                count[e]++;
            }
        }

        features.Add(($"{table.Name}.row_count", count));
        foreach (var column in table.Columns)
        {
            if (context.Options.IsIdColumn(column.Name) || column.Name == table.Schema.PrimaryKey)
            {
                continue;
            }

            if (ColumnData.IsNumeric(column.Type))
            {
                var v = ColumnData.Numeric(column);
                var sum = new double[entities];
                var max = Enumerable.Repeat(double.NaN, entities).ToArray();
                for (var r = 0; r < v.Length; r++)
                {
                    if (map[r] >= 0 && !double.IsNaN(v[r]))
                    {
                        sum[map[r]] += v[r];
                        max[map[r]] = double.IsNaN(max[map[r]]) ? v[r] : Math.Max(max[map[r]], v[r]);
                    }
                }

                features.Add(($"{table.Name}.{column.Name}:sum", sum));
                features.Add(($"{table.Name}.{column.Name}:max", max));
            }
            else if (ColumnData.IsTemporal(column.Type))
            {
                var nonNull = new double[entities];
                for (var r = 0; r < column.Length; r++)
                {
                    if (map[r] >= 0 && !column.IsNull(r))
                    {
                        nonNull[map[r]]++;
                    }
                }

                features.Add(($"{table.Name}.{column.Name}:count", nonNull));
            }
            else
            {
                var keys = ColumnData.Keys(column);
                var top = TopValues(keys, context.Options.RelationalMaxValuesPerColumn).ToArray();
                var slot = new Dictionary<string, int>(StringComparer.Ordinal);
                var counts = new double[top.Length][];
                for (var v = 0; v < top.Length; v++)
                {
                    slot[top[v]] = v;
                    counts[v] = new double[entities];
                }

                for (var r = 0; r < keys.Length; r++)
                {
                    if (map[r] >= 0 && slot.TryGetValue(keys[r] ?? "null", out var v))
                    {
                        counts[v][map[r]]++;
                    }
                }

                for (var v = 0; v < top.Length; v++)
                {
                    features.Add(($"{table.Name}.{column.Name}={top[v]}", counts[v]));
                }
            }
        }

        return features;
    }

    internal static List<(string Name, double[] Values)> Lookup(ValidationContext context, Table parent, Table primary, ForeignKey fk, int[] primaryMap, int entities)
    {
        var index = TimeSchema.Index(parent, fk.ReferencedColumn);
        var keys = ColumnData.Keys(primary[fk.Column]);
        var parentRow = Enumerable.Repeat(-1, entities).ToArray();
        for (var r = 0; r < keys.Length; r++)
        {
            if (primaryMap[r] >= 0 && keys[r] is { } k && index.TryGetValue(k, out var p))
            {
                parentRow[primaryMap[r]] = p;
            }
        }

        var features = new List<(string, double[])>();
        foreach (var column in parent.Columns)
        {
            if (context.Options.IsIdColumn(column.Name) || column.Name == parent.Schema.PrimaryKey)
            {
                continue;
            }

            if (ColumnData.IsCategorical(column.Type))
            {
                var values = ColumnData.Keys(column);
                foreach (var value in TopValues(values, context.Options.RelationalMaxValuesPerColumn))
                {
                    features.Add(($"{parent.Name}.{column.Name}={value}", parentRow.Select(p => p >= 0 && string.Equals(values[p] ?? "null", value, StringComparison.Ordinal) ? 1.0 : 0.0).ToArray()));
                }
            }
            else
            {
                var v = ColumnData.Numeric(column);
                features.Add(($"{parent.Name}.{column.Name}", parentRow.Select(p => p >= 0 ? v[p] : double.NaN).ToArray()));
            }
        }

        return features;
    }

    private static IEnumerable<string> TopValues(string?[] keys, int max) =>
        keys.GroupBy(k => k ?? "null", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(max).Select(g => g.Key);
}

/// <summary>The scored per-entity aggregates of one relational table joined to one task, or the task's join failure.</summary>
internal sealed record RelationalScores(TaskDataset Task, Table? Table, string Via, (string Name, double Auc, double P, bool Trap)[] Features, CheckResult? JoinFailure);

/// <summary>
/// (c) Every categorical value of a task feature with enough train rows has a positive rate inside the
/// band, or one not significantly outside it (a one-sided binomial test against the band's edge).
/// </summary>
internal sealed class ValueRateRuleCheck : IBundleCheck
{
    /// <summary>Whether <paramref name="pos"/> positives in <paramref name="n"/> rows are significantly below <paramref name="low"/> or above <paramref name="high"/>.</summary>
    internal static bool OutsideBand(int pos, int n, double low, double high, double alpha)
    {
        var rate = pos / (double)n;
        return (rate < low && MathNet.Numerics.Distributions.Binomial.CDF(low, n, pos) < alpha)
            || (rate > high && MathNet.Numerics.Distributions.Binomial.CDF(1 - high, n, n - pos) < alpha);
    }

    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var (low, high) = context.Options.ValueRuleBand;
        var minRows = context.Options.ValueRuleMinRows;
        foreach (var task in context.View.Tasks)
        {
            if (ColumnData.Labels(task.Train, task.Manifest.LabelColumn) is not { } labels)
            {
                continue;
            }

            foreach (var column in task.Train.Columns)
            {
                if (column.Name == task.Manifest.LabelColumn || context.IsIdColumn(task, column.Name) || !ColumnData.IsCategorical(column.Type))
                {
                    continue;
                }

                var keys = ColumnData.Keys(column);
                var stats = new Dictionary<string, (int N, int Pos)>(StringComparer.Ordinal);
                for (var r = 0; r < keys.Length; r++)
                {
                    var k = keys[r] ?? "null";
                    var s = stats.GetValueOrDefault(k);
                    stats[k] = (s.N + 1, s.Pos + (labels[r] ? 1 : 0));
                }

                var eligible = stats.Where(s => s.Value.N >= minRows).ToArray();
                var alpha = context.Options.ValueRuleSignificance;
                var outside = eligible.Where(s => OutsideBand(s.Value.Pos, s.Value.N, low, high, alpha))
                    .Select(s => $"'{s.Key}' ({s.Value.N:N0} rows, positive rate {ValidationContext.F(s.Value.Pos / (double)s.Value.N)})").ToArray();
                var id = $"leakage.value_rate.{task.Id}.{column.Name}";
                var band = $"[{ValidationContext.F(low)}, {ValidationContext.F(high)}] for values with ≥ {minRows} rows (outside only if significant at {ValidationContext.F(alpha)})";
                var extreme = eligible.Length == 0 ? (double?)null : eligible.Select(s => s.Value.Pos / (double)s.Value.N).Select(r => Math.Abs(r - 0.5)).Max() + 0.5;
                if (outside.Length == 0)
                {
                    yield return Result.Pass(id, CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id} feature {column.Name}: {eligible.Length} value(s) with ≥ {minRows} train rows, all with positive rates inside the band.", extreme, band);
                }
                else
                {
                    var trap = context.IsTrap(task, column.Name);
                    yield return Result.Of(trap, id, CheckCategory.Leakage, trap ? CheckSeverity.Info : CheckSeverity.Error, $"Task {task.Id} feature {column.Name}{(trap ? " (documented trap)" : string.Empty)} has value(s) whose positive rate almost determines the label: {string.Join(", ", outside)}.", extreme, band);
                }
            }
        }
    }
}

/// <summary>
/// (d) A hash of each id column carries no signal: |AUC − 0.5| within the configured deviation,
/// widened to 3.5 standard errors of a null AUC for small samples (effective size = distinct ids).
/// </summary>
internal sealed class IdOnlyCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var task in context.View.Tasks)
        {
            // Split by split, not concatenated: splits whose schemas differ are the schema check's finding.
            var splitLabels = task.Splits.Select(s => ColumnData.Labels(s.Table, task.Manifest.LabelColumn)).ToArray();
            if (splitLabels.Any(l => l is null))
            {
                continue;
            }

            var labels = splitLabels.SelectMany(l => l!).ToArray();
            foreach (var column in task.Train.Schema.Columns.Where(c => c.Name != task.Manifest.LabelColumn && context.IsIdColumn(task, c.Name)))
            {
                if (task.Splits.Any(s => !s.Table.HasColumn(column.Name)))
                {
                    continue;
                }

                var keys = task.Splits.SelectMany(s => ColumnData.Keys(s.Table[column.Name])).ToArray();
                var auc = Metrics.RocAuc(ColumnData.Hash(keys), labels);
                if (double.IsNaN(auc))
                {
                    continue;
                }

                var distinct = keys.Distinct(StringComparer.Ordinal).Count();
                var share = distinct / (double)labels.Length;
                var pos = Math.Max(1, labels.Count(l => l) * share);
                var neg = Math.Max(1, labels.Count(l => !l) * share);
                var se = Math.Sqrt((pos + neg + 1) / (12 * pos * neg));
                var tolerance = Math.Max(context.Options.IdOnlyMaxDeviation, 3.5 * se);
                var deviation = Math.Abs(auc - 0.5);
                var band = $"[{ValidationContext.F(Math.Max(0, 0.5 - tolerance))}, {ValidationContext.F(Math.Min(1, 0.5 + tolerance))}]";
                yield return Result.Of(deviation <= tolerance, $"leakage.id_only.{task.Id}.{column.Name}", CheckCategory.Leakage, CheckSeverity.Error, deviation <= tolerance
                    ? $"Task {task.Id} id column {column.Name}: hashed-id AUC {ValidationContext.F(auc)} over {labels.Length:N0} rows ({distinct:N0} distinct ids)."
                    : $"Task {task.Id} id column {column.Name} predicts the label: hashed-id AUC {ValidationContext.F(auc)} is outside {band} ({distinct:N0} distinct ids).", auc, band);
            }
        }
    }
}

/// <summary>(e) No row id, no entity (the primary table's key, when the task carries it) and no group (the manifest's group column) appears in two splits.</summary>
internal sealed class SplitOverlapCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var task in context.View.Tasks)
        {
            var columns = new List<string> { task.Manifest.RowIdColumn };
            foreach (var extra in new[] { context.EntityKeyColumn(task), task.Manifest.GroupColumn })
            {
                if (extra is not null && !columns.Contains(extra))
                {
                    columns.Add(extra);
                }
            }

            foreach (var column in columns)
            {
                if (task.Splits.Any(s => !s.Table.HasColumn(column)))
                {
                    continue;
                }

                var sets = task.Splits.Select(s => (s.Name, Values: ColumnData.Keys(s.Table[column]).Where(v => v is not null).Select(v => v!).ToHashSet(StringComparer.Ordinal))).ToArray();
                var shared = 0;
                string? first = null;
                for (var a = 0; a < sets.Length; a++)
                {
                    for (var b = a + 1; b < sets.Length; b++)
                    {
                        var common = sets[a].Values.Where(sets[b].Values.Contains).Order(StringComparer.Ordinal).ToArray();
                        shared += common.Length;
                        if (common.Length > 0)
                        {
                            first ??= $"'{common[0]}' is in both {sets[a].Name} and {sets[b].Name}";
                        }
                    }
                }

                var role = column == task.Manifest.RowIdColumn ? "row id" : column == task.Manifest.GroupColumn ? "group" : "entity";
                yield return shared == 0
                    ? Result.Pass($"leakage.split_overlap.{task.Id}.{column}", CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id}: no {role} value of {column} appears in two splits.", 0, "0 shared values")
                    : Result.Fail($"leakage.split_overlap.{task.Id}.{column}", CheckCategory.Leakage, CheckSeverity.Error, $"Task {task.Id}: {shared:N0} {role} value(s) of {column} appear in two splits; first: {first}.", shared, "0 shared values");
            }
        }
    }
}
