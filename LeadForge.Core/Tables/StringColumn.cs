using System.Text;
using LeadForge.Identifiers;

namespace LeadForge.Tables;

/// <summary>
/// A column of strings, stored in one of three ways that read, hash and save identically:
/// plain strings; codes into a dictionary of distinct values (when the schema is
/// <see cref="ColumnSchema.DictionaryEncoded"/>); or entity-id numbers formatted on read
/// (<see cref="Column.FromEntityIds"/>).
/// </summary>
public sealed class StringColumn : Column
{
    private readonly string?[]? _values;
    private readonly int[]? _codes;
    private readonly string[]? _dictionary;
    private readonly string? _idPrefix;
    private readonly long[]? _idNumbers;
    private readonly int _nullCount;

    private StringColumn(ColumnSchema schema, int length, int nullCount, string?[]? values, int[]? codes, string[]? dictionary, string? idPrefix, long[]? idNumbers)
        : base(schema, length)
    {
        _values = values;
        _codes = codes;
        _dictionary = dictionary;
        _idPrefix = idPrefix;
        _idNumbers = idNumbers;
        _nullCount = nullCount;
        if (nullCount > 0 && !schema.Nullable)
        {
            throw new ArgumentException($"Column '{schema.Name}' is not nullable but has {nullCount} nulls.", nameof(schema));
        }
    }

    /// <summary>Whether the column is stored as codes into <see cref="Dictionary"/> (exactly when the schema is dictionary-encoded).</summary>
    public bool IsDictionaryEncoded => _codes is not null;

    /// <summary>The distinct values of a dictionary-encoded column (in first-appearance order); empty otherwise.</summary>
    public IReadOnlyList<string> Dictionary => _dictionary ?? [];

    /// <summary>The codes of a dictionary-encoded column (-1 for null); empty otherwise.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>Whether the column is stored as entity-id numbers (see <see cref="Column.FromEntityIds"/>).</summary>
    public bool IsEntityIdEncoded => _idNumbers is not null;

    /// <summary>The id prefix of an entity-id column; empty otherwise.</summary>
    public string EntityIdPrefix => _idPrefix ?? string.Empty;

    /// <summary>The id numbers of an entity-id column (0 for null); empty otherwise. Format one with <see cref="EntityId.TryFormat"/>.</summary>
    public ReadOnlySpan<long> EntityIdNumbers => _idNumbers;

    /// <inheritdoc />
    public override int NullCount => _nullCount;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/>.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <remarks>An entity-id column formats (allocates) the string on every read.</remarks>
    public string? this[int row]
    {
        get
        {
            if (_codes is not null)
            {
                var code = _codes[row];
                return code < 0 ? null : _dictionary![code];
            }

            if (_idNumbers is not null)
            {
                var number = _idNumbers[row];
                return number == 0 ? null : EntityId.Format(_idPrefix!, number);
            }

            return _values![row];
        }
    }

    /// <inheritdoc />
    public override bool IsNull(int row) =>
        _codes is not null ? _codes[row] < 0
        : _idNumbers is not null ? _idNumbers[row] == 0
        : _values![row] is null;

    /// <inheritdoc />
    public override object? GetValue(int row) => this[row];

    internal static StringColumn Create(ColumnSchema schema, string?[] values)
    {
        RequireString(schema);
        var nulls = 0;
        if (!schema.DictionaryEncoded)
        {
            foreach (var v in values)
            {
                if (v is null)
                {
                    nulls++;
                }
            }

            return Plain(schema, values, nulls);
        }

        var codes = new int[values.Length];
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var dictionary = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v is null)
            {
                codes[i] = -1;
                nulls++;
                continue;
            }

            if (!lookup.TryGetValue(v, out var code))
            {
                code = dictionary.Count;
                lookup.Add(v, code);
                dictionary.Add(v);
            }

