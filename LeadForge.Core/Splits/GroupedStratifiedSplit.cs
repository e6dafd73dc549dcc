using System.Runtime.CompilerServices;
using LeadForge.Randomness;

namespace LeadForge.Splits;

/// <summary>
/// A grouped, label-stratified split: whole groups of rows (e.g. all rows of one account) go to one
/// split, chosen so that each split's share of rows and of positives approaches its target. Blocks of
/// groups are balanced independently, each from its own stream, so a row's split depends only on its
/// block, never on the rest of the run (and so not on sharding by whole blocks).
/// </summary>
public static class GroupedStratifiedSplit
{
    /// <summary>
    /// Cuts groups 0 … <paramref name="groupCount"/> − 1, in order, into blocks of consecutive groups
    /// holding at least <paramref name="minRows"/> rows and <paramref name="minGroups"/> groups each
    /// (the last block may hold fewer).
    /// </summary>
    /// <param name="groupCount">The number of groups.</param>
    /// <param name="groupOfRow">The group of every row.</param>
    /// <param name="minRows">The minimum number of rows in a block.</param>
    /// <param name="minGroups">The minimum number of groups in a block: whole groups move, so a block needs many to approach its targets.</param>
    /// <returns>Block boundaries: block b holds groups [bounds[b], bounds[b + 1]); the last entry is <paramref name="groupCount"/>.</returns>
    public static int[] BlockBoundaries(int groupCount, ReadOnlySpan<int> groupOfRow, int minRows, int minGroups)
    {
        var rowsOf = new int[groupCount];
        foreach (var g in groupOfRow)
        {
            rowsOf[g]++;
        }

        var bounds = new List<int> { 0 };
        var inBlock = 0;
        var start = 0;
        for (var g = 0; g < groupCount; g++)
        {
            inBlock += rowsOf[g];
            if (inBlock >= minRows && g + 1 - start >= minGroups && g + 1 < groupCount)
            {
                bounds.Add(g + 1);
                inBlock = 0;
                start = g + 1;
            }
        }

        bounds.Add(groupCount);
        return [.. bounds];
    }

    /// <summary>The block holding a group.</summary>
    /// <param name="bounds">The block boundaries (<see cref="BlockBoundaries"/>).</param>
    /// <param name="group">The group.</param>
    /// <returns>The block index.</returns>
    public static int BlockOf(int[] bounds, int group)
    {
        var i = Array.BinarySearch(bounds, group);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>
    /// Assigns every row to split 0 (train), 1 (valid) or 2 (test), whole groups at a time: the rows
    /// are sorted by group (stably, so each group's rows keep their order) and every block of groups
    /// is balanced on its own (<see cref="AssignBlock"/>), from stream b of <paramref name="source"/>.
    /// </summary>
    /// <param name="groupOfRow">The group of every row, in [0, <c>bounds[^1]</c>).</param>
    /// <param name="bounds">
    /// The block boundaries over the groups (<see cref="BlockBoundaries"/>): fixed by the plan, not by the
    /// rows present, so a shard holding whole blocks gets the splits of the unsharded run.
    /// </param>
    /// <param name="labels">The label of every row (the stratification).</param>
    /// <param name="fractions">The target share of each split (0 excludes a split).</param>
    /// <param name="source">The split's random source; block b draws from <c>source.Stream(b)</c>.</param>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel (one index per block).</param>
    /// <returns>The split of every row.</returns>
    public static int[] Assign(
        ReadOnlySpan<int> groupOfRow, int[] bounds, bool[] labels, SplitFractions fractions, RandomSource source, Action<int, Action<int>> parallelFor)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parallelFor);
        var n = groupOfRow.Length;
        var assignment = new int[n];
        double[] targets = [fractions.Train, fractions.Valid, fractions.Test];

        // Rows sorted by group (a counting sort, stable).
        var groups = bounds[^1];
        var groupStart = new int[groups + 1];
        foreach (var g in groupOfRow)
        {
            groupStart[g + 1]++;
        }

