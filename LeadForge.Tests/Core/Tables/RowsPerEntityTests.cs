using LeadForge.Tables;

namespace LeadForge.Tests.Core.Tables;

[TestFixture]
public sealed class RowsPerEntityTests
{
    private static void Sequential(int count, Action<int> body)
    {
        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }

    private static void Parallel4(int count, Action<int> body) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, body);

    /// <summary>Customer c has c % 5 orders and, when c is even, one profile row.</summary>
    private static Table[] Render(int customers, Action<int, Action<int>> parallelFor, IReadOnlyList<int>? order = null, Action<int>? built = null) =>
        RowsPerEntity.Render<int>(customers, c => c, [new Orders(customers), new Profiles(customers)], parallelFor, order, built);

    [Test]
    public void Rows_follow_the_entities_in_order_at_their_counted_offsets()
    {
        var tables = Render(12, Sequential);
        var orders = tables[0];
        var profiles = tables[1];
        Assert.Multiple(() =>
        {
            Assert.That(orders.RowCount, Is.EqualTo(Enumerable.Range(0, 12).Sum(c => c % 5)));
            Assert.That(profiles.RowCount, Is.EqualTo(6));
            Assert.That(orders["customer_id"].GetValue(0), Is.EqualTo("cus_000002"), "customer 0 has no orders, customer 1 has one");
            Assert.That(Enumerable.Range(0, 2).Select(r => orders["order_id"].GetValue(1 + r)), Is.EqualTo(new[] { "ord_000301", "ord_000302" }), "customer 2's two orders");
            Assert.That(
                Enumerable.Range(0, 6).Select(r => profiles["customer_id"].GetValue(r)),
                Is.EqualTo(new[] { "cus_000001", "cus_000003", "cus_000005", "cus_000007", "cus_000009", "cus_000011" }));
        });
    }

    [Test]
    public void The_output_is_the_same_for_one_thread_and_many_and_any_fill_order()
    {
        const int Customers = (Chunks.Size * 3) + 17;
        var one = Render(Customers, Sequential);
        var many = Render(Customers, Parallel4);
        var reversed = Render(Customers, Parallel4, [1, 0]);
        foreach (var other in new[] { many, reversed })
        {
            for (var t = 0; t < one.Length; t++)
            {
                Assert.That(other[t].Schema.Name, Is.EqualTo(one[t].Schema.Name), "tables come back in declared order");
                Assert.That(other[t].RowCount, Is.EqualTo(one[t].RowCount));
                foreach (var column in one[t].Schema.Columns)
                {
                    var a = one[t][column.Name];
                    var b = other[t][column.Name];
                    Assert.That(Enumerable.Range(0, b.Length).Select(b.GetValue), Is.EqualTo(Enumerable.Range(0, a.Length).Select(a.GetValue)), column.Name);
                }
            }
        }
    }

    [Test]
    public void Tables_are_built_in_the_fill_order_and_reported_after_each()
    {
        var seen = new List<int>();
        var tables = Render(10, Sequential, [1, 0], seen.Add);
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(tables.Select(t => t.Schema.Name), Is.EqualTo(new[] { "orders", "profiles" }));
        });
    }

    [Test]
    public void No_entities_make_empty_tables_and_a_bad_order_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Render(0, Sequential).Select(t => t.RowCount), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(() => Render(3, Sequential, [0, 0]), Throws.ArgumentException.With.Message.Contains("permutation"));
            Assert.That(() => Render(3, Sequential, [0]), Throws.ArgumentException.With.Message.Contains("permutation"));
            Assert.That(() => RowsPerEntity.Render<int>(3, c => c, [new Negative()], Sequential), Throws.InvalidOperationException.With.Message.Contains("-1 rows"));
        });
    }

    private sealed class Orders : TableDefinition, IEntityRows<int>
    {
        public Orders(int customers)
            : base("orders", "One row per order.")
        {
            OrderId = Key("order_id", "Order id.", "ord", (customers + 1) * 100L);
            CustomerId = Id("customer_id", "The customer.", "cus", customers, references: "customers");
            Amount = Value<double>("amount", "The amount.");
        }

        public IdSlot OrderId { get; }

        public IdSlot CustomerId { get; }

        public ValueSlot<double> Amount { get; }

        public int Count(in int entity) => entity % 5;

        public void Fill(in int entity, int row)
        {
            for (var k = 0; k < entity % 5; k++, row++)
            {
                OrderId.Set(row, ((entity + 1) * 100L) + k + 1);
                CustomerId.Set(row, entity + 1);
                Amount.Set(row, (entity * 10.0) + k);
            }
        }
    }

    private sealed class Profiles : TableDefinition, IEntityRows<int>
    {
        public Profiles(int customers)
            : base("profiles", "One row per even customer.")
        {
            CustomerId = Key("customer_id", "The customer.", "cus", customers);
        }

        public IdSlot CustomerId { get; }

        public int Count(in int entity) => entity % 2 == 0 ? 1 : 0;

        public void Fill(in int entity, int row) => CustomerId.Set(row, entity + 1);
    }

    private sealed class Negative : TableDefinition, IEntityRows<int>
    {
        public Negative()
            : base("negative", "Counts -1 rows.")
        {
            _ = Value<int>("x", "X.");
        }

        public int Count(in int entity) => -1;

        public void Fill(in int entity, int row)
        {
        }
    }
}
