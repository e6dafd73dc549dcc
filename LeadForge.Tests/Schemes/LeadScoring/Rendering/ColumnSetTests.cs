using LeadForge.Schemes.LeadScoring.Rendering;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

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
        int[] codes = [categories.CodeOf[3], -1, categories.CodeOf[1], categories.CodeOf[2], categories.CodeOf[0]];
        var set = new ColumnSet(Schema);
        set.Ids("id", "row", [1, 2, 3, 4, 5]);
        set.Codes("category", categories, codes);
        var table = set.Build(Sequential);
        var built = table["category"].AsString();
        var expected = Column.FromStrings(Category, ["z", null, "y", "x", "x"]);
        Assert.Multiple(() =>
        {
            Assert.That(built.ToArray(), Is.EqualTo(expected.ToArray()));
            Assert.That(built.Dictionary, Is.EqualTo(expected.Dictionary), "the dictionary is in first-appearance order, as a string column's");
            Assert.That(built.Codes.ToArray(), Is.EqualTo(expected.Codes.ToArray()));
            Assert.That(built.NullCount, Is.EqualTo(1));
            Assert.That(table["id"].AsString()[4], Is.EqualTo("row_000005"));
        });
    }

    [Test]
    public void Building_without_every_schema_column_fails_and_undeclared_columns_are_ignored()
    {
        var set = new ColumnSet(Schema);
        set.Ids("id", "row", [1]);
        set.Values("not_in_the_schema", new[] { 1 });
        Assert.That(() => set.Build(Sequential), Throws.InvalidOperationException.With.Message.Contains("category"));
    }
}
