using System.Runtime.InteropServices;

namespace LeadForge.Rendering.Saving;

/// <summary>
/// Replaces a folder by another in one step where the operating system can: on Linux,
/// <c>renameat2(RENAME_EXCHANGE)</c> swaps the two names atomically, so the target is at every moment
/// either the old bundle or the new one. Elsewhere (or on a file system that does not support the
/// exchange) the old folder is renamed aside, the new one renamed in, and the old one restored if that
/// fails.
/// </summary>
internal static partial class DirectoryExchange
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>
    /// Puts <paramref name="replacement"/> at <paramref name="target"/> (both existing folders on one
    /// file system). Returns the path that now holds the old content, for the caller to delete.
    /// </summary>
    public static string Replace(string target, string replacement, Func<string> freeSibling)
    {
        if (OperatingSystem.IsLinux() && TryExchange(target, replacement))
        {
            return replacement;
        }

        var old = freeSibling();
        Directory.Move(target, old);
        try
        {
            Directory.Move(replacement, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        return old;
    }

    private static bool TryExchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
