using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>
/// The codes of a categorical column being filled (-1 for null), one byte a row when the categories
/// allow (at most <see cref="StringColumn.MaxByteCodeDictionary"/> values), else four.
/// </summary>
public sealed class CodeBuffer
{
    private readonly byte[]? _bytes;
    private readonly int[]? _ints;

    /// <summary>A buffer for <paramref name="rows"/> codes into <paramref name="categories"/>.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="categories">The categories the codes index.</param>
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
    /// <value>A buffer of no rows.</value>
    public static CodeBuffer Empty { get; } = new(0, 0);

    /// <summary>Whether the codes take one byte each.</summary>
    /// <value><see langword="true"/> when the categories have at most <see cref="StringColumn.MaxByteCodeDictionary"/> values.</value>
    public bool IsNarrow => _bytes is not null;

    /// <summary>The number of rows.</summary>
    /// <value>The row count given at construction.</value>
    public int Length => _bytes?.Length ?? _ints!.Length;

    /// <summary>Sets the code of a row (-1 for null).</summary>
    /// <param name="row">The row.</param>
    /// <param name="code">The code, an index into the categories' dictionary, or -1.</param>
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
    /// <param name="row">The row.</param>
    /// <value>The code.</value>
    public int this[int row] => _bytes is { } bytes ? (bytes[row] == NullByte ? -1 : bytes[row]) : _ints![row];

    /// <summary>A copy (for a second column of the same codes: a column renumbers its buffer in place).</summary>
    /// <returns>The copy.</returns>
    public CodeBuffer Clone() => new((byte[]?)_bytes?.Clone(), (int[]?)_ints?.Clone());

    /// <summary>
    /// The column of these codes. The codes are renumbered in place to first-appearance order (the
    /// order the column stores), so the column keeps this array instead of a renumbered copy: the
    /// buffer must not be shared with another column.
    /// </summary>
    /// <param name="schema">The column's schema.</param>
    /// <param name="categories">The categories the codes index.</param>
    /// <returns>The column.</returns>
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
