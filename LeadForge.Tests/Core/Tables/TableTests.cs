using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Tables;

public class TableTests
{
    private static readonly TableSchema People = new(
        "people",
        "One row per person.",
        [
            new ColumnSchema("person_id", ColumnType.String, false, "Id."),
            new ColumnSchema("team", ColumnType.String, true, "Team.", DictionaryEncoded: true),
            new ColumnSchema("age", ColumnType.Int32, true, "Age."),
            new ColumnSchema("visits", ColumnType.Int64, false, "Visits."),
            new ColumnSchema("score", ColumnType.Double, true, "Score."),
            new ColumnSchema("active", ColumnType.Boolean, false, "Active."),
            new ColumnSchema("seen_at", ColumnType.Timestamp, true, "Seen."),
            new ColumnSchema("born", ColumnType.Date, false, "Birth date."),
        ],
        "person_id",
        [new ForeignKey("team", "teams", "team_id")]);

    private static Table Build(int rows)
    {
        var c = People.Columns;
        var seen = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var r = Enumerable.Range(0, rows).ToArray();
        return new Table(People, [
            Column.FromStrings(c[0], r.Select(i => $"p{i}").ToArray()),
            Column.FromStrings(c[1], r.Select(i => i % 4 == 3 ? null : (i % 2 == 0 ? "red" : "blue")).ToArray()),
            NullableColumn.Of(c[2], r.Select(i => i % 5 == 0 ? (int?)null : 20 + i).ToArray()),
            Column.FromValues(c[3], r.Select(i => i * 1000L).ToArray()),
            NullableColumn.Of(c[4], r.Select(i => i % 3 == 0 ? (double?)null : i / 2.0).ToArray()),
            Column.FromValues(c[5], r.Select(i => i % 2 == 0).ToArray()),
            NullableColumn.Of(c[6], r.Select(i => i % 7 == 0 ? (DateTime?)null : seen.AddHours(i)).ToArray()),
            Column.FromValues(c[7], r.Select(i => new DateOnly(1990, 1, 1).AddDays(i)).ToArray()),
        ]);
    }

