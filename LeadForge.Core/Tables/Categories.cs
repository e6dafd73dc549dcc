namespace LeadForge.Tables;

/// <summary>
/// A categorical column's values as codes: the distinct values of a list (settings may repeat a
/// value, e.g. two personas with one role) and the code of each list entry, for
/// <see cref="Column.FromCodes(ColumnSchema, IReadOnlyList{string}, byte[])"/>. Reads and files match a column of the strings.
/// </summary>
public sealed class Categories
{
    private Categories(string[] dictionary, int[] codeOf)
    {
        Dictionary = dictionary;
        CodeOf = codeOf;
    }

    /// <summary>The distinct values, in first-appearance order of the list.</summary>
    /// <value>The dictionary; do not modify it.</value>
    public string[] Dictionary { get; }

    /// <summary>The code (index into <see cref="Dictionary"/>) of each list entry.</summary>
    /// <value>One code per list entry; do not modify it.</value>
    public int[] CodeOf { get; }

    /// <summary>The categories of a list of values.</summary>
    /// <param name="values">The values (may repeat).</param>
    /// <returns>The categories.</returns>
    public static Categories Of(IReadOnlyList<string> values)
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var dictionary = new List<string>();
        var codeOf = new int[values.Count];
        for (var i = 0; i < codeOf.Length; i++)
        {
            if (!lookup.TryGetValue(values[i], out var code))
            {
                code = dictionary.Count;
                lookup.Add(values[i], code);
                dictionary.Add(values[i]);
            }

            codeOf[i] = code;
        }

        return new Categories([.. dictionary], codeOf);
    }

    /// <summary>
    /// The categories of an enum: its wire names (<see cref="WireNames.ToWire{TEnum}(TEnum)"/>) in
    /// declaration order, so a value's code is its numeric value when the values are 0, 1, 2, ….
    /// </summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <returns>The categories.</returns>
    /// <exception cref="InvalidOperationException">The enum does not number its values 0, 1, 2, ….</exception>
    public static Categories OfEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var categories = Of(WireNames.AllWire<TEnum>());
        var values = Enum.GetValues<TEnum>();
        for (var i = 0; i < values.Length; i++)
        {
            if (Convert.ToInt64(values[i], System.Globalization.CultureInfo.InvariantCulture) != i)
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} must number its values 0, 1, 2, … to be used as category codes.");
            }
        }

        return categories;
    }

    /// <summary>The categories of a projection of a list (e.g. the names of the segments).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="value">The value of an item.</param>
    /// <returns>The categories.</returns>
    public static Categories Of<T>(IReadOnlyList<T> items, Func<T, string> value)
    {
        var values = new string[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(items[i]);
        }

        return Of(values);
    }
}
