using LeadForge.Randomness;

namespace LeadForge.Tests.Core.Randomness;

/// <summary>Golden values of the SplitMix64 step every seed and stream key goes through (the published reference sequence).</summary>
public sealed class SplitMix64Tests
{
    [Test]
    public void The_sequence_from_state_zero_is_the_reference_one()
    {
        var state = 0UL;
        Assert.That(new[] { SplitMix64.Next(ref state), SplitMix64.Next(ref state), SplitMix64.Next(ref state) },
            Is.EqualTo(new[] { 0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL }));
        Assert.That(state, Is.EqualTo(unchecked(3 * SplitMix64.Gamma)), "each step adds the golden gamma");
    }

    [Test]
    public void The_finaliser_matches_golden_values()
    {
        Assert.That(SplitMix64.Mix(1), Is.EqualTo(0x5692161D100B05E5UL));
        Assert.That(SplitMix64.Mix(0xDEADBEEF), Is.EqualTo(0x4E062702EC929EEAUL));
        Assert.That(SplitMix64.Mix(0), Is.Zero);
    }
}