    [Test]
    public void Columns_from_values_are_typed_and_keep_nulls()
    {
        var t = Build(10);
        Assert.That(t.Name, Is.EqualTo("people"));
        Assert.That(t.RowCount, Is.EqualTo(10));
        Assert.That(t.Columns.Select(c => c.Name), Is.EqualTo(People.Columns.Select(c => c.Name)));
        var age = t["age"].As<int>();
        Assert.That(age[0], Is.Null);
        Assert.That(age[1], Is.EqualTo(21));
        Assert.That(age.NullCount, Is.EqualTo(2));
        Assert.That(age.IsNull(5), Is.True);
        Assert.That(age.GetValue(5), Is.Null);
        Assert.That(age.GetValue(1), Is.EqualTo(21));
        Assert.That(age.NullFlags.Length, Is.EqualTo(10));
        Assert.That(t["visits"].As<long>().NullFlags.Length, Is.Zero, "a column without nulls stores no flags");
        Assert.That(t["visits"].As<long>().Values.ToArray(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => i * 1000L)));
        Assert.That(t["score"].As<double>()[3], Is.Null);
        Assert.That(t["score"].As<double>()[4], Is.EqualTo(2.0));
        Assert.That(t["active"].As<bool>()[1], Is.False);
        Assert.That(t["seen_at"].As<DateTime>()[0], Is.Null);
        Assert.That(t["seen_at"].As<DateTime>()[2], Is.EqualTo(new DateTime(2024, 1, 1, 2, 0, 0, DateTimeKind.Utc)));
        Assert.That(t["born"].As<DateOnly>()[3], Is.EqualTo(new DateOnly(1990, 1, 4)));
        Assert.That(t.HasColumn("age"), Is.True);
        Assert.That(t.HasColumn("nope"), Is.False);
        Assert.That(t.ToString(), Does.Contain("people").And.Contain("10 rows"));
    }

    [Test]
    public void Typed_access_to_the_wrong_type_throws()
    {
        var t = Build(3);
        Assert.Throws<InvalidCastException>(() => t["age"].As<long>());
        Assert.Throws<InvalidCastException>(() => t["age"].AsString());
        Assert.Throws<KeyNotFoundException>(() => _ = t["missing"]);
    }

    [Test]
    public void Dictionary_encoded_strings_store_codes_in_first_appearance_order()
    {
        var team = Build(8)["team"].AsString();
        Assert.That(team.IsDictionaryEncoded, Is.True);
        Assert.That(team.Dictionary, Is.EqualTo(new[] { "red", "blue" }));
        Assert.That(team.AllCodes(), Is.EqualTo(new[] { 0, 1, 0, -1, 0, 1, 0, -1 }));
        Assert.That(team[3], Is.Null);
        Assert.That(team[5], Is.EqualTo("blue"));
        Assert.That(team.NullCount, Is.EqualTo(2));

        var plain = Build(8)["person_id"].AsString();
        Assert.That(plain.IsDictionaryEncoded, Is.False);
        Assert.That(plain.Dictionary, Is.Empty);
        Assert.Throws<InvalidOperationException>(() => plain.GetCode(0), "a plain column has no codes");
        Assert.That(plain.ToArray(), Is.EqualTo(Enumerable.Range(0, 8).Select(i => $"p{i}")));
    }

    [Test]
    public void Take_where_and_select_columns_project_rows_and_columns()
    {
        var t = Build(10);
        var taken = t.Take([9, 0, 3]);
        Assert.That(taken["person_id"].AsString().ToArray(), Is.EqualTo(new[] { "p9", "p0", "p3" }));
        Assert.That(taken["age"].As<int>()[1], Is.Null);
        Assert.That(taken["team"].AsString()[2], Is.Null);
        Assert.That(taken["team"].AsString().IsDictionaryEncoded, Is.True);

        var even = t.Where(r => r % 2 == 0);
        Assert.That(even.RowCount, Is.EqualTo(5));
        Assert.That(even["active"].As<bool>().Values.ToArray(), Has.All.True);
        Assert.That(t.Where(_ => true), Is.SameAs(t));
        Assert.That(t.Where(_ => false).RowCount, Is.Zero);

        var narrow = t.SelectColumns(c => c.Name is "age" or "team");
        Assert.That(narrow.Columns.Select(c => c.Name), Is.EqualTo(new[] { "team", "age" }), "schema order is kept");
        Assert.That(narrow.Schema.PrimaryKey, Is.Null, "the primary key column was dropped");
        Assert.That(narrow.Schema.ForeignKeys.Single().Column, Is.EqualTo("team"));
        Assert.That(narrow.RowCount, Is.EqualTo(10));
        var withId = t.SelectColumns(c => c.Name != "team");
        Assert.That(withId.Schema.PrimaryKey, Is.EqualTo("person_id"));
        Assert.That(withId.Schema.ForeignKeys, Is.Empty);
    }

    [Test]
    public void Concat_appends_parts_in_order()
    {
        var t = Build(10);
        var parts = new[] { t.Take([0, 1, 2]), t.Take([3, 4, 5, 6]), t.Take([]), t.Take([7, 8, 9]) };
        var joined = Table.Concat(People, parts);
        Assert.That(joined.RowCount, Is.EqualTo(10));
        Assert.That(joined.ComputeContentHash(), Is.EqualTo(t.ComputeContentHash()));
        Assert.That(joined["team"].AsString().IsDictionaryEncoded, Is.True);
    }

    [Test]
    public void Content_hash_is_equal_for_equal_content_and_differs_for_one_changed_cell()
    {
        var a = Build(20);
        var b = Build(20);
        Assert.That(b.ComputeContentHash(), Is.EqualTo(a.ComputeContentHash()));
        Assert.That(a.ComputeContentHash(), Does.Match("^[0-9a-f]{64}$"));

        // Same content stored differently (dictionary-encoded vs plain) hashes the same.
        var plainSchema = new TableSchema("people", People.Description, People.Columns.Select(c => c with { DictionaryEncoded = false }).ToArray(), People.PrimaryKey, People.ForeignKeys);
        var plain = new Table(plainSchema, a.Columns.Select((c, i) => c.WithSchema(plainSchema.Columns[i])).ToArray());
        Assert.That(plain["team"].AsString().IsDictionaryEncoded, Is.False);
        Assert.That(plain.ComputeContentHash(), Is.EqualTo(a.ComputeContentHash()));

        var ages = a["age"].As<int>();
        var changedValues = ages.Values.ToArray();
        changedValues[7] += 1;
        var changedColumns = a.Columns.ToArray();
        changedColumns[2] = Column.FromValues(People.Columns[2], changedValues, ages.NullFlags.ToArray());
        var changed = new Table(People, changedColumns);
        Assert.That(changed.ComputeContentHash(), Is.Not.EqualTo(a.ComputeContentHash()));

        // A null is not the same as a default value.
        var nulled = ages.NullFlags.ToArray();
        nulled[1] = true;
        changedColumns[2] = Column.FromValues(People.Columns[2], ages.Values.ToArray(), nulled);
        Assert.That(new Table(People, changedColumns).ComputeContentHash(), Is.Not.EqualTo(a.ComputeContentHash()));

        Assert.That(a.Take([1, 0]).ComputeContentHash(), Is.Not.EqualTo(a.Take([0, 1]).ComputeContentHash()), "row order matters");
        Assert.That(new Table(People.WithName("others"), a.Columns).ComputeContentHash(), Is.Not.EqualTo(a.ComputeContentHash()), "the name is hashed");
    }

    [Test]
    public void Non_nullable_columns_reject_nulls()
    {
        var ex = Assert.Throws<ArgumentException>(() => Column.FromStrings(People.Columns[0], ["p0", null]));
        Assert.That(ex!.Message, Does.Contain("person_id").And.Contain("not nullable"));

        var visits = People.Columns[3];
        var ex2 = Assert.Throws<ArgumentException>(() => Column.FromValues(visits, new long[] { 1, 2 }, [false, true]));
        Assert.That(ex2!.Message, Does.Contain("visits").And.Contain("not nullable"));
    }

    [Test]
    public void Schema_rejects_duplicate_columns_and_bad_keys()
    {
        var id = new ColumnSchema("id", ColumnType.String, false, "Id.");
        var dup = Assert.Throws<ArgumentException>(() => _ = new TableSchema("t", "", [id, id]));
        Assert.That(dup!.Message, Does.Contain("'id' twice"));

        var pk = Assert.Throws<ArgumentException>(() => _ = new TableSchema("t", "", [id], primaryKey: "key"));
        Assert.That(pk!.Message, Does.Contain("Primary key 'key'"));

        var fk = Assert.Throws<ArgumentException>(() => _ = new TableSchema("t", "", [id], "id", [new ForeignKey("account_id", "accounts", "account_id")]));
        Assert.That(fk!.Message, Does.Contain("Foreign key column 'account_id'"));

        Assert.Throws<ArgumentException>(() => _ = new TableSchema("", "", [id]));
    }

    [Test]
    public void Table_rejects_columns_that_do_not_match_the_schema()
    {
        var a = Build(4);
        var cols = a.Columns.ToArray();
        Assert.Throws<ArgumentException>(() => _ = new Table(People, cols.Take(3).ToArray()));
        var swapped = cols.ToArray();
        (swapped[2], swapped[3]) = (swapped[3], swapped[2]);
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new Table(People, swapped))!.Message, Does.Contain("should be 'age'"));
        var shorter = cols.ToArray();
        shorter[0] = cols[0].Take([0, 1]);
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new Table(People, shorter))!.Message, Does.Contain("rows"));
        Assert.Throws<ArgumentException>(() => Column.FromValues(People.Columns[2], new long[1]));
        Assert.Throws<ArgumentException>(() => Column.FromStrings(People.Columns[2], ["1"]));
        Assert.Throws<ArgumentException>(() => Column.FromValues(People.Columns[2], new int[2], [true]));
    }

    [Test]
    public void Column_schema_maps_types_to_clr_types()
    {
        Assert.That(new ColumnSchema("a", ColumnType.Timestamp, false, "").ClrType, Is.EqualTo(typeof(DateTime)));
        Assert.That(new ColumnSchema("a", ColumnType.Date, false, "").ClrType, Is.EqualTo(typeof(DateOnly)));
        Assert.That(new ColumnSchema("a", ColumnType.String, false, "").ClrType, Is.EqualTo(typeof(string)));
        Assert.That(new ColumnSchema("a", ColumnType.Int64, false, "").ClrType, Is.EqualTo(typeof(long)));
    }
}
