using System.Text.Json;
using LeadForge.Rendering.Json;
using System.Text.RegularExpressions;
using LeadForge.Schemes;

namespace LeadForge.Rendering.Saving;

/// <summary>
/// Decides whether a folder may receive a bundle, and whether an existing one may be replaced.
/// The rule that protects the user's data: <em>overwrite</em> replaces only a folder that is
/// recognisably a LeadForge bundle — it holds at least one readable LeadForge manifest and nothing
/// that no manifest lists — or an empty folder. Anything else (a home folder, a project folder, the
/// current directory or one of its parents, a symbolic link) is refused with a
/// <see cref="BundleWriteException"/> naming the folder and what in it is not ours, and nothing is
/// deleted.
/// </summary>
internal static partial class BundleTarget
{
    /// <summary>Top-level names a shard may find beside its own files (other shards' parts and the shared files).</summary>
    private static readonly HashSet<string> LayoutRoots = new(StringComparer.Ordinal)
    {
        BundleManifest.FileName, BundleLayout.DatasetCard, BundleLayout.FeatureDictionary, "tables", "tasks", "metadata", "exports",
    };

    /// <summary>
    /// Checks <paramref name="target"/> (a full path) before any work: throws when the bundle could not
    /// be saved there under <paramref name="overwrite"/>. A whole-world save needs an absent or empty
    /// folder, or (with overwrite) a replaceable bundle; a shard needs an absent folder or one that
    /// holds only bundle files.
    /// </summary>
    public static void Check(string target, ShardSpec? shard, bool overwrite, FileStream? lockedManifest = null)
    {
        RequireNoLink(target);
        if (File.Exists(target))
        {
            throw new BundleWriteException($"Cannot save a bundle to '{target}': it is a file, not a folder.");
        }

        if (shard is null)
        {
            RequireNotWorkingDirectory(target);
        }

        if (!Directory.Exists(target) || IsEmpty(target))
        {
            return;
        }

        if (shard is not null)
        {
            RequireOnlyLayoutEntries(target, shard);
            return;
        }

        if (!overwrite)
        {
            throw new BundleWriteException($"Cannot save the bundle to '{target}': the folder exists and is not empty. Choose another folder, or set SaveOptions.Overwrite (--overwrite) to replace a LeadForge bundle that is there.");
        }

        RequireReplaceableBundle(target, lockedManifest);
    }

    /// <summary>Whether a folder has no entries.</summary>
    public static bool IsEmpty(string folder) => !Directory.EnumerateFileSystemEntries(folder).Any();

    /// <summary>Whether a top-level file name is a manifest (the bundle's or a shard's).</summary>
    public static bool IsManifestName(string name) => name == BundleManifest.FileName || ShardManifestName().IsMatch(name);

    /// <summary>Whether a top-level name belongs to a bundle's layout (including shard manifests).</summary>
    public static bool IsLayoutRoot(string name) => LayoutRoots.Contains(name) || ShardManifestName().IsMatch(name);

    private static void RequireNoLink(string target)
    {
        FileSystemInfo info = new FileInfo(target);
        if (info.LinkTarget is { } link)
        {
            var dangling = info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true };
            throw new BundleWriteException(dangling
                ? $"Cannot save a bundle to '{target}': it is a dangling symbolic link (to '{link}'). Remove the link or choose another folder."
                : $"Cannot save a bundle to '{target}': it is a symbolic link (to '{link}'); LeadForge writes and replaces only real folders. Give the link's target instead.");
        }
    }

    private static void RequireNotWorkingDirectory(string target)
    {
        string current;
        try
        {
            current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.GetCurrentDirectory()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(current, target, comparison)
            || current.StartsWith(target + Path.DirectorySeparatorChar, comparison))
        {
            throw new BundleWriteException($"Cannot save a bundle to '{target}': it is the current directory or one of its parents, which a bundle never replaces. Choose a new folder, e.g. '{Path.Combine(current, "out")}'.");
        }
    }

    private static void RequireOnlyLayoutEntries(string target, ShardSpec shard)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(target).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (!IsLayoutRoot(name))
            {
                throw new BundleWriteException($"Cannot save shard {shard} to '{target}': the folder holds '{name}', which is not part of a LeadForge bundle. A shard is saved only into an empty folder or one holding other shards' parts; nothing was written.");
            }
        }
    }

    private static void RequireReplaceableBundle(string target, FileStream? lockedManifest)
    {
        var manifests = Directory.EnumerateFiles(target)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsManifestName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (manifests.Length == 0)
        {
            throw new BundleWriteException($"Refusing to overwrite '{target}': it is not a LeadForge bundle (it has no '{BundleManifest.FileName}'). --overwrite replaces only a folder that a LeadForge save wrote; nothing was deleted. Choose another folder.");
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in manifests)
        {
            listed.Add(name);
            foreach (var file in ReadManifest(target, name, lockedManifest).Files)
            {
                listed.Add(file.Path);
            }
        }

        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in listed)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                folders.Add(path[..slash]);
            }
        }

        var foreign = FirstUnlisted(target, string.Empty, listed, folders);
        if (foreign is not null)
        {
            throw new BundleWriteException($"Refusing to overwrite '{target}': it holds '{foreign}', which none of its LeadForge manifests lists (a file of yours?). Move it out of the bundle folder or choose another folder; nothing was deleted.");
        }
    }

    private static BundleManifest ReadManifest(string target, string name, FileStream? lockedManifest)
    {
        var path = Path.Combine(target, name);
        try
        {
            var bytes = TargetState.ReadManifest(path, lockedManifest);
            var manifest = JsonSerializer.Deserialize(bytes, BundleJsonContext.Bundle.BundleManifest);
            if (manifest is null || string.IsNullOrEmpty(manifest.BundleSchemaVersion))
            {
                throw new BundleWriteException($"Refusing to overwrite '{target}': '{name}' is not a LeadForge manifest; nothing was deleted.");
            }

            return manifest;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new BundleWriteException($"Refusing to overwrite '{target}': its '{name}' cannot be read as a LeadForge manifest ({ex.Message}), so the folder is not recognisably a bundle; nothing was deleted.", ex);
        }
    }

    /// <summary>The first entry (relative path, depth first, ordinal order) that no manifest accounts for, or null.</summary>
    private static string? FirstUnlisted(string root, string prefix, HashSet<string> listed, HashSet<string> folders)
    {
        var folder = prefix.Length == 0 ? root : BundleLayout.Combine(root, prefix);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var relative = prefix.Length == 0 ? Path.GetFileName(entry) : prefix + "/" + Path.GetFileName(entry);
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                return relative;
            }

            if (Directory.Exists(entry))
            {
                if (!folders.Contains(relative))
                {
                    return relative + "/";
                }

                if (FirstUnlisted(root, relative, listed, folders) is { } inner)
                {
                    return inner;
                }
            }
            else if (!listed.Contains(relative))
            {
                return relative;
            }
        }

        return null;
    }

    [GeneratedRegex("^manifest\\.part-[0-9]+\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardManifestName();
}
