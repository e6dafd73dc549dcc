using System.Globalization;

namespace LeadForge.Identifiers;

/// <summary>
/// Formats the opaque, stable entity ids written to data: <c>prefix_NNNNNN</c>, a 1-based number
/// zero-padded to at least six digits (<c>acct_000001</c>). Numbers are decided by the population
/// plan, never by processing order, so ids are identical across reruns, thread counts and shards.
/// </summary>
public static class EntityId
{
    /// <summary>Formats an id.</summary>
    /// <param name="prefix">The entity prefix, e.g. <c>lead</c>; lower-case letters, digits and underscores.</param>
    /// <param name="number">The 1-based number; must be positive.</param>
    /// <returns>The id, e.g. <c>lead_000042</c>.</returns>
    public static string Format(string prefix, long number)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{number:D6}");
    }

    /// <summary>Parses the number back out of an id produced by <see cref="Format"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="prefix">The expected prefix.</param>
    /// <param name="number">The parsed number.</param>
    /// <returns><see langword="true"/> if <paramref name="id"/> has the expected shape.</returns>
    public static bool TryParse(string? id, string prefix, out long number)
    {
        number = 0;
        if (id is null || id.Length < prefix.Length + 7 || !id.StartsWith(prefix, StringComparison.Ordinal) || id[prefix.Length] != '_')
        {
            return false;
        }

        return long.TryParse(id.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
