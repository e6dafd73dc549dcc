using LeadForge.Rendering.Saving;
using LeadForge.Schemes;

namespace LeadForge.Rendering;

/// <summary>Checks a bundle folder before any work is spent on the bundle that will go there.</summary>
public static class BundleFolder
{
    /// <summary>
    /// Throws when a bundle could not be saved to <paramref name="path"/> with <paramref name="options"/>,
    /// by the same rule <c>WorldBundle.SaveAsync</c> applies (which checks again when it saves): the folder
    /// must be absent or empty, or — with <see cref="SaveOptions.Overwrite"/> — hold a LeadForge bundle and
    /// nothing its manifests do not list. A folder that is not recognisably a bundle, the current directory
    /// or one of its parents, a file and a symbolic link are never replaced. A shard's folder may hold other
    /// shards' parts but nothing else.
    /// </summary>
    /// <param name="path">The bundle folder that will be written.</param>
    /// <param name="options">The save options; defaults when <see langword="null"/>.</param>
    /// <param name="shard">The shard that will be saved, or <see langword="null"/> (the default) for a whole world.</param>
    /// <exception cref="BundleWriteException">The folder cannot receive the bundle; the message names it and what is in the way.</exception>
    public static void EnsureWritable(string path, SaveOptions? options = null, ShardSpec? shard = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BundleWriteException($"Cannot save a bundle to '{path}': the path is invalid ({ex.Message}).", ex);
        }

        if (Path.GetDirectoryName(full) is null)
        {
            throw new BundleWriteException($"Cannot save a bundle to the file-system root '{full}'.");
        }

        BundleTarget.Check(full, shard, (options ?? new SaveOptions()).Overwrite);
    }

    /// <summary>
    /// Removes the temporary folders (<c>.NAME.tmp-…</c>) that saves into <paramref name="folder"/> left
    /// behind when their process was killed. Only a folder with the temporary name pattern whose owner
    /// marker names a process that is no longer running is removed; a running save's temporary, a
    /// symbolic link and anything without a marker are left alone. A save removes the stale temporaries
    /// of its own target by itself; this is for a whole folder (<c>leadforge clean</c>).
    /// </summary>
    /// <param name="folder">The folder bundles are saved into (the parent of the bundle folders).</param>
    /// <param name="dryRun">Only report what would be removed.</param>
    /// <returns>The removed (or, with <paramref name="dryRun"/>, removable) temporaries, in name order.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string folder, bool dryRun = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return TemporaryFolder.RemoveStale(Path.GetFullPath(folder), targetName: null, dryRun);
    }
}
