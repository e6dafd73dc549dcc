namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Runs work over consecutive chunks of an index range in parallel. Bodies write only to the slots
/// of their own indices, so the result does not depend on the degree of parallelism.
/// </summary>
internal static class Chunks
{
    /// <summary>Indices per chunk: large enough to amortise scheduling, small enough to balance two cores.</summary>
    public const int Size = 4096;

    /// <summary>Calls <paramref name="body"/>(start, end) for every chunk [start, end) of [0, <paramref name="count"/>).</summary>
    public static void Run(Action<int, Action<int>> parallelFor, int count, Action<int, int> body)
    {
        var chunks = (count + Size - 1) / Size;
        parallelFor(chunks, k => body(k * Size, Math.Min(count, (k + 1) * Size)));
    }

    /// <summary>
    /// Row offsets of per-item row counts: the rows of item i are [offsets[i], offsets[i + 1]).
    /// </summary>
    public static int[] Offsets(Action<int, Action<int>> parallelFor, int count, Func<int, int> rowsOf)
    {
        var offsets = new int[count + 1];
        Run(parallelFor, count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                offsets[i + 1] = rowsOf(i);
            }
        });
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] = checked(offsets[i + 1] + offsets[i]);
        }

        return offsets;
    }
}
