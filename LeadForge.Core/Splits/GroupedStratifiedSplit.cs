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
