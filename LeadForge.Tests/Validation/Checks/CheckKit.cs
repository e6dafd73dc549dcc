using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;
using LeadForge.Validation.Views;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>Builds check contexts and small hand-made tables for the checks' unit tests.</summary>
internal static class CheckKit
{
    public static ValidationContext Context(WorldBundle bundle, ValidationOptions? options = null) =>
        new(BundleView.FromBundle(bundle), options ?? new ValidationOptions { RunBaselines = false });

    public static ValidationContext Context(BundleView view, ValidationOptions? options = null) =>
        new(view, options ?? new ValidationOptions { RunBaselines = false });

    /// <summary>The in-memory view of a bundle with some of what a saved bundle's view reports replaced.</summary>
    public static BundleView View(WorldBundle bundle, bool? hasTruth = null, IReadOnlyList<FileIntegrity>? files = null, string? recomputedConfigHash = null, IReadOnlyList<string>? mismatches = null)
    {
        var v = BundleView.FromBundle(bundle);
        return new BundleView
        {
            Subject = v.Subject, Descriptor = v.Descriptor, CalendarStart = v.CalendarStart, HorizonDays = v.HorizonDays, Tables = v.Tables, Tasks = v.Tasks,
            TableExposures = v.TableExposures, FeatureDictionary = v.FeatureDictionary, HasTruth = hasTruth ?? v.HasTruth, Files = files ?? v.Files,
            RecomputedConfigHash = recomputedConfigHash ?? v.RecomputedConfigHash, ManifestFieldMismatches = mismatches ?? v.ManifestFieldMismatches,
        };
    }

    /// <summary>Runs one check on a bundle and returns its results by id.</summary>
    public static IReadOnlyDictionary<string, CheckResult> Run(IBundleCheck check, WorldBundle bundle, ValidationOptions? options = null) =>
        check.Run(Context(bundle, options)).ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static Column Strings(string name, params string?[] values) =>
        Column.FromStrings(new ColumnSchema(name, ColumnType.String, values.Any(v => v is null), name), values);

    public static Column Doubles(string name, params double?[] values) =>
        Column.FromValues(new ColumnSchema(name, ColumnType.Double, values.Any(v => v is null), name), values.Select(v => v ?? 0).ToArray(), Nulls(values));

    public static Column Ints(string name, params int?[] values) =>
        Column.FromValues(new ColumnSchema(name, ColumnType.Int32, values.Any(v => v is null), name), values.Select(v => v ?? 0).ToArray(), Nulls(values));

    public static Column Times(string name, params DateTime?[] values) =>
        Column.FromValues(new ColumnSchema(name, ColumnType.Timestamp, values.Any(v => v is null), name), values.Select(v => v ?? default).ToArray(), Nulls(values));

    /// <summary>A table of the given columns; the first column is the primary key unless <paramref name="primaryKey"/> says otherwise.</summary>
    public static Table Table(string name, IReadOnlyList<Column> columns, string? primaryKey = "", params ForeignKey[] foreignKeys) =>
        new(new TableSchema(name, name, [.. columns.Select(c => c.Schema)], primaryKey == string.Empty ? columns[0].Name : primaryKey, foreignKeys), [.. columns]);

    /// <summary>Replaces the task's three splits by the same edit.</summary>
    public static TaskDataset EditSplits(TaskDataset task, Func<Table, Table> edit) =>
        task with { Train = edit(task.Train), Valid = edit(task.Valid), Test = edit(task.Test) };

    private static bool[]? Nulls<T>(T?[] values)
        where T : struct => values.Any(v => v is null) ? values.Select(v => v is null).ToArray() : null;
}
