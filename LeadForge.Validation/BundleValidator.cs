using LeadForge.Validation.Checks;
using LeadForge.Validation.Views;

namespace LeadForge.Validation;

/// <summary>
/// Validates a bundle — structure, time, exposure, leakage probes, realism, difficulty baselines and
/// drift — and returns a typed <see cref="ValidationReport"/>. Checks are keyed on table schemas and
/// task manifests, so any scheme's bundle can be validated; the exposure policy comes from the bundle's
/// manifest (its schemas) and a scheme adds checks of its own through <see cref="ValidationOptions.Checks"/>.
/// </summary>
/// <threadsafety>Instances are immutable; <see cref="Validate(WorldBundle)"/> and <see cref="ValidateAsync"/> may run concurrently.</threadsafety>
public sealed class BundleValidator
{
    private static readonly IBundleCheck[] AllChecks =
    [
        new HashAndInventoryCheck(),
        new PrimaryKeyCheck(),
        new ForeignKeyCheck(),
        new ColumnSchemaCheck(),
        new FeatureDictionaryCheck(),
        new ParentChildTimeCheck(),
        new CalendarBoundsCheck(),
        new BannedContentCheck(),
        new SnapshotWindowCheck(),
        new MonotonicityCheck(),
        new SingleColumnLeakageCheck(),
        new RelationalLeakageCheck(),
        new ValueRateRuleCheck(),
        new IdOnlyCheck(),
        new SplitOverlapCheck(),
        new RealismCheck(),
        new DifficultyCheck(),
        new DriftCheck(),
    ];

    private readonly ValidationOptions _options;

    /// <summary>Creates a validator.</summary>
    /// <param name="options">Thresholds and scheme specifics. <value>Default: <see cref="ValidationOptions"/> defaults.</value></param>
    public BundleValidator(ValidationOptions? options = null) => _options = options ?? new ValidationOptions();

    /// <summary>Validates an in-memory bundle.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <returns>The report; <see cref="ValidationReport.Passed"/> is false when any error-severity check failed.</returns>
    public ValidationReport Validate(WorldBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Validate(BundleView.FromBundle(bundle));
    }

    /// <summary>
    /// Validates a saved bundle folder: the manifest (or, for a sharded folder, every
    /// <c>manifest.part-&lt;k&gt;.json</c>), the SHA-256, row count and columns of every inventoried
    /// file, files present but not inventoried, then every check of <see cref="Validate(WorldBundle)"/>
    /// on the tables and tasks read back (the parts of a sharded table are concatenated in shard order).
    /// </summary>
    /// <param name="bundlePath">The bundle folder.</param>
    /// <param name="cancellationToken">Cancels reading and validation between checks.</param>
    /// <returns>
    /// The report; a damaged bundle (a file missing, altered, unreadable or not inventoried) yields
    /// failed <c>structure.file.&lt;path&gt;</c> checks rather than an exception.
    /// </returns>
    /// <exception cref="BundleFormatException">
    /// The folder cannot be validated at all: it does not exist, has no manifest, a manifest is
    /// malformed, shard manifests disagree, or the tables are stored as CSV only.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ValidationReport> ValidateAsync(string bundlePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        var view = await SavedBundleView.LoadAsync(bundlePath, cancellationToken).ConfigureAwait(false);
        return Validate(view, cancellationToken);
    }

    /// <summary>Validates any bundle view (in-memory or read from a saved folder).</summary>
    internal ValidationReport Validate(IBundleView view, CancellationToken cancellationToken = default)
    {
        var context = new ValidationContext(view, _options);
        var results = new List<CheckResult>();
        foreach (var check in AllChecks.Concat(_options.Checks))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(check.Run(context));
        }

        return new ValidationReport(view.Subject, results);
    }

    /// <summary>
    /// Compares two bundles generated from the same inputs: config hashes, the set of tables and tasks,
    /// and the content hash (<see cref="Tables.Table.ComputeContentHash"/>) of every table and split.
    /// </summary>
    /// <param name="a">The first bundle.</param>
    /// <param name="b">The second bundle.</param>
    /// <returns>A report of <see cref="CheckCategory.Determinism"/> checks.</returns>
    public static ValidationReport CompareDeterminism(WorldBundle a, WorldBundle b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var results = new List<CheckResult>();
        var ha = a.Config.ComputeHash();
        var hb = b.Config.ComputeHash();
        results.Add(Result.Of(ha == hb && a.Descriptor.ConfigHash == b.Descriptor.ConfigHash, "determinism.config_hash", CheckCategory.Determinism, CheckSeverity.Error,
            ha == hb ? $"Both bundles share the config hash {ha}." : $"Config hashes differ: {ha} vs {hb}."));

        var tableNames = a.Tables.Names.Union(b.Tables.Names, StringComparer.Ordinal);
        foreach (var name in tableNames)
        {
            results.Add(CompareHashes($"determinism.table.{name}", $"table {name}", a.Tables.TryGet(name, out var ta) ? ta : null, b.Tables.TryGet(name, out var tb) ? tb : null));
        }

        foreach (var id in a.Tasks.Names.Union(b.Tasks.Names, StringComparer.Ordinal))
        {
            a.Tasks.TryGet(id, out var xa);
            b.Tasks.TryGet(id, out var xb);
            foreach (var split in new[] { "train", "valid", "test" })
            {
                results.Add(CompareHashes($"determinism.task.{id}.{split}", $"task {id} {split}", xa?.Splits.First(s => s.Name == split).Table, xb?.Splits.First(s => s.Name == split).Table));
            }
        }

        return new ValidationReport($"determinism of {a.Descriptor.RecipeId} seed {a.Descriptor.Seed} vs seed {b.Descriptor.Seed}", results);
    }

    private static CheckResult CompareHashes(string id, string what, Tables.Table? x, Tables.Table? y)
    {
        if (x is null || y is null)
        {
            return Result.Fail(id, CheckCategory.Determinism, CheckSeverity.Error, $"{what} is present in only {(x is null ? "the second" : "the first")} bundle.");
        }

        var hx = x.ComputeContentHash();
        var hy = y.ComputeContentHash();
        return hx == hy
            ? Result.Pass(id, CheckCategory.Determinism, CheckSeverity.Error, $"{what}: identical content ({x.RowCount:N0} rows, hash {hx[..16]}…).")
            : Result.Fail(id, CheckCategory.Determinism, CheckSeverity.Error, $"{what}: content differs ({x.RowCount:N0} vs {y.RowCount:N0} rows; hash {hx[..16]}… vs {hy[..16]}…).");
    }
}
