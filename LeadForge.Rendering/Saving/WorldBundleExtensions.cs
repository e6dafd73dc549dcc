using LeadForge.Rendering;
using LeadForge.Rendering.Saving;

namespace LeadForge;

/// <summary>Saves a <see cref="WorldBundle"/> to disk.</summary>
public static class WorldBundleExtensions
{
    /// <summary>
    /// Saves the bundle atomically to <paramref name="path"/> (SPEC §6.2): <c>manifest.json</c>,
    /// <c>dataset_card.md</c>, <c>feature_dictionary.csv</c>, <c>tables/</c>, <c>tasks/</c> and — only
    /// when the bundle carries the hidden truth — <c>metadata/</c>. Everything is written into a
    /// temporary sibling folder and renamed into place; an existing non-empty folder is refused
    /// unless <see cref="SaveOptions.Overwrite"/> is set. On failure or cancellation nothing is left at
    /// the target.
    /// </summary>
    /// <remarks>
    /// A shard (<see cref="BundleDescriptor.Shard"/> set) writes <c>tables/&lt;table&gt;/part-&lt;k&gt;.parquet</c>,
    /// <c>tasks/&lt;id&gt;/&lt;split&gt;/part-&lt;k&gt;.parquet</c> and <c>manifest.part-&lt;k&gt;.json</c> into a folder
    /// that may already hold other shards' parts; shard 0 also writes the files shared by all shards
    /// (dataset card, feature dictionary, task manifests, world graph and metadata documents). Only
    /// this shard's own existing files are refused (or replaced with <see cref="SaveOptions.Overwrite"/>).
    /// </remarks>
    /// <param name="bundle">The bundle.</param>
    /// <param name="path">The bundle folder to create.</param>
    /// <param name="options">Save options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the save; nothing is left at the target.</param>
    /// <returns>The manifest that was written.</returns>
    /// <exception cref="BundleWriteException">The target is non-empty (without overwrite), is a file, or cannot be written; the message names the path.</exception>
    /// <exception cref="OperationCanceledException">The save was cancelled.</exception>
    public static Task<BundleManifest> SaveAsync(this WorldBundle bundle, string path, SaveOptions? options = null, CancellationToken cancellationToken = default) =>
        new BundleSaver(bundle, path, options ?? new SaveOptions()).SaveAsync(cancellationToken);
}
