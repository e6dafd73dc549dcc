using System.Globalization;
using LeadForge.Tables;
using LeadForge.Validation.Views;

namespace LeadForge.Validation.Checks;

/// <summary>One validation check (or a family of per-table checks) over a bundle view.</summary>
internal interface IBundleCheck
{
    /// <summary>Runs the check and yields one or more results.</summary>
    IEnumerable<CheckResult> Run(ValidationContext context);
}

/// <summary>What every check receives: the bundle view and the options.</summary>
internal sealed class ValidationContext(IBundleView view, ValidationOptions options)
{
    public IBundleView View { get; } = view;

    public ValidationOptions Options { get; } = options;

    public bool IsPublic => View.Descriptor.ExposureMode == ExposureMode.StudentPublic;

    /// <summary>The documented traps of a task: the options' list if set, else the manifest's.</summary>
    public IReadOnlyList<string> TrapsOf(TaskDataset task) => Options.DocumentedTraps ?? task.Manifest.DocumentedTraps;

    public bool IsTrap(TaskDataset task, string column, string? table = null)
    {
        var traps = TrapsOf(task);
        return traps.Contains(column, StringComparer.Ordinal) || (table is not null && traps.Contains($"{table}.{column}", StringComparer.Ordinal));
    }

    /// <summary>Whether a task column is an identifier: the row id, the group column, or an id by name.</summary>
    public bool IsIdColumn(TaskDataset task, string column) =>
        column == task.Manifest.RowIdColumn || column == task.Manifest.GroupColumn || Options.IsIdColumn(column);

    /// <summary>
    /// The task column that names each row's entity in the primary table: the primary table's key
    /// column when the task carries it (e.g. <c>lead_id</c> next to a separate <c>row_id</c>), else the row id.
    /// </summary>
    public string EntityKeyColumn(TaskDataset task)
    {
        var m = task.Manifest;
        return View.Tables.TryGetValue(m.PrimaryTable, out var primary) && primary.Schema.PrimaryKey is { } pk && task.Train.HasColumn(pk)
            ? pk
            : m.RowIdColumn;
    }

    /// <summary>The feature columns of a task: every column except the label and the anchor column.</summary>
    public IEnumerable<ColumnSchema> FeatureColumns(TaskDataset task) =>
        task.Train.Schema.Columns.Where(c => c.Name != task.Manifest.LabelColumn && c.Name != task.Manifest.AnchorColumn);

    public static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>Builders of <see cref="CheckResult"/>s.</summary>
internal static class Result
{
    public static CheckResult Pass(string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, true, measured, band, message);

    public static CheckResult Fail(string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, false, measured, band, message);

    public static CheckResult Of(bool passed, string id, CheckCategory category, CheckSeverity severity, string message, double? measured = null, string? band = null) =>
        new(id, category, severity, passed, measured, band, message);
}
