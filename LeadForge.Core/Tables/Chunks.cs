namespace LeadForge.Tables;

/// <summary>
/// Runs work over consecutive chunks of an index range in parallel. Bodies write only to the slots
/// of their own indices, so the result does not depend on the degree of parallelism.
/// </summary>
public static class Chunks
{
    /// <summary>Indices per chunk: large enough to amortise scheduling, small enough to balance two cores.</summary>
    /// <value>4,096.</value>
    public const int Size = 4096;

    /// <summary>Calls <paramref name="body"/>(start, end) for every chunk [start, end) of [0, <paramref name="count"/>).</summary>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel.</param>
    /// <param name="count">The number of indices.</param>
    /// <param name="body">The work of one chunk; it must write only to the slots of its own indices.</param>
    public static void Run(Action<int, Action<int>> parallelFor, int count, Action<int, int> body)
    {
        var chunks = (count + Size - 1) / Size;
        parallelFor(chunks, k => body(k * Size, Math.Min(count, (k + 1) * Size)));
    }
}
