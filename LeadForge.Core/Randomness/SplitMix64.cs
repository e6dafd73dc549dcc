namespace LeadForge.Randomness;

/// <summary>The SplitMix64 generator step and finaliser (Steele, Lea and Flood, 2014).</summary>
internal static class SplitMix64
{
    internal const ulong Gamma = 0x9E3779B97F4A7C15UL;

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }
}
