using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>
/// Renders tables with rows per entity in two passes over the entities, not two per table: the first
/// counts every table's rows of each entity, the offsets follow by prefix sums, then each table is
/// allocated at its exact length, filled (each entity's rows at its offset) and built. Both passes run
/// in parallel chunks of entities (<see cref="Chunks"/>), and each entity's rows go to its own offsets,
/// so the result is the same for any degree of parallelism.
/// </summary>
/// <example>
/// <code>
/// var tables = RowsPerEntity.Render(customers.Length, i => customers[i], [new InvoicesTable(), new PaymentsTable()], parallelFor);
/// </code>
/// </example>
public static class RowsPerEntity
{
    /// <summary>Renders <paramref name="tables"/> over entities [0, <paramref name="count"/>).</summary>
    /// <typeparam name="TEntity">What a table reads of one entity.</typeparam>
    /// <param name="count">The number of entities.</param>
    /// <param name="entityAt">The entity of an index (called from many threads; called once per entity in the count pass and once per entity with rows in each fill).</param>
    /// <param name="tables">The tables, each counted, allocated, filled and built once.</param>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel (the run's degree of parallelism).</param>
    /// <param name="fillOrder">
    /// The order the tables are allocated, filled and built in (a permutation of their indices); <see langword="null"/> for their order.
    /// The result is in the order of <paramref name="tables"/> whatever it is.
    /// </param>
    /// <param name="built">Called after each table is built, with the number of tables built so far (e.g. to release inputs no later table reads); <see langword="null"/> for none.</param>
    /// <returns>The built tables, in the order of <paramref name="tables"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="fillOrder"/> is not a permutation of the table indices.</exception>
    /// <exception cref="OverflowException">A table has more than <see cref="int.MaxValue"/> rows.</exception>
    public static Table[] Render<TEntity>(
        int count,
        Func<int, TEntity> entityAt,
        IReadOnlyList<IEntityRows<TEntity>> tables,
        Action<int, Action<int>> parallelFor,
        IReadOnlyList<int>? fillOrder = null,
        Action<int>? built = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(entityAt);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(parallelFor);
        var order = CheckOrder(fillOrder, tables.Count);
        var rows = tables.ToArray();
        var offsets = new int[rows.Length][];
        for (var t = 0; t < offsets.Length; t++)
        {
            offsets[t] = new int[count + 1];
        }

        Chunks.Run(parallelFor, count, (from, to) => CountRows(rows, entityAt, offsets, from, to));
        foreach (var o in offsets)
        {
            for (var i = 0; i < count; i++)
            {
                o[i + 1] = checked(o[i + 1] + o[i]);
            }
        }

        var result = new Table[rows.Length];
        for (var k = 0; k < order.Length; k++)
        {
            var t = order[k];
            var table = rows[t];
            var o = offsets[t];
            table.Allocate(o[count]);
            Chunks.Run(parallelFor, count, (from, to) => FillRows(table, entityAt, o, from, to));
            result[t] = table.Build(parallelFor);
            rows[t] = null!;
            offsets[t] = null!;
            built?.Invoke(k + 1);
        }

        return result;
    }

    private static int[] CheckOrder(IReadOnlyList<int>? fillOrder, int tables)
    {
        if (fillOrder is null)
        {
            return [.. Enumerable.Range(0, tables)];
        }

        var order = fillOrder.ToArray();
        if (order.Length != tables || order.Any(t => (uint)t >= (uint)tables) || order.Distinct().Count() != tables)
        {
            throw new ArgumentException($"The fill order [{string.Join(", ", order)}] is not a permutation of the {tables} table indices.", nameof(fillOrder));
        }

        return order;
    }

    /// <summary>Counts the rows of entities [from, to) in every table (row counts at offsets[t][i + 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountRows<TEntity>(IEntityRows<TEntity>[] tables, Func<int, TEntity> entityAt, int[][] offsets, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var entity = entityAt(i);
            for (var t = 0; t < tables.Length; t++)
            {
                var rows = tables[t].Count(in entity);
                if (rows < 0)
                {
                    throw new InvalidOperationException($"Table {t} counted {rows} rows for entity {i}.");
                }

                offsets[t][i + 1] = rows;
            }
        }
    }

    /// <summary>Fills the rows of entities [from, to) in one table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillRows<TEntity>(IEntityRows<TEntity> table, Func<int, TEntity> entityAt, int[] o, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (o[i + 1] > o[i])
            {
                var entity = entityAt(i);
                table.Fill(in entity, o[i]);
            }
        }
    }
}
