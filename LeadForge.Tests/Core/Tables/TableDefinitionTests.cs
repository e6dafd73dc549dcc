using LeadForge.Tables;

namespace LeadForge.Tests.Core.Tables;

[TestFixture]
public sealed class TableDefinitionTests
{
    private static readonly Exposure Secret = Exposure.InstructorOnly("reveals the label");

    [Test]
    public void Declarations_make_the_schema_and_the_filled_slots_make_the_table()
    {
        var t = new Orders(ColumnScope.All);
        t.Allocate(3);
        for (var r = 0; r < 3; r++)
        {
            t.OrderId.Set(r, r + 1);
            t.Customer.Set(r, r == 1 ? 0 : 7);
            t.Channel.Set(r, r % 2);
            t.Amount.Set(r, r == 2 ? null : 10.5 * r);
            t.Won.Set(r, r == 0);
            t.Note.Set(r, r == 0 ? "first" : null);
        }

        var table = t.Build((n, body) => Parallel.For(0, n, body));
        Assert.Multiple(() =>
        {
            Assert.That(table.Schema.Columns.Select(c => c.Name), Is.EqualTo(new[] { "order_id", "customer_id", "channel", "first_channel", "amount", "won", "note" }));
            Assert.That(table.Schema.PrimaryKey, Is.EqualTo("order_id"));
            Assert.That(table.Schema.ForeignKeys, Is.EqualTo(new[] { new ForeignKey("customer_id", "customers", "customer_id") }));
            Assert.That(table.Schema.ExposureOf("won"), Is.EqualTo(Secret));
            Assert.That(table.Schema.Columns[2].DictionaryEncoded, Is.True);
            Assert.That(Enumerable.Range(0, 3).Select(r => table["order_id"].GetValue(r)), Is.EqualTo(new[] { "ord_000001", "ord_000002", "ord_000003" }));
            Assert.That(table["customer_id"].IsNull(1), Is.True);
            Assert.That(Enumerable.Range(0, 3).Select(r => table["channel"].GetValue(r)), Is.EqualTo(new[] { "web", "partner", "web" }));
            Assert.That(Enumerable.Range(0, 3).Select(r => table["first_channel"].GetValue(r)), Is.EqualTo(new[] { "web", "partner", "web" }));
            Assert.That(Enumerable.Range(0, 3).Select(r => table["amount"].GetValue(r)), Is.EqualTo(new object?[] { 0.0, 10.5, null }));
            Assert.That(table["note"].GetValue(0), Is.EqualTo("first"));
            Assert.That(table["note"].IsNull(2), Is.True);
        });
    }

    [Test]
    public void A_public_rendering_leaves_out_instructor_only_columns_and_cannot_fill_them()
    {
        var t = new Orders(ColumnScope.Public);
        t.Allocate(1);
        Assert.Multiple(() =>
        {
            Assert.That(t.Schema.Columns.Select(c => c.Name), Does.Not.Contain("won"));
            Assert.That(t.FullSchema.Columns.Select(c => c.Name), Does.Contain("won"));
            Assert.That(t.Won.IsIncluded, Is.False);
            Assert.That(() => t.Won.Set(0, true), Throws.InvalidOperationException.With.Message.Contains("not in this rendering's scope"));
        });
    }

