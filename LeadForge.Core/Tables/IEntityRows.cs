namespace LeadForge.Tables;

/// <summary>
/// A table with zero or more rows per entity (per lead, per customer…), rendered by
/// <see cref="RowsPerEntity"/>: it counts an entity's rows, is allocated at its exact length, writes each
/// entity's rows at the entity's offset and is built. A <see cref="TableDefinition"/> implements
/// <see cref="Allocate"/> and <see cref="Build"/> already, so a definition adds only <see cref="Count"/> and
/// <see cref="Fill"/>.
/// </summary>
/// <typeparam name="TEntity">What the table reads of one entity (e.g. its index and simulated history).</typeparam>
public interface IEntityRows<TEntity>
{
    /// <summary>The number of rows the entity has in this table. It is called from many threads at once and must not write shared state.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The row count, zero or more.</returns>
    int Count(in TEntity entity);

    /// <summary>Allocates the storage for this many rows.</summary>
    /// <param name="rows">The total number of rows.</param>
    void Allocate(int rows);

    /// <summary>Writes exactly <see cref="Count"/> rows of the entity, from <paramref name="row"/> on. It is called from many threads at once, each writing its own rows.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="row">The entity's first row.</param>
    void Fill(in TEntity entity, int row);

    /// <summary>Builds the table from the filled storage.</summary>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel.</param>
    /// <returns>The table.</returns>
    Table Build(Action<int, Action<int>>? parallelFor);
}
