using System.Runtime.CompilerServices;
using System.Text;
using LeadForge.Identifiers;

namespace LeadForge.Tables;

/// <summary>
/// A column of strings, stored in one of three ways that read, hash and save identically:
/// plain strings; codes into a dictionary of distinct values (when the schema is
/// <see cref="ColumnSchema.DictionaryEncoded"/>); or entity-id numbers formatted on read
/// (<see cref="Column.FromEntityIds(ColumnSchema, string, long[])"/>). Codes take one byte a row when
/// the dictionary has at most <see cref="MaxByteCodeDictionary"/> values (else four); id numbers take
/// four bytes a row when every number fits in an <see cref="int"/> (else eight).
/// </summary>
public sealed class StringColumn : Column
{
    /// <summary>The largest dictionary whose codes are stored one byte a row (the byte 255 marks a null).</summary>
    public const int MaxByteCodeDictionary = 255;

    /// <summary>The byte code of a null cell in a one-byte code array.</summary>
    internal const byte NullByteCode = 255;

    private readonly string?[]? _values;
    private readonly byte[]? _byteCodes;
    private readonly int[]? _intCodes;
    private readonly string[]? _dictionary;
    private readonly string? _idPrefix;
    private readonly int[]? _intIds;
    private readonly long[]? _longIds;
    private readonly int _nullCount;

    private StringColumn(ColumnSchema schema, int length, int nullCount, string?[]? values, Array? codes, string[]? dictionary, string? idPrefix, Array? idNumbers)
        : base(schema, length)
    {
        _values = values;
        _byteCodes = codes as byte[];
        _intCodes = codes as int[];
        _dictionary = dictionary;
        _idPrefix = idPrefix;
        _intIds = idNumbers as int[];
        _longIds = idNumbers as long[];
        _nullCount = nullCount;
        if (nullCount > 0 && !schema.Nullable)
        {
            throw new ArgumentException($"Column '{schema.Name}' is not nullable but has {nullCount} nulls.", nameof(schema));
        }
    }

    /// <summary>Whether the column is stored as codes into <see cref="Dictionary"/> (exactly when the schema is dictionary-encoded).</summary>
    public bool IsDictionaryEncoded => _byteCodes is not null || _intCodes is not null;

    /// <summary>The distinct values of a dictionary-encoded column (in first-appearance order); empty otherwise.</summary>
    public IReadOnlyList<string> Dictionary => _dictionary ?? [];

    /// <summary>Whether the column is stored as entity-id numbers (see <see cref="Column.FromEntityIds(ColumnSchema, string, long[])"/>).</summary>
    public bool IsEntityIdEncoded => _intIds is not null || _longIds is not null;

    /// <summary>The id prefix of an entity-id column; empty otherwise.</summary>
    public string EntityIdPrefix => _idPrefix ?? string.Empty;

    /// <inheritdoc />
    public override int NullCount => _nullCount;

    /// <summary>The bytes each row's code or id number takes (1 or 4 for codes, 4 or 8 for ids); 0 for plain strings.</summary>
    internal int StorageWidth =>
        _byteCodes is not null ? 1 : _intCodes is not null || _intIds is not null ? 4 : _longIds is not null ? 8 : 0;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/>.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <remarks>An entity-id column formats (allocates) the string on every read.</remarks>
    public string? this[int row]
    {
        get
        {
            if (IsDictionaryEncoded)
            {
                var code = GetCode(row);
                return code < 0 ? null : _dictionary![code];
            }

            if (IsEntityIdEncoded)
            {
                var number = GetEntityIdNumber(row);
                return number == 0 ? null : EntityId.Format(_idPrefix!, number);
            }

            return _values![row];
        }
    }

    /// <summary>The code of a dictionary-encoded column at <paramref name="row"/>: an index into <see cref="Dictionary"/>, or -1 for null.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <returns>The code.</returns>
    /// <exception cref="InvalidOperationException">The column is not dictionary-encoded.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetCode(int row)
    {
        if (_byteCodes is { } bytes)
        {
            var code = bytes[row];
            return code == NullByteCode ? -1 : code;
        }

        return _intCodes is { } ints ? ints[row] : throw NotStoredAs("dictionary codes");
    }

