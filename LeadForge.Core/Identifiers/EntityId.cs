using System.Globalization;

namespace LeadForge.Identifiers;

/// <summary>
/// Formats the opaque, stable entity ids written to data: <c>prefix_NNNNNN</c>, a 1-based number
/// zero-padded to at least six digits (<c>acct_000001</c>). Numbers are decided by the population
/// plan, never by processing order, so ids are identical across reruns, thread counts and shards.
/// </summary>
public static class EntityId
{
    /// <summary>The minimum number of digits of the number part.</summary>
    private const int MinDigits = 6;

    /// <summary>Formats an id.</summary>
    /// <param name="prefix">The entity prefix, e.g. <c>lead</c>; lower-case letters, digits and underscores.</param>
    /// <param name="number">The 1-based number; must be positive.</param>
    /// <returns>The id, e.g. <c>lead_000042</c>.</returns>
    public static string Format(string prefix, long number)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return string.Create(GetFormattedLength(prefix, number), (prefix, number), static (span, state) => Write(state.prefix, state.number, span));
    }

    /// <summary>The number of characters <see cref="Format"/> produces for this prefix and number.</summary>
    /// <param name="prefix">The entity prefix.</param>
    /// <param name="number">The 1-based number; must be positive.</param>
    /// <returns>The length of the id.</returns>
    public static int GetFormattedLength(string prefix, long number)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return prefix.Length + 1 + Math.Max(MinDigits, CountDigits((ulong)number));
    }

    /// <summary>
    /// Formats an id into <paramref name="destination"/> without allocating; the characters are
    /// exactly those of <see cref="Format"/>.
    /// </summary>
    /// <param name="prefix">The entity prefix; must not be empty.</param>
    /// <param name="number">The 1-based number; must be positive.</param>
    /// <param name="destination">Where to write the id.</param>
    /// <param name="charsWritten">The number of characters written (0 when it does not fit).</param>
    /// <returns><see langword="true"/> when the id fits into <paramref name="destination"/>.</returns>
    public static bool TryFormat(string prefix, long number, Span<char> destination, out int charsWritten)
    {
        var length = GetFormattedLength(prefix, number);
        if (length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        Write(prefix, number, destination[..length]);
        charsWritten = length;
        return true;
    }

    /// <summary>Writes <c>prefix_digits</c> into a span of exactly the formatted length.</summary>
    private static void Write(string prefix, long number, Span<char> destination)
    {
        prefix.CopyTo(destination);
        destination[prefix.Length] = '_';
        var value = (ulong)number;
        for (var i = destination.Length - 1; i > prefix.Length; i--)
        {
            destination[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    private static int CountDigits(ulong value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
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