            codes[i] = code;
        }

        return new StringColumn(schema, values.Length, nulls, null, codes, dictionary.ToArray(), null, null);
    }

    internal static StringColumn CreateFromCodes(ColumnSchema schema, IReadOnlyList<string> dictionary, int[] codes, bool validate)
    {
        RequireString(schema);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(codes);
        if (validate)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < dictionary.Count; k++)
            {
                if (dictionary[k] is not { } entry)
                {
                    throw new ArgumentException($"Column '{schema.Name}': dictionary entry {k} is null; mark null cells with code -1.", nameof(dictionary));
                }

                if (!distinct.Add(entry))
                {
                    throw new ArgumentException($"Column '{schema.Name}': dictionary value '{entry}' appears twice.", nameof(dictionary));
                }
            }
        }

        // One pass: count nulls, check the codes, and renumber to first-appearance order.
        var map = new int[dictionary.Count];
        Array.Fill(map, -1);
        var next = 0;
        var nulls = 0;
        var identity = true;
        foreach (var code in codes)
        {
            if (code < 0)
            {
                if (code != -1)
                {
                    throw new ArgumentOutOfRangeException(nameof(codes), code, $"Column '{schema.Name}': a code must be -1 (null) or an index into the dictionary of {dictionary.Count} values.");
                }

                nulls++;
                continue;
            }

            if (code >= map.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), code, $"Column '{schema.Name}': a code must be -1 (null) or an index into the dictionary of {dictionary.Count} values.");
            }

            if (map[code] < 0)
            {
                map[code] = next++;
                identity &= map[code] == code;
            }
        }

        var used = new string[next];
        for (var k = 0; k < map.Length; k++)
        {
            if (map[k] >= 0)
            {
                used[map[k]] = dictionary[k];
            }
        }

        if (!schema.DictionaryEncoded)
        {
            var values = new string?[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                var code = codes[i];
                values[i] = code < 0 ? null : dictionary[code];
            }

            return Plain(schema, values, nulls);
        }

        var renumbered = codes;
        if (!identity)
        {
            renumbered = new int[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                var code = codes[i];
                renumbered[i] = code < 0 ? -1 : map[code];
            }
        }

        return new StringColumn(schema, codes.Length, nulls, null, renumbered, used, null, null);
    }

    internal static StringColumn CreateFromEntityIds(ColumnSchema schema, string prefix, long[] numbers)
    {
        RequireString(schema);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(numbers);
        var nulls = 0;
        foreach (var number in numbers)
        {
            if (number <= 0)
            {
                if (number < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(numbers), number, $"Column '{schema.Name}': an entity-id number must be positive, or 0 for null.");
                }

                nulls++;
            }
        }

        if (!schema.DictionaryEncoded)
        {
            return new StringColumn(schema, numbers.Length, nulls, null, null, null, prefix, numbers);
        }

        var codes = new int[numbers.Length];
        var lookup = new Dictionary<long, int>();
        var dictionary = new List<string>();
        for (var i = 0; i < numbers.Length; i++)
        {
            var number = numbers[i];
            if (number == 0)
            {
                codes[i] = -1;
                continue;
            }

            if (!lookup.TryGetValue(number, out var code))
            {
                code = dictionary.Count;
                lookup.Add(number, code);
                dictionary.Add(EntityId.Format(prefix, number));
            }

            codes[i] = code;
        }

        return new StringColumn(schema, numbers.Length, nulls, null, codes, dictionary.ToArray(), null, null);
    }

    /// <summary>Copies the values out as a plain array.</summary>
    /// <returns>The values.</returns>
    public string?[] ToArray()
    {
        var result = new string?[Length];
        for (var i = 0; i < Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        if (_codes is not null)
        {
            var codes = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                codes[i] = _codes[rows[i]];
            }

            return CreateFromCodes(Schema, _dictionary!, codes, validate: false);
        }

        if (_idNumbers is not null)
        {
            var numbers = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                numbers[i] = _idNumbers[rows[i]];
            }

            return CreateFromEntityIds(Schema, _idPrefix!, numbers);
        }

        var values = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = _values![rows[i]];
        }

        return Create(Schema, values);
    }

    /// <inheritdoc />
    public override Column WithSchema(ColumnSchema schema)
    {
        if (IsDictionaryEncoded == schema.DictionaryEncoded && schema.Type == ColumnType.String)
        {
            return new StringColumn(schema, Length, _nullCount, _values, _codes, _dictionary, _idPrefix, _idNumbers);
        }

        return _codes is not null ? CreateFromCodes(schema, _dictionary!, _codes, validate: false)
            : _idNumbers is not null ? CreateFromEntityIds(schema, _idPrefix!, _idNumbers)
            : Create(schema, _values!);
    }

    internal static StringColumn ConcatStrings(ColumnSchema schema, IReadOnlyList<Column> parts)
    {
        var total = 0;
        var allIds = true;
        var allCodes = true;
        string? prefix = null;
        foreach (var part in parts)
        {
            var typed = part.AsString();
            total += typed.Length;
            if (typed.Length == 0)
            {
                continue;
            }

            allCodes &= typed._codes is not null;
            allIds &= typed._idNumbers is not null && (prefix is null || prefix == typed._idPrefix);
            prefix ??= typed._idPrefix;
        }

        var at = 0;
        if (allIds && prefix is not null)
        {
            var numbers = new long[total];
            foreach (var part in parts)
            {
                var typed = (StringColumn)part;
                typed._idNumbers?.CopyTo(numbers, at);
                at += typed.Length;
            }

            return CreateFromEntityIds(schema, prefix, numbers);
        }

        if (allCodes && total > 0)
        {
            var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            var codes = new int[total];
            foreach (var part in parts)
            {
                var typed = (StringColumn)part;
                if (typed.Length == 0)
                {
                    continue;
                }

                var map = new int[typed._dictionary!.Length];
                for (var k = 0; k < map.Length; k++)
                {
                    var entry = typed._dictionary[k];
                    if (!lookup.TryGetValue(entry, out map[k]))
                    {
                        map[k] = dictionary.Count;
                        lookup.Add(entry, map[k]);
                        dictionary.Add(entry);
                    }
                }

                foreach (var code in typed._codes!)
                {
                    codes[at++] = code < 0 ? -1 : map[code];
                }
            }

            return CreateFromCodes(schema, dictionary, codes, validate: false);
        }

        var values = new string?[total];
        foreach (var part in parts)
        {
            var typed = (StringColumn)part;
            for (var r = 0; r < typed.Length; r++)
            {
                values[at++] = typed[r];
            }
        }

        return Create(schema, values);
    }

    internal override void AppendCanonical(IncrementalHashWriter writer)
    {
        if (_codes is not null)
        {
            var utf8 = Array.ConvertAll(_dictionary!, Encoding.UTF8.GetBytes);
            foreach (var code in _codes)
            {
                if (code < 0)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteUtf8(utf8[code]);
                }
            }

            return;
        }

        if (_idNumbers is not null)
        {
            Span<char> buffer = stackalloc char[_idPrefix!.Length + 21];
            foreach (var number in _idNumbers)
            {
                if (number == 0)
                {
                    writer.WriteNull();
                }
                else
                {
                    EntityId.TryFormat(_idPrefix, number, buffer, out var written);
                    writer.Write(buffer[..written]);
                }
            }

            return;
        }

        foreach (var value in _values!)
        {
            if (value is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(value);
            }
        }
    }

    private static StringColumn Plain(ColumnSchema schema, string?[] values, int nulls) =>
        new(schema, values.Length, nulls, values, null, null, null, null);

    private static void RequireString(ColumnSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type != ColumnType.String)
        {
            throw new ArgumentException($"Column '{schema.Name}' is declared {schema.Type}, not String.", nameof(schema));
        }
    }
}
