using System.Globalization;

namespace LeadForge.Rendering.Saving;

/// <summary>
/// The temporary sibling a save writes into (<c>.NAME.tmp-[part-K-]PID-N</c>), with an owner marker
/// inside naming the writing process (its id and, on Linux, its start time, so a reused process id is
/// not mistaken for the writer). A temporary whose owner is gone — the process was killed mid-save —
/// is stale: the next save to the same target, or <c>leadforge clean</c>, removes it. A folder is only
/// ever removed when its name has the temporary pattern and its marker names a dead process, so a
/// user's folder is never touched.
/// </summary>
internal static class TemporaryFolder
{
    /// <summary>The owner marker's file name inside a temporary folder.</summary>
    public const string MarkerName = ".leadforge-owner";

    /// <summary>Whether a name has the temporary pattern of some target (<c>.NAME.tmp-…</c>).</summary>
    public static bool HasTemporaryName(string name) => name.StartsWith('.') && name.Contains(".tmp-", StringComparison.Ordinal);

    /// <summary>The temporary-name prefix of a target (<c>.NAME.tmp-</c>).</summary>
    public static string PrefixOf(string targetName) => "." + targetName + ".tmp-";

    /// <summary>
    /// Claims a new temporary folder for this save by creating its owner marker exclusively; false when
    /// another save (another thread of this process, or another process) created the marker first, so two
    /// savers never share one temporary.
    /// </summary>
    public static bool TryClaim(string folder)
    {
        try
        {
            using var marker = new FileStream(Path.Combine(folder, MarkerName), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            marker.Write(System.Text.Encoding.UTF8.GetBytes(ProcessIdentity.Current.ToString() + "\n"));
            return true;
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, MarkerName)))
        {
            return false;
        }
    }

    /// <summary>Removes the marker just before the folder becomes the bundle (a bundle holds only what its manifest lists).</summary>
    public static void Unmark(string folder) => File.Delete(Path.Combine(folder, MarkerName));

    /// <summary>Whether a folder is a temporary whose writer is gone (see the type remarks).</summary>
    public static bool IsStale(string folder)
    {
        if (!HasTemporaryName(Path.GetFileName(folder)) || new DirectoryInfo(folder).LinkTarget is not null)
        {
            return false;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(folder, MarkerName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return ProcessIdentity.TryParse(text.Trim(), out var owner) && !owner.IsAlive();
    }

    /// <summary>Removes the stale temporaries in <paramref name="parent"/> (those of one target when <paramref name="targetName"/> is given); returns the removed paths.</summary>
    public static IReadOnlyList<string> RemoveStale(string parent, string? targetName = null, bool dryRun = false)
    {
        var removed = new List<string>();
        if (!Directory.Exists(parent))
        {
            return removed;
        }

        var pattern = targetName is null ? ".*.tmp-*" : PrefixOf(targetName) + "*";
        foreach (var folder in Directory.EnumerateDirectories(parent, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            if (!IsStale(folder))
            {
                continue;
            }

            if (!dryRun)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
            }

            removed.Add(folder);
        }

        return removed;
    }
}

/// <summary>A process as a temporary folder's marker records it: its id and, where the OS tells, its start time.</summary>
/// <param name="Id">The process id.</param>
/// <param name="StartTicks">The process's start time in the OS's own units (Linux: clock ticks since boot), or null where unknown.</param>
internal readonly record struct ProcessIdentity(int Id, long? StartTicks)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } = new(Environment.ProcessId, StartTicksOf(Environment.ProcessId));

    /// <summary>Whether the process is still running (and is the same process, not a reuse of its id).</summary>
    public bool IsAlive()
    {
        if (OperatingSystem.IsLinux())
        {
            var now = StartTicksOf(Id);
            return now is not null && (StartTicks is null || now == StartTicks);
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => StartTicks is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"{Id} {t}")
        : Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a marker's text (<c>PID</c> or <c>PID START</c>).</summary>
    public static bool TryParse(string text, out ProcessIdentity identity)
    {
        identity = default;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        long? start = null;
        if (parts.Length == 2)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                return false;
            }

            start = t;
        }

        identity = new ProcessIdentity(id, start);
        return true;
    }

    /// <summary>Linux: field 22 of <c>/proc/PID/stat</c> (after the parenthesised command name); null if the process does not exist.</summary>
    private static long? StartTicksOf(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