        for (var g = 0; g < groups; g++)
        {
            groupStart[g + 1] += groupStart[g];
        }

        var byGroup = new int[n];
        var next = groupStart[..^1];
        for (var r = 0; r < n; r++)
        {
            byGroup[next[groupOfRow[r]]++] = r;
        }

        // Each block of groups is balanced on its own, from its own stream; empty groups are skipped.
        parallelFor(bounds.Length - 1, b =>
        {
            var starts = new List<int>();
            for (var g = bounds[b]; g < bounds[b + 1]; g++)
            {
                if (groupStart[g + 1] > groupStart[g])
                {
                    starts.Add(groupStart[g]);
                }
            }

            if (starts.Count == 0)
            {
                return;
            }

            starts.Add(groupStart[bounds[b + 1]]);
            var first = starts[0];
            var relative = starts.Select(s => s - first).ToArray();
            AssignBlock(byGroup.AsSpan(first, relative[^1]), relative, labels, targets, source.Stream(b), assignment);
        });
        return assignment;
    }

    /// <summary>
    /// Balances one block: groups in a seeded random order, largest first, each to the split that
    /// minimises the squared deviation of the block's row and positive shares from the targets.
    /// A group is the rows <c>rows[groupStart[g] .. groupStart[g + 1])</c> (e.g. one account's rows).
    /// </summary>
    /// <param name="rows">The block's rows, grouped (indices into <paramref name="labels"/> and <paramref name="assignment"/>).</param>
    /// <param name="groupStart">Where each group starts in <paramref name="rows"/>, then the end of the last group.</param>
    /// <param name="labels">The label of every row.</param>
    /// <param name="targets">The target share of each split (0 excludes a split).</param>
    /// <param name="rng">The block's own stream (the shuffle of equal-sized groups).</param>
    /// <param name="assignment">Receives the split of each row of the block.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AssignBlock(ReadOnlySpan<int> rows, ReadOnlySpan<int> groupStart, bool[] labels, double[] targets, RandomStream rng, int[] assignment)
    {
        var groups = groupStart.Length - 1;
        var order = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            order[g] = g;
        }

        rng.Shuffle(order.AsSpan());
        var sizeOf = new int[groups];
        var positivesOf = new int[groups];
        var n = 0;
        var totalPositives = 0;
        for (var g = 0; g < groups; g++)
        {
            sizeOf[g] = groupStart[g + 1] - groupStart[g];
            foreach (var r in rows[groupStart[g]..groupStart[g + 1]])
            {
                positivesOf[g] += labels[r] ? 1 : 0;
            }

            n += sizeOf[g];
            totalPositives += positivesOf[g];
        }

        // Largest group first; equal sizes keep their shuffled order.
        var ranked = new int[groups];
        for (var i = 0; i < groups; i++)
        {
            ranked[i] = i;
        }

        Array.Sort(ranked, (x, y) =>
        {
            var bySize = sizeOf[order[y]].CompareTo(sizeOf[order[x]]);
            return bySize != 0 ? bySize : x.CompareTo(y);
        });
        var rowsIn = new double[3];
        var posIn = new double[3];
        foreach (var i in ranked)
        {
            var g = order[i];
            var size = sizeOf[g];
            var positives = positivesOf[g];
            var best = 0;
            var bestScore = double.MaxValue;
            for (var candidate = 0; candidate < 3; candidate++)
            {
                if (targets[candidate] <= 0)
                {
                    continue;
                }

                var score = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    var rowDev = ((rowsIn[k] + (k == candidate ? size : 0)) / n) - targets[k];
                    var posDev = totalPositives == 0 ? 0 : ((posIn[k] + (k == candidate ? positives : 0)) / totalPositives) - targets[k];
                    score += (rowDev * rowDev) + (posDev * posDev);
                }

                if (score < bestScore)
                {
                    bestScore = score;
                    best = candidate;
                }
            }

            rowsIn[best] += size;
            posIn[best] += positives;
            foreach (var r in rows[groupStart[g]..groupStart[g + 1]])
            {
                assignment[r] = best;
            }
        }
    }
}
