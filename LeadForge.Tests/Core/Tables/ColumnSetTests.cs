using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Tables;

[TestFixture]
public sealed class ColumnSetTests
{
    private static readonly ColumnSchema Category = new("category", ColumnType.String, true, "A category.", DictionaryEncoded: true);

    private static readonly ColumnSchema Id = new("id", ColumnType.String, false, "An id.");

    private static readonly TableSchema Schema = new("t", "A table.", [Id, Category], "id");

    private static void Sequential(int count, Action<int> body)
    {
        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }

    [Test]
    public void Categories_deduplicate_repeated_values_in_first_appearance_order()
    {
        var categories = Categories.Of(["x", "y", "x", "z"]);
        Assert.Multiple(() =>
        {
            Assert.That(categories.Dictionary, Is.EqualTo(new[] { "x", "y", "z" }));
            Assert.That(categories.CodeOf, Is.EqualTo(new[] { 0, 1, 0, 2 }));
        });
    }

    [Test]
    public void Code_columns_read_and_store_exactly_like_a_column_of_the_strings()
    {
        var categories = Categories.Of(["x", "y", "x", "z"]);
        int[] values = [categories.CodeOf[3], -1, categories.CodeOf[1], categories.CodeOf[2], categories.CodeOf[0]];
        var codes = new CodeBuffer(values.Length, categories);
        var ids = new IdBuffer(values.Length, 5);
        for (var i = 0; i < values.Length; i++)
        {
            codes.Set(i, values[i]);
            ids.Set(i, i + 1);
        }

        var set = new ColumnSet(Schema);
        set.Ids("id", "row", ids);
        set.Codes("category", categories, codes);
        var table = set.Build(Sequential);
        var built = table["category"].AsString();
        var expected = Column.FromStrings(Category, ["z", null, "y", "x", "x"]);
        Assert.Multiple(() =>
        {
            Assert.That(built.ToArray(), Is.EqualTo(expected.ToArray()));
            Assert.That(built.Dictionary, Is.EqualTo(expected.Dictionary), "the dictionary is in first-appearance order, as a string column's");
            Assert.That(built.AllCodes(), Is.EqualTo(expected.AllCodes()));
            Assert.That(built.NullCount, Is.EqualTo(1));
            Assert.That(table["id"].AsString()[4], Is.EqualTo("row_000005"));
        });
    }

    [Test]
    public void Building_without_every_schema_column_fails()
    {
        var set = new ColumnSet(Schema);
        set.Ids("id", "row", new IdBuffer(1, 1));
        Assert.That(() => set.Build(Sequential), Throws.InvalidOperationException.With.Message.Contains("category"));
    }

    [Test]
    public void Declaring_a_column_the_table_does_not_have_or_declaring_one_twice_is_an_error()
    {
        var set = new ColumnSet(Schema);
        set.Ids("id", "row", new IdBuffer(1, 1));
        Assert.Multiple(() =>
        {
            Assert.That(() => set.Values("not_in_the_schema", new[] { 1 }), Throws.ArgumentException.With.Message.Contains("not_in_the_schema"));
            Assert.That(() => set.Ids("id", "row", new IdBuffer(1, 1)), Throws.ArgumentException.With.Message.Contains("twice"));
        });
    }

    [Test]
    public void A_column_of_a_wider_schema_is_not_skipped_but_rejected()
    {
        var subset = Schema.Select(c => c.Name == "id");
        var set = new ColumnSet(subset);
        Assert.That(
            () => set.Codes("category", Categories.Of(["x"]), new CodeBuffer(1, Categories.Of(["x"]))),
            Throws.ArgumentException.With.Message.Contains("has no column 'category'"),
            "a rendering that leaves columns out is a TableDefinition's ColumnScope, not a silently ignored name");
    }

    [TestCase(255, true)]
    [TestCase(256, false)]
    public void Code_buffers_take_one_byte_a_row_up_to_255_categories_and_build_the_same_column(int size, bool narrow)
    {
        var categories = Categories.Of([.. Enumerable.Range(0, size).Select(k => $"c{k}")]);
        int[] values = [size - 1, -1, 3, size - 1, 0, -1];
        var codes = new CodeBuffer(values.Length, categories);
        for (var i = 0; i < values.Length; i++)
        {
            codes.Set(i, values[i]);
        }

        var copy = codes.Clone();
        var built = codes.ToColumn(Category, categories);
        var expected = Column.FromStrings(Category, [.. values.Select(v => v < 0 ? null : categories.Dictionary[v])]);
        Assert.Multiple(() =>
        {
            Assert.That(codes.IsNarrow, Is.EqualTo(narrow));
            Assert.That(Enumerable.Range(0, values.Length).Select(i => copy[i]), Is.EqualTo(values), "a clone keeps the codes as set, nulls as -1");
            Assert.That(built.ToArray(), Is.EqualTo(expected.ToArray()));
            Assert.That(built.AllCodes(), Is.EqualTo(expected.AllCodes()));
            Assert.That(built.StorageWidth, Is.EqualTo(1), "four values are used, so the column stores bytes either way");
            Assert.That(new Table(new TableSchema("t", "", [Category]), [built]).ComputeContentHash(), Is.EqualTo(new Table(new TableSchema("t", "", [Category]), [expected]).ComputeContentHash()));
        });
    }

    [TestCase(int.MaxValue, true)]
    [TestCase(int.MaxValue + 1L, false)]
    public void Id_buffers_are_narrow_when_the_largest_number_fits_in_an_int(long max, bool narrow)
    {
        var ids = new IdBuffer(3, max);
        ids.Set(0, max);
        ids.Set(1, 1);
        ids.Set(2, 42);
        var column = ids.ToColumn(Id, "row");
        Assert.Multiple(() =>
        {
            Assert.That(ids.IsNarrow, Is.EqualTo(narrow));
            Assert.That(column.StorageWidth, Is.EqualTo(narrow ? 4 : 8));
            Assert.That(column.AllEntityIdNumbers(), Is.EqualTo(new[] { max, 1, 42 }));
            Assert.That(column[2], Is.EqualTo("row_000042"));
        });
    }
}
