using System.Runtime.CompilerServices;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The id numbers of an entity-id column being filled (0 for null), four bytes a row when the
/// largest possible number fits in an <see cref="int"/>, else eight: the width is chosen before any
/// row is written, so no wide array is held for a narrow column.
/// </summary>
internal sealed class IdBuffer
{
    private readonly int[]? _narrow;
    private readonly long[]? _wide;

    /// <summary>A buffer for <paramref name="rows"/> numbers, none above <paramref name="maxNumber"/>.</summary>
    public IdBuffer(int rows, long maxNumber)
    {
        if (maxNumber <= int.MaxValue)
        {
            _narrow = new int[rows];
        }
        else
        {
            _wide = new long[rows];
        }
    }

    /// <summary>An empty buffer (for a column not rendered).</summary>
    public static IdBuffer Empty { get; } = new(0, 0);

    /// <summary>Whether the numbers take four bytes each.</summary>
    public bool IsNarrow => _narrow is not null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, long number)
    {
        if (_narrow is { } narrow)
        {
            narrow[row] = (int)number;
        }
        else
        {
            _wide![row] = number;
        }
    }

    /// <summary>The column of these ids (taking the array without copying).</summary>
    public StringColumn ToColumn(ColumnSchema schema, string prefix) =>
        _narrow is not null ? Column.FromEntityIds(schema, prefix, _narrow) : Column.FromEntityIds(schema, prefix, _wide!);
}

/// <summary>
/// The codes of a categorical column being filled (-1 for null), one byte a row when the categories
/// allow (at most <see cref="StringColumn.MaxByteCodeDictionary"/> values), else four.
/// </summary>
internal sealed class CodeBuffer
{
    private readonly byte[]? _bytes;
    private readonly int[]? _ints;

    /// <summary>A buffer for <paramref name="rows"/> codes into <paramref name="categories"/>.</summary>
    public CodeBuffer(int rows, Categories categories)
        : this(rows, categories.Dictionary.Length)
    {
    }

    private CodeBuffer(int rows, int dictionarySize)
    {
        if (dictionarySize <= StringColumn.MaxByteCodeDictionary)
        {
            _bytes = new byte[rows];
        }
        else
        {
            _ints = new int[rows];
        }
    }

    private CodeBuffer(byte[]? bytes, int[]? ints)
    {
        _bytes = bytes;
        _ints = ints;
    }

    /// <summary>An empty buffer (for a column not rendered).</summary>
    public static CodeBuffer Empty { get; } = new(0, 0);

    /// <summary>Whether the codes take one byte each.</summary>
    public bool IsNarrow => _bytes is not null;

    /// <summary>The number of rows.</summary>
    public int Length => _bytes?.Length ?? _ints!.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, int code)
    {
        if (_bytes is { } bytes)
        {
            bytes[row] = code < 0 ? NullByte : (byte)code;
        }
        else
        {
            _ints![row] = code;
        }
    }

    /// <summary>The code at a row (-1 for null).</summary>
    public int this[int row] => _bytes is { } bytes ? (bytes[row] == NullByte ? -1 : bytes[row]) : _ints![row];

    /// <summary>A copy (for a second column of the same codes: a column renumbers its buffer in place).</summary>
    public CodeBuffer Clone() => new((byte[]?)_bytes?.Clone(), (int[]?)_ints?.Clone());

    /// <summary>
    /// The column of these codes. The codes are renumbered in place to first-appearance order (the
    /// order the column stores), so the column keeps this array instead of a renumbered copy: the
    /// buffer must not be shared with another column.
    /// </summary>
    public StringColumn ToColumn(ColumnSchema schema, Categories categories)
    {
        var dictionary = categories.Dictionary;
        var map = new int[dictionary.Length];
        Array.Fill(map, -1);
        var used = new List<string>(dictionary.Length);
        var identity = true;
        var length = Length;
        for (var i = 0; i < length; i++)
        {
            var code = this[i];
            if (code >= 0 && map[code] < 0)
            {
                map[code] = used.Count;
                used.Add(dictionary[code]);
                identity &= map[code] == code;
                if (used.Count == dictionary.Length)
                {
                    break;
                }
            }
        }

        if (!identity)
        {
            for (var i = 0; i < length; i++)
            {
                var code = this[i];
                Set(i, code < 0 ? -1 : map[code]);
            }
        }

        return _bytes is not null ? Column.FromCodes(schema, used, _bytes) : Column.FromCodes(schema, used, _ints!);
    }

    /// <summary>The byte that marks a null code.</summary>
    private const byte NullByte = 255;
}
