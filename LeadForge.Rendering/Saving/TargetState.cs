using System.Diagnostics;
using System.Security.Cryptography;

namespace LeadForge.Rendering.Saving;

/// <summary>
/// What a save's target folder held when the save began — absent, empty, or a bundle identified by the
/// SHA-256 of its top-level manifests — so that the commit can tell whether another save replaced it in
/// the meantime. Two saves racing to one folder therefore end with exactly one winner: the first to
/// commit; the other finds the target changed and fails with a <see cref="BundleWriteException"/>
/// instead of silently replacing (or being replaced by) the winner's bundle.
/// </summary>
internal sealed record TargetState(string Description)
{
    /// <summary>How long a commit waits for another process's commit to the same folder to finish.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The state of <paramref name="target"/> now; <paramref name="locked"/> is this process's commit lock
    /// on its <c>manifest.json</c>, read through the lock (the file cannot be opened again meanwhile).
    /// </summary>
    public static TargetState Of(string target, FileStream? locked = null)
    {
        if (!Directory.Exists(target))
        {
            return new("absent");
        }

        if (BundleTarget.IsEmpty(target))
        {
            return new("empty");
        }

        var manifests = Directory.EnumerateFiles(target)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(BundleTarget.IsManifestName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in manifests)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(ReadManifest(Path.Combine(target, name), locked));
        }

        return new($"bundle {Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}");
    }

    /// <summary>
    /// Takes the commit lock of a folder that holds a bundle: an exclusive lock on its
    /// <c>manifest.json</c>, which every LeadForge save to that folder takes before replacing it. Waits
    /// while another process holds it. Returns null when the folder has no manifest to lock.
    /// </summary>
    public static FileStream? LockForCommit(string target, CancellationToken cancellationToken) =>
        Open(Path.Combine(target, BundleManifest.FileName), FileShare.None, cancellationToken);

    /// <summary>
    /// The bytes of a manifest, read through this process's commit lock when it is that file, else opened
    /// for reading (waiting while another process's commit holds it).
    /// </summary>
    public static byte[] ReadManifest(string path, FileStream? locked)
    {
        if (locked is not null && string.Equals(Path.GetFullPath(locked.Name), Path.GetFullPath(path), StringComparison.Ordinal))
        {
            locked.Position = 0;
            return ReadAll(locked);
        }

        using var stream = Open(path, FileShare.Read, CancellationToken.None) ?? throw new FileNotFoundException($"'{path}' does not exist.", path);
        return ReadAll(stream);
    }

    private static FileStream? Open(string path, FileShare share, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, share);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < LockWait)
            {
                // Held by another process's commit (LeadForge locks a manifest only while it replaces the folder).
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(25));
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (IOException ex)
            {
                throw new BundleWriteException($"Cannot read '{path}': another process has held it for {LockWait.TotalSeconds:0} s (a save to the same folder?); nothing was replaced.", ex);
            }
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Throws when the target no longer is what it was at the start of the save.</summary>
    public void RequireUnchanged(string target, FileStream? locked)
    {
        var now = Of(target, locked);
        if (now != this)
        {
            throw new BundleWriteException(
                $"Another save changed '{target}' while this one was writing (it was {Description} at the start and is {now.Description} now); "
                + "this bundle was not saved and the folder was left as the other save made it. Run again to replace it.");
        }
    }
}
