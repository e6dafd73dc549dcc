using System.Text;

namespace LeadForge;

/// <summary>Converts between .NET PascalCase names and the snake_case names written to data and recipes.</summary>
public static class WireNames
{
    /// <summary>The snake_case wire name of an enum value, e.g. <c>StudentPublic</c> → <c>student_public</c>.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The wire name.</returns>
    public static string ToWire<TEnum>(this TEnum value)
        where TEnum : struct, Enum => ToSnakeCase(value.ToString());

    /// <summary>Parses a snake_case wire name into an enum value.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="wire">The wire name.</param>
    /// <param name="value">The parsed value.</param>
    /// <returns><see langword="true"/> if <paramref name="wire"/> names a value of <typeparamref name="TEnum"/>.</returns>
    public static bool TryParseWire<TEnum>(string? wire, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToWire(), wire, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>All wire names of an enum, in declaration order.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <returns>The wire names.</returns>
    public static IReadOnlyList<string> AllWire<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => v.ToWire()).ToArray();

    /// <summary>Converts a PascalCase or camelCase identifier to snake_case.</summary>
    /// <param name="name">The identifier.</param>
    /// <returns>The snake_case form.</returns>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (prevLowerOrDigit || nextLower)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
