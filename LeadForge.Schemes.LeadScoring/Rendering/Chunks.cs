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
}