    /// <summary>The id number of an entity-id column at <paramref name="row"/> (0 for null); format it with <see cref="EntityId.TryFormat"/>.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <returns>The id number.</returns>
    /// <exception cref="InvalidOperationException">The column is not entity-id encoded.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long GetEntityIdNumber(int row) =>
        _intIds is { } ints ? ints[row]
        : _longIds is { } longs ? longs[row]
        : throw NotStoredAs("entity-id numbers");

    /// <inheritdoc />
    public override bool IsNull(int row) =>
        IsDictionaryEncoded ? GetCode(row) < 0
        : IsEntityIdEncoded ? GetEntityIdNumber(row) == 0
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

        return Coded(schema, nulls, codes, dictionary.ToArray());
    }

    /// <summary>
    /// A column from codes into <paramref name="dictionary"/>: <typeparamref name="T"/> is <see cref="int"/>
    /// (-1 for null) or <see cref="byte"/> (<see cref="NullByteCode"/> for null, dictionary of at most
    /// <see cref="MaxByteCodeDictionary"/> values).
    /// </summary>
    internal static StringColumn CreateFromCodes<T>(ColumnSchema schema, IReadOnlyList<string> dictionary, T[] codes, bool validate)
        where T : unmanaged
    {
        RequireString(schema);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(codes);
        if (typeof(T) == typeof(byte) && dictionary.Count > MaxByteCodeDictionary)
        {
            throw new ArgumentException($"Column '{schema.Name}': byte codes index a dictionary of at most {MaxByteCodeDictionary} values, not {dictionary.Count}.", nameof(dictionary));
        }

        if (validate)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < dictionary.Count; k++)
            {
                if (dictionary[k] is not { } entry)
                {
                    throw new ArgumentException($"Column '{schema.Name}': dictionary entry {k} is null; mark null cells with code {NullCodeText<T>()}.", nameof(dictionary));
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
        foreach (var raw in codes)
        {
            var code = (int)Decode(raw);
            if (code < 0)
            {
                if (code != -1)
                {
                    throw new ArgumentOutOfRangeException(nameof(codes), code, $"Column '{schema.Name}': a code must be {NullCodeText<T>()} (null) or an index into the dictionary of {dictionary.Count} values.");
                }

                nulls++;
                continue;
            }

            if (code >= map.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), code, $"Column '{schema.Name}': a code must be {NullCodeText<T>()} (null) or an index into the dictionary of {dictionary.Count} values.");
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
                var code = (int)Decode(codes[i]);
                values[i] = code < 0 ? null : dictionary[code];
            }

            return Plain(schema, values, nulls);
        }

        return new StringColumn(schema, codes.Length, nulls, null, Renumber(codes, map, identity, next), used, null, null);
    }

    /// <summary>A column of entity ids from their numbers (0 for null): <typeparamref name="T"/> is <see cref="int"/> or <see cref="long"/>.</summary>
    internal static StringColumn CreateFromEntityIds<T>(ColumnSchema schema, string prefix, T[] numbers)
        where T : unmanaged
    {
        RequireString(schema);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(numbers);
        var nulls = 0;
        var max = 0L;
        foreach (var raw in numbers)
        {
            var number = Decode(raw);
            if (number <= 0)
            {
                if (number < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(numbers), number, $"Column '{schema.Name}': an entity-id number must be positive, or 0 for null.");
                }

                nulls++;
            }

            max = Math.Max(max, number);
        }

        if (!schema.DictionaryEncoded)
        {
            Array stored = numbers;
            if (typeof(T) == typeof(long) && max <= int.MaxValue)
            {
                var narrow = new int[numbers.Length];
                for (var i = 0; i < narrow.Length; i++)
                {
                    narrow[i] = (int)Decode(numbers[i]);
                }

                stored = narrow;
            }

            return new StringColumn(schema, numbers.Length, nulls, null, null, null, prefix, stored);
        }

        var codes = new int[numbers.Length];
        var lookup = new Dictionary<long, int>();
        var dictionary = new List<string>();
        for (var i = 0; i < numbers.Length; i++)
        {
            var number = Decode(numbers[i]);
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

        return Coded(schema, nulls, codes, dictionary.ToArray());
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
        if (_byteCodes is not null)
        {
            return CreateFromCodes(Schema, _dictionary!, Gather(_byteCodes, rows), validate: false);
        }

        if (_intCodes is not null)
        {
            return CreateFromCodes(Schema, _dictionary!, Gather(_intCodes, rows), validate: false);
        }

        if (_intIds is not null)
        {
            return CreateFromEntityIds(Schema, _idPrefix!, Gather(_intIds, rows));
        }

        if (_longIds is not null)
        {
            return CreateFromEntityIds(Schema, _idPrefix!, Gather(_longIds, rows));
        }

        return Create(Schema, Gather(_values!, rows));
    }

    /// <inheritdoc />
    public override Column WithSchema(ColumnSchema schema)
    {
        if (IsDictionaryEncoded == schema.DictionaryEncoded && schema.Type == ColumnType.String)
        {
            return new StringColumn(schema, Length, _nullCount, _values, (Array?)_byteCodes ?? _intCodes, _dictionary, _idPrefix, (Array?)_intIds ?? _longIds);
        }

        return _byteCodes is not null ? CreateFromCodes(schema, _dictionary!, _byteCodes, validate: false)
            : _intCodes is not null ? CreateFromCodes(schema, _dictionary!, _intCodes, validate: false)
            : _intIds is not null ? CreateFromEntityIds(schema, _idPrefix!, _intIds)
            : _longIds is not null ? CreateFromEntityIds(schema, _idPrefix!, _longIds)
            : Create(schema, _values!);
    }

    internal static StringColumn ConcatStrings(ColumnSchema schema, IReadOnlyList<Column> parts)
    {
        var total = 0;
        var allIds = true;
        var anyLongIds = false;
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

            allCodes &= typed.IsDictionaryEncoded;
            allIds &= typed.IsEntityIdEncoded && (prefix is null || prefix == typed._idPrefix);
            anyLongIds |= typed._longIds is not null;
            prefix ??= typed._idPrefix;
        }

        var at = 0;
        if (allIds && prefix is not null)
        {
            if (!anyLongIds)
            {
                var narrow = new int[total];
                foreach (var part in parts)
                {
                    var typed = (StringColumn)part;
                    typed._intIds?.CopyTo(narrow, at);
                    at += typed.Length;
                }

                return CreateFromEntityIds(schema, prefix, narrow);
            }

            var numbers = new long[total];
            foreach (var part in parts)
            {
                var typed = (StringColumn)part;
                for (var r = 0; r < typed.Length; r++)
                {
                    numbers[at++] = typed.GetEntityIdNumber(r);
                }
            }

            return CreateFromEntityIds(schema, prefix, numbers);
        }

        if (allCodes && total > 0)
        {
            // First the merged dictionary (so the codes' width is known), then the codes.
            var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            var maps = new int[parts.Count][];
            for (var p = 0; p < parts.Count; p++)
            {
                var typed = (StringColumn)parts[p];
                if (typed.Length == 0)
                {
                    continue;
                }

                var map = maps[p] = new int[typed._dictionary!.Length];
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
            }

            if (dictionary.Count <= MaxByteCodeDictionary)
            {
                var bytes = new byte[total];
                for (var p = 0; p < parts.Count; p++)
                {
                    var typed = (StringColumn)parts[p];
                    for (var r = 0; r < typed.Length; r++)
                    {
                        var code = typed.GetCode(r);
                        bytes[at++] = code < 0 ? NullByteCode : (byte)maps[p][code];
                    }
                }

                return CreateFromCodes(schema, dictionary, bytes, validate: false);
            }

            var codes = new int[total];
            for (var p = 0; p < parts.Count; p++)
            {
                var typed = (StringColumn)parts[p];
                for (var r = 0; r < typed.Length; r++)
                {
                    var code = typed.GetCode(r);
                    codes[at++] = code < 0 ? -1 : maps[p][code];
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
        if (_byteCodes is not null)
        {
            AppendCodes(writer, _byteCodes, _dictionary!);
            return;
        }

        if (_intCodes is not null)
        {
            AppendCodes(writer, _intCodes, _dictionary!);
            return;
        }

        if (_intIds is not null)
        {
            AppendIds(writer, _intIds, _idPrefix!);
            return;
        }

        if (_longIds is not null)
        {
            AppendIds(writer, _longIds, _idPrefix!);
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

    private static void AppendCodes<T>(IncrementalHashWriter writer, T[] codes, string[] dictionary)
        where T : unmanaged
    {
        var utf8 = Array.ConvertAll(dictionary, Encoding.UTF8.GetBytes);
        foreach (var raw in codes)
        {
            var code = (int)Decode(raw);
            if (code < 0)
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteUtf8(utf8[code]);
            }
        }
    }

    private static void AppendIds<T>(IncrementalHashWriter writer, T[] numbers, string prefix)
        where T : unmanaged
    {
        Span<char> buffer = stackalloc char[prefix.Length + 21];
        foreach (var raw in numbers)
        {
            var number = Decode(raw);
            if (number == 0)
            {
                writer.WriteNull();
            }
            else
            {
                EntityId.TryFormat(prefix, number, buffer, out var written);
                writer.Write(buffer[..written]);
            }
        }
    }

    /// <summary>A dictionary-encoded column of codes already in first-appearance order (-1 for null), narrowed to bytes when the dictionary allows.</summary>
    private static StringColumn Coded(ColumnSchema schema, int nulls, int[] codes, string[] dictionary)
    {
        var map = new int[dictionary.Length];
        for (var k = 0; k < map.Length; k++)
        {
            map[k] = k;
        }

        return new StringColumn(schema, codes.Length, nulls, null, Renumber(codes, map, identity: true, dictionary.Length), dictionary, null, null);
    }

    /// <summary>
    /// The codes renumbered through <paramref name="map"/> into the narrowest storage for a dictionary
    /// of <paramref name="used"/> values: bytes for at most <see cref="MaxByteCodeDictionary"/>, else ints;
    /// <paramref name="codes"/> itself when it already has that type and order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Array Renumber<T>(T[] codes, int[] map, bool identity, int used)
        where T : unmanaged
    {
        if (used <= MaxByteCodeDictionary)
        {
            if (typeof(T) == typeof(byte) && identity)
            {
                return codes;
            }

            var bytes = new byte[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                var code = (int)Decode(codes[i]);
                bytes[i] = code < 0 ? NullByteCode : (byte)map[code];
            }

            return bytes;
        }

        // More than 255 values: the codes are ints (a byte dictionary is never that large).
        if (identity)
        {
            return codes;
        }

        var ints = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = (int)Decode(codes[i]);
            ints[i] = code < 0 ? -1 : map[code];
        }

        return ints;
    }

    /// <summary>A stored code or id number as a plain number: a byte code's null marker reads -1; ints and longs read as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(byte raw) => raw == NullByteCode ? -1 : raw;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Decode<T>(T raw)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return Decode(Unsafe.As<T, byte>(ref raw));
        }

        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T, int>(ref raw);
        }

        if (typeof(T) == typeof(long))
        {
            return Unsafe.As<T, long>(ref raw);
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    private static string NullCodeText<T>() => typeof(T) == typeof(byte) ? "255" : "-1";

    private static T[] Gather<T>(T[] source, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = source[rows[i]];
        }

        return result;
    }

    private InvalidOperationException NotStoredAs(string what) => new($"Column '{Schema.Name}' is not stored as {what}.");

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
