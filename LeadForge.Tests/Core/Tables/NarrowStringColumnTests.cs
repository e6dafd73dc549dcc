using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Tables;

/// <summary>
/// Entity-id numbers stored as ints when they fit (else longs) and dictionary codes stored as bytes
/// for at most 255 values (else ints): every width reads, hashes, takes and concatenates like the strings.
/// </summary>
public class NarrowStringColumnTests
{
    private static readonly ColumnSchema Id = new("lead_id", ColumnType.String, true, "Id or null.");
    private static readonly ColumnSchema Category = new("category", ColumnType.String, true, "Category.", DictionaryEncoded: true);

    private static string[] Values(int count) => [.. Enumerable.Range(0, count).Select(k => $"v{k:D3}")];

    private static string Hash(Column column) => new Table(new TableSchema("t", "", [column.Schema]), [column]).ComputeContentHash();

    private static void AssertSameAsStrings(StringColumn column)
    {
        var strings = Column.FromStrings(column.Schema, column.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(column.NullCount, Is.EqualTo(strings.NullCount));
            Assert.That(Enumerable.Range(0, column.Length).Select(column.IsNull), Is.EqualTo(Enumerable.Range(0, strings.Length).Select(strings.IsNull)));
            Assert.That(Hash(column), Is.EqualTo(Hash(strings)), "the content hash does not depend on the storage");
        });
    }

    [Test]
    public void Long_id_numbers_that_fit_in_an_int_are_stored_as_ints()
    {
        var narrow = Column.FromEntityIds(Id, "lead", [3L, 0, int.MaxValue, 1]);
        var wide = Column.FromEntityIds(Id, "lead", [3L, 0, int.MaxValue + 1L, 1]);
        var fromInts = Column.FromEntityIds(Id, "lead", [3, 0, int.MaxValue, 1]);
        Assert.Multiple(() =>
        {
            Assert.That(narrow.StorageWidth, Is.EqualTo(4));
            Assert.That(wide.StorageWidth, Is.EqualTo(8));
            Assert.That(fromInts.StorageWidth, Is.EqualTo(4));
            Assert.That(narrow.AllEntityIdNumbers(), Is.EqualTo(new[] { 3L, 0, int.MaxValue, 1 }));
            Assert.That(wide.AllEntityIdNumbers(), Is.EqualTo(new[] { 3L, 0, int.MaxValue + 1L, 1 }));
            Assert.That(fromInts.ToArray(), Is.EqualTo(narrow.ToArray()));
            Assert.That(narrow[2], Is.EqualTo("lead_2147483647"));
            Assert.That(wide[2], Is.EqualTo("lead_2147483648"));
            Assert.That(narrow[1], Is.Null);
            Assert.That(Hash(fromInts), Is.EqualTo(Hash(narrow)));
        });
        AssertSameAsStrings(narrow);
        AssertSameAsStrings(wide);
        Assert.Throws<ArgumentOutOfRangeException>(() => Column.FromEntityIds(Id, "lead", [1, -1]));
        Assert.Throws<InvalidOperationException>(() => narrow.GetCode(0), "an id column has no codes");
        Assert.Throws<InvalidOperationException>(() => Column.FromCodes(Category, ["a"], [0]).GetEntityIdNumber(0), "a code column has no id numbers");
    }

    [TestCase(255, 1)]
    [TestCase(256, 4)]
    public void Codes_take_one_byte_up_to_255_used_values(int size, int width)
    {
        var dictionary = Values(size);

        // Every value used, in reverse order (renumbered), with nulls.
        int[] codes = [-1, .. Enumerable.Range(0, size).Reverse(), -1, 0];
        var column = Column.FromCodes(Category, dictionary, codes);
        Assert.Multiple(() =>
        {
            Assert.That(column.StorageWidth, Is.EqualTo(width));
            Assert.That(column.Dictionary, Has.Count.EqualTo(size));
            Assert.That(column[0], Is.Null);
            Assert.That(column.GetCode(0), Is.EqualTo(-1), "a null reads -1 from any width");
            Assert.That(column[1], Is.EqualTo(dictionary[size - 1]));
            Assert.That(column.GetCode(1), Is.Zero, "first-appearance order");
            Assert.That(column[size + 2], Is.EqualTo(dictionary[0]));
            Assert.That(column.NullCount, Is.EqualTo(2));
        });
        AssertSameAsStrings(column);
        AssertSameAsStrings(Column.FromStrings(Category, column.ToArray()));
        Assert.That(Column.FromStrings(Category, column.ToArray()).StorageWidth, Is.EqualTo(width), "strings get the same storage");
    }

    [Test]
    public void Byte_codes_mark_nulls_with_255_and_are_checked()
    {
        var column = Column.FromCodes(Category, ["a", "b", "c"], new byte[] { 2, 255, 0, 2 });
        Assert.Multiple(() =>
        {
            Assert.That(column.StorageWidth, Is.EqualTo(1));
            Assert.That(column.ToArray(), Is.EqualTo(new[] { "c", null, "a", "c" }));
            Assert.That(column.AllCodes(), Is.EqualTo(new[] { 0, -1, 1, 0 }));
        });
        AssertSameAsStrings(column);

        var full = Column.FromCodes(Category, Values(255), new byte[] { 254, 0, 255 });
        Assert.That(full.ToArray(), Is.EqualTo(new[] { "v254", "v000", null }), "254 is the last code of a 255-value dictionary");
        Assert.That(Assert.Throws<ArgumentException>(() => Column.FromCodes(Category, Values(256), new byte[] { 0 }))!.Message, Does.Contain("at most 255"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Column.FromCodes(Category, ["a", "b"], new byte[] { 2 }));
        Assert.That(Assert.Throws<ArgumentException>(() => Column.FromCodes(Category with { Nullable = false }, ["a"], new byte[] { 0, 255 }))!.Message, Does.Contain("not nullable"));

        var plain = Column.FromCodes(Category with { DictionaryEncoded = false }, ["a", "b"], new byte[] { 1, 255 });
        Assert.That(plain.IsDictionaryEncoded, Is.False);
        Assert.That(plain.ToArray(), Is.EqualTo(new[] { "b", null }));
    }

    [Test]
    public void Take_keeps_the_width_and_narrows_what_fits()
    {
        var wide = Column.FromEntityIds(Id, "lead", [1L, int.MaxValue + 5L, 0, 7]);
        Assert.Multiple(() =>
        {
            Assert.That(wide.Take([1, 2]).AsString().StorageWidth, Is.EqualTo(8));
            Assert.That(wide.Take([3, 2, 0]).AsString().StorageWidth, Is.EqualTo(4), "the taken numbers fit in ints");
            Assert.That(wide.Take([3, 2, 0]).AsString().ToArray(), Is.EqualTo(new[] { "lead_000007", null, "lead_000001" }));
        });

        var codes = Column.FromCodes(Category, Values(300), [.. Enumerable.Range(0, 300), -1]);
        var few = codes.Take([299, 300, 5]).AsString();
        Assert.Multiple(() =>
        {
            Assert.That(codes.StorageWidth, Is.EqualTo(4));
            Assert.That(few.StorageWidth, Is.EqualTo(1), "three used values fit in bytes");
            Assert.That(few.ToArray(), Is.EqualTo(new[] { "v299", null, "v005" }));
            Assert.That(few.Dictionary, Is.EqualTo(new[] { "v299", "v005" }));
        });
        AssertSameAsStrings(few);
    }

    [Test]
    public void Concat_across_narrow_and_wide_parts()
    {
        var idSchema = new TableSchema("ids", "", [Id]);
        var ids = Table.Concat(idSchema, [
            new Table(idSchema, [Column.FromEntityIds(Id, "lead", [1, 0])]),
            new Table(idSchema, [Column.FromEntityIds(Id, "lead", [int.MaxValue + 1L])]),
            new Table(idSchema, [Column.FromEntityIds(Id, "lead", [9])]),
        ])[Id.Name].AsString();
        var narrowIds = Table.Concat(idSchema, [
            new Table(idSchema, [Column.FromEntityIds(Id, "lead", [1, 0])]),
            new Table(idSchema, [Column.FromEntityIds(Id, "lead", [9L])]),
        ])[Id.Name].AsString();
        Assert.Multiple(() =>
        {
            Assert.That(ids.IsEntityIdEncoded, Is.True);
            Assert.That(ids.StorageWidth, Is.EqualTo(8));
            Assert.That(ids.AllEntityIdNumbers(), Is.EqualTo(new[] { 1L, 0, int.MaxValue + 1L, 9 }));
            Assert.That(narrowIds.StorageWidth, Is.EqualTo(4));
            Assert.That(narrowIds.ToArray(), Is.EqualTo(new[] { "lead_000001", null, "lead_000009" }));
        });
        AssertSameAsStrings(ids);

        // 200 + 200 values with 144 in common merge to 256: the result needs int codes.
        var codeSchema = new TableSchema("codes", "", [Category]);
        var values = Values(256);
        var first = Column.FromCodes(Category, values[..200], [.. Enumerable.Range(0, 200), -1]);
        var second = Column.FromCodes(Category, values[56..], [.. Enumerable.Range(0, 200).Reverse()]);
        var merged = Table.Concat(codeSchema, [new Table(codeSchema, [first]), new Table(codeSchema, [second])])[Category.Name].AsString();
        var small = Table.Concat(codeSchema, [new Table(codeSchema, [first]), new Table(codeSchema, [first])])[Category.Name].AsString();
        Assert.Multiple(() =>
        {
            Assert.That(first.StorageWidth, Is.EqualTo(1));
            Assert.That(second.StorageWidth, Is.EqualTo(1));
            Assert.That(merged.StorageWidth, Is.EqualTo(4));
            Assert.That(merged.Dictionary, Has.Count.EqualTo(256));
            Assert.That(merged.ToArray(), Is.EqualTo(first.ToArray().Concat(second.ToArray())));
            Assert.That(small.StorageWidth, Is.EqualTo(1));
            Assert.That(small.ToArray(), Is.EqualTo(first.ToArray().Concat(first.ToArray())));
        });
        AssertSameAsStrings(merged);
    }

    [Test]
    public void Buffers_choose_their_width_before_any_row_and_build_like_the_factories()
    {
        var ids = new IdBuffer(3, int.MaxValue + 1L);
        ids.Set(0, 5);
        ids.Set(2, int.MaxValue + 1L);
        var categories = Categories.Of(Values(3));
        var codes = new CodeBuffer(3, categories);
        codes.Set(0, 2);
        codes.Set(1, -1);
        codes.Set(2, 0);
        var idColumn = ids.ToColumn(Id, "lead");
        var codeColumn = codes.ToColumn(Category, categories);

        var many = Categories.Of(Values(256));
        var bigCodes = new CodeBuffer(2, many);
        bigCodes.Set(0, 255);
        bigCodes.Set(1, -1);
        var narrowIds = new IdBuffer(1, int.MaxValue);
        narrowIds.Set(0, int.MaxValue);
        Assert.Multiple(() =>
        {
            Assert.That(ids.IsNarrow, Is.False, "the largest number does not fit in an int");
            Assert.That(idColumn.StorageWidth, Is.EqualTo(8));
            Assert.That(idColumn.AllEntityIdNumbers(), Is.EqualTo(new[] { 5L, 0, int.MaxValue + 1L }));
            Assert.That(codes.IsNarrow, Is.True);
            Assert.That(codeColumn.StorageWidth, Is.EqualTo(1));
            Assert.That(codeColumn.ToArray(), Is.EqualTo(new[] { "v002", null, "v000" }));
            Assert.That(bigCodes.IsNarrow, Is.False, "256 categories need int codes");
            var bigColumn = bigCodes.ToColumn(Category, many);
            Assert.That(bigColumn.ToArray(), Is.EqualTo(new[] { "v255", null }));
            Assert.That(bigColumn.StorageWidth, Is.EqualTo(1), "one used value: bytes");
            Assert.That(narrowIds.IsNarrow, Is.True);
            Assert.That(narrowIds.ToColumn(Id, "lead").StorageWidth, Is.EqualTo(4));
        });
        AssertSameAsStrings(idColumn);
        AssertSameAsStrings(codeColumn);
    }
}
