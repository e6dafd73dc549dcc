namespace LeadForge.Schemes.LeadScoring.Planning;

/// <summary>
/// One per-entity value (of a lead or a contact), read by the entity's global index (its number − 1).
/// In a sharded run only the entities the shard reads are held, behind a slot map, so the memory for
/// them follows the shard rather than the population; reading an entity that is not held fails loudly.
/// </summary>
internal readonly struct EntityColumn
{
    private readonly int[] _values;
    private readonly int[]? _slots;

    private EntityColumn(int[] values, int[]? slots)
    {
        _values = values;
        _slots = slots;
    }

    /// <summary>The value of entity <paramref name="index"/>.</summary>
    public int this[int index] => _values[_slots is null ? index : _slots[index]];

    /// <summary>A column holding every entity.</summary>
    public static EntityColumn Whole(int[] values) => new(values, null);

    /// <summary>The values of the held entities (<paramref name="held"/>, ascending) taken from <paramref name="values"/>; <paramref name="slots"/> maps an entity to its position in <paramref name="held"/> (−1 when not held).</summary>
    public static EntityColumn Gather(int[] values, int[] slots, int[] held)
    {
        var kept = new int[held.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = values[held[i]];
        }

        return new(kept, slots);
    }

    /// <summary>
    /// The slot map of the entities <paramref name="isHeld"/> keeps: each held entity's position among
    /// the held ones, in index order (−1 for the others), and the held indices, ascending.
    /// </summary>
    public static (int[] Slots, int[] Held) SlotsOf(int count, Func<int, bool> isHeld)
    {
        var slots = new int[count];
        var held = new List<int>();
        for (var i = 0; i < count; i++)
        {
            slots[i] = isHeld(i) ? held.Count : -1;
            if (slots[i] >= 0)
            {
                held.Add(i);
            }
        }

        return (slots, held.ToArray());
    }

    /// <summary>A column over values already in held order; <paramref name="slots"/> null means every entity is held, in index order.</summary>
    public static EntityColumn FromHeld(int[] heldValues, int[]? slots) => new(heldValues, slots);
}
