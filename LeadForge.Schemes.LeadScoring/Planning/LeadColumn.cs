namespace LeadForge.Schemes.LeadScoring.Planning;

/// <summary>
/// One per-lead value of the population plan, read by global lead index. In a sharded run the plan
/// keeps the values of the leads the shard reads (its own and the calibration sample) behind a slot
/// map, so its memory for them follows the shard; reading a lead it does not hold fails loudly.
/// </summary>
internal readonly struct LeadColumn
{
    private readonly int[] _values;
    private readonly int[]? _slots;

    private LeadColumn(int[] values, int[]? slots)
    {
        _values = values;
        _slots = slots;
    }

    /// <summary>The value of lead <paramref name="lead"/> (index = lead number − 1).</summary>
    public int this[int lead] => _values[_slots is null ? lead : _slots[lead]];

    /// <summary>A column holding every lead.</summary>
    public static LeadColumn Whole(int[] values) => new(values, null);

    /// <summary>The values of <paramref name="heldLeads"/> (ascending lead indices) taken from <paramref name="values"/>; <paramref name="slots"/> maps a lead to its position there (−1 for leads not held).</summary>
    public static LeadColumn Held(int[] values, int[] slots, int[] heldLeads)
    {
        var held = new int[heldLeads.Length];
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = values[heldLeads[i]];
        }

        return new(held, slots);
    }
}