    [Test]
    public void Misuse_is_a_clear_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new Twice(), Throws.ArgumentException.With.Message.Contains("declares column 'x' twice"));
            Assert.That(() => new LateColumn(), Throws.InvalidOperationException.With.Message.Contains("declare every column before"));
            Assert.That(() => new BadType(), Throws.TypeOf<NotSupportedException>().With.Message.Contains("Decimal"));
            var t = new Orders(ColumnScope.All);
            Assert.That(() => t.OrderId.Set(0, 1), Throws.InvalidOperationException.With.Message.Contains("allocate the table first"));
            Assert.That(() => t.Build(), Throws.InvalidOperationException.With.Message.Contains("was not allocated"));
            t.Allocate(0);
            Assert.That(() => t.Allocate(0), Throws.InvalidOperationException.With.Message.Contains("allocated already"));
            Assert.That(t.Build().RowCount, Is.Zero);
            Assert.That(() => t.Build(), Throws.InvalidOperationException.With.Message.Contains("built already"));
            Assert.That(() => t.Amount.Set(0, 1.0), Throws.InvalidOperationException);
            var n = new Orders(ColumnScope.All);
            n.Allocate(1);
            Assert.That(() => n.Won.SetNull(0), Throws.InvalidOperationException.With.Message.Contains("not nullable"));
        });
    }

    [Test]
    public void References_are_listed_in_column_order_unless_ordered_and_the_key_is_known_in_every_scope()
    {
        var plain = new Shipments(ordered: false, ColumnScope.All);
        var ordered = new Shipments(ordered: true, ColumnScope.All);
        var publicOrdered = new Shipments(ordered: true, ColumnScope.Public);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Schema.ForeignKeys.Select(f => f.Column), Is.EqualTo(new[] { "order_id", "carrier_id", "depot_id" }));
            Assert.That(ordered.Schema.ForeignKeys.Select(f => f.Column), Is.EqualTo(new[] { "depot_id", "order_id", "carrier_id" }));
            Assert.That(ordered.Schema.ForeignKeys[2], Is.EqualTo(new ForeignKey("carrier_id", "carriers", "id")));
            Assert.That(publicOrdered.Schema.ForeignKeys.Select(f => f.Column), Is.EqualTo(new[] { "depot_id", "order_id" }), "a column out of scope drops its key");
            Assert.That(publicOrdered.PrimaryKey, Is.EqualTo("shipment_id"));
            Assert.That(ordered.Schema.Columns.Single(c => c.Name == "label").DictionaryEncoded, Is.True);
            Assert.That(() => new Shipments(ordered: true, ColumnScope.All, badOrder: true), Throws.ArgumentException.With.Message.Contains("each referencing column"));
        });
    }

    [Test]
    public void Dictionary_encoded_text_stores_its_distinct_values_once()
    {
        var t = new Shipments(ordered: false, ColumnScope.All);
        t.Allocate(3);
        for (var r = 0; r < 3; r++)
        {
            t.Label.Set(r, r == 1 ? "b" : "a");
            foreach (var id in t.Ids)
            {
                id.Set(r, r + 1);
            }
        }

        var label = t.Build()["label"].AsString();
        Assert.Multiple(() =>
        {
            Assert.That(label.IsDictionaryEncoded, Is.True);
            Assert.That(label.Dictionary, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(label.ToArray(), Is.EqualTo(new[] { "a", "b", "a" }));
        });
    }

    [Test]
    public void A_declared_column_can_be_the_primary_key_once()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Named(NamedKey.Name).Schema.PrimaryKey, Is.EqualTo("name"));
            Assert.That(new Named(NamedKey.Name).PrimaryKey, Is.EqualTo("name"));
            Assert.That(() => new Named(NamedKey.Twice), Throws.InvalidOperationException.With.Message.Contains("second primary key"));
            Assert.That(() => new Named(NamedKey.Nullable), Throws.ArgumentException.With.Message.Contains("non-nullable column of this table"));
            Assert.That(() => new Named(NamedKey.Foreign), Throws.ArgumentException.With.Message.Contains("non-nullable column of this table"));
        });
    }

    private sealed class Shipments : TableDefinition
    {
        public Shipments(bool ordered, ColumnScope scope, bool badOrder = false)
            : base("shipments", "One row per shipment.", scope)
        {
            var key = Key("shipment_id", "Shipment id.", "shp", 10);
            var order = Id("order_id", "The order.", "ord", 10, references: "orders");
            var carrier = Id("carrier_id", "The carrier.", "car", 10, references: "carriers", referencedColumn: "id", exposure: Secret);
            var depot = Id("depot_id", "The depot.", "dep", 10, references: "depots");
            Ids = [key, order, carrier, depot];
            Label = Text("label", "A label.", dictionaryEncoded: true);
            if (ordered)
            {
                OrderReferences(badOrder ? [depot, order] : [depot, order, carrier]);
            }
        }

        public TextSlot Label { get; }

        public IReadOnlyList<IdSlot> Ids { get; }
    }

    private sealed class Orders : TableDefinition
    {
        public Orders(ColumnScope scope)
            : base("orders", "One row per order.", scope)
        {
            OrderId = Key("order_id", "Order id.", "ord", 3);
            Customer = Id("customer_id", "The customer.", "cus", 7, references: "customers", nullable: true);
            Channel = Code("channel", "Channel.", Categories.Of(["web", "partner"]));
            CopyOf("first_channel", "Channel of the first touch.", Channel);
            Amount = Value<double>("amount", "Amount.", nullable: true);
            Won = Value<bool>("won", "Label.", exposure: Secret);
            Note = Text("note", "A note.", nullable: true);
        }

        public IdSlot OrderId { get; }

        public IdSlot Customer { get; }

        public CodeSlot Channel { get; }

        public ValueSlot<double> Amount { get; }

        public ValueSlot<bool> Won { get; }

        public TextSlot Note { get; }
    }

    private sealed class Twice : TableDefinition
    {
        public Twice()
            : base("t", "Twice.")
        {
            Value<int>("x", "X.");
            Value<int>("x", "X again.");
        }
    }

    private sealed class LateColumn : TableDefinition
    {
        public LateColumn()
            : base("t", "Late.")
        {
            Value<int>("x", "X.");
            _ = Schema;
            Value<int>("y", "Y.");
        }
    }

    private sealed class BadType : TableDefinition
    {
        public BadType()
            : base("t", "Bad.") => Value<decimal>("x", "X.");
    }

    private enum NamedKey
    {
        Name,
        Twice,
        Nullable,
        Foreign,
    }

    private sealed class Named : TableDefinition
    {
        public Named(NamedKey how)
            : base("named", "One row per name.")
        {
            var name = Text("name", "The name.");
            var note = Text("note", "A note.", nullable: true);
            switch (how)
            {
                case NamedKey.Name:
                    KeyOn(name);
                    break;
                case NamedKey.Twice:
                    KeyOn(name);
                    KeyOn(name);
                    break;
                case NamedKey.Nullable:
                    KeyOn(note);
                    break;
                default:
                    KeyOn(new Named(NamedKey.Name).Slots[0]);
                    break;
            }
        }
    }
}
