using System.Globalization;
using LeadForge.Tables;
using LeadForge.Validation.Views;

namespace LeadForge.Validation.Checks;

/// <summary>
/// One validation check (or a family of per-table checks) over a bundle. The built-in checks implement
/// it internally; a scheme contributes checks of its own through <see cref="ValidationOptions.Checks"/>,
/// and they run after the built-in ones on in-memory and saved bundles alike.
/// </summary>
public interface IBundleCheck
{
    /// <summary>Runs the check and yields one or more results.</summary>
    /// <param name="context">The bundle being validated and the options.</param>
    /// <returns>The results; an id should start with a scheme-specific prefix, e.g. <c>lead_scoring.</c>.</returns>
    IEnumerable<CheckResult> Run(ValidationContext context);
}

/// <summary>What every check receives: the bundle (in memory or read back from a folder) and the options.</summary>
public sealed class ValidationContext
{
    internal ValidationContext(IBundleView view, ValidationOptions options)
    {
        View = view;
        Options = options;
    }

    internal IBundleView View { get; }

    /// <summary>The validator's options.</summary>
    public ValidationOptions Options { get; }

    /// <summary>What the bundle is: scheme, recipe, seed, mode, tier, population.</summary>
    public BundleDescriptor Descriptor => View.Descriptor;

    /// <summary>The relational tables by name.</summary>
    public IReadOnlyDictionary<string, Table> Tables => View.Tables;

    /// <summary>The ML tasks with their splits.</summary>
    public IReadOnlyList<TaskDataset> Tasks => View.Tasks;

    /// <summary>The feature dictionary.</summary>
    public IReadOnlyList<FeatureInfo> FeatureDictionary => View.FeatureDictionary;

    /// <summary>Each table's exposure policy as the manifest (or, in memory, the schema) records it; a table without one is public.</summary>
    public IReadOnlyDictionary<string, Rendering.ManifestExposure> TableExposures => View.TableExposures;

    /// <summary>Whether the bundle is student_public.</summary>
    public bool IsPublic => View.Descriptor.ExposureMode == ExposureMode.StudentPublic;

    /// <summary>The documented traps of a task: the options' list if set, else the manifest's.</summary>
    internal IReadOnlyList<string> TrapsOf(TaskDataset task) => Options.DocumentedTraps ?? task.Manifest.DocumentedTraps;

    internal bool IsTrap(TaskDataset task, string column, string? table = null)
    {
        var traps = TrapsOf(task);
        return traps.Contains(column, StringComparer.Ordinal) || (table is not null && traps.Contains($"{table}.{column}", StringComparer.Ordinal));
    }

    /// <summary>Whether a task column is an identifier: the row id, the entity key, a pair key, the group column, or an id by name.</summary>
    internal bool IsIdColumn(TaskDataset task, string column) =>
        column == task.Manifest.RowIdColumn || column == task.Manifest.GroupColumn || column == task.Manifest.EntityKeyColumn
        || (task.Manifest.PairKeyColumns?.Contains(column, StringComparer.Ordinal) ?? false) || Options.IsIdColumn(column);

    /// <summary>
    /// The task column that names each row's entity in the primary table: the manifest's entity key when
    /// declared, else the primary table's key column when the task carries it (e.g. <c>lead_id</c> next to a
    /// separate <c>row_id</c>), else the row id.
    /// </summary>
    internal string EntityKeyColumn(TaskDataset task)
    {
        var m = task.Manifest;
        if (m.EntityKeyColumn is { } declared && task.Train.HasColumn(declared))
        {
            return declared;
        }

        return View.Tables.TryGetValue(m.PrimaryTable, out var primary) && primary.Schema.PrimaryKey is { } pk && task.Train.HasColumn(pk)
            ? pk
            : m.RowIdColumn;
    }

    /// <summary>The feature columns of a task: every column except the label and the anchor column.</summary>
    internal IEnumerable<ColumnSchema> FeatureColumns(TaskDataset task) =>
        task.Train.Schema.Columns.Where(c => c.Name != task.Manifest.LabelColumn && c.Name != task.Manifest.AnchorColumn);

    /// <summary>Whether every split of a task has the train split's columns with their types (when not, the schema check reports it).</summary>
    internal static bool SplitsShareSchema(TaskDataset task) =>
        task.Splits.All(s => task.Train.Schema.Columns.All(c => s.Table.HasColumn(c.Name) && s.Table[c.Name].Type == c.Type));

    internal static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>Builders of <see cref="CheckResult"/>s.</summary>
internal static class Result
{
    public static CheckResult Pass(string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, true, measured, band, message);

    public static CheckResult Fail(string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, false, measured, band, message);

    /// <summary>A check that could not run on a task whose splits disagree: a note pointing at the schema check, so the failure is reported once.</summary>
    public static CheckResult NotRun(string id, CheckCategory category, TaskDataset task) =>
        new(id, category, CheckSeverity.Info, false, null, null, $"Not run: the splits of task {task.Id} do not share the train split's columns (see structure.task_schema.{task.Id}).");

    public static CheckResult Of(bool passed, string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, passed, measured, band, message);
}
