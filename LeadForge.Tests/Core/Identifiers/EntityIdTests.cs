using LeadForge.Identifiers;

namespace LeadForge.Tests.Core.Identifiers;

public class EntityIdTests
{
    [TestCase("acct", 1L, "acct_000001")]
    [TestCase("lead", 42L, "lead_000042")]
    [TestCase("touch", 999_999L, "touch_999999")]
    [TestCase("lead", 1_000_000L, "lead_1000000")]
    [TestCase("sess", 12_345_678_901L, "sess_12345678901")]
    public void Format_pads_to_six_digits_and_grows_beyond(string prefix, long number, string expected)
    {
        Assert.That(EntityId.Format(prefix, number), Is.EqualTo(expected));
        Assert.That(EntityId.TryParse(expected, prefix, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(number));
    }

    [Test]
    public void Format_rejects_zero_negative_and_empty_prefix()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityId.Format("lead", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityId.Format("lead", -1));
        Assert.Throws<ArgumentException>(() => EntityId.Format("", 1));
        Assert.Throws<ArgumentNullException>(() => EntityId.Format(null!, 1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("lead_000000")]
    [TestCase("lead_-00001")]
    [TestCase("lead_00001")]
    [TestCase("lead000001")]
    [TestCase("acct_000001")]
    [TestCase("lead_00000x")]
    [TestCase("lead_ 00001")]
    [TestCase("leads_000001")]
    public void TryParse_rejects_malformed_ids(string? id)
    {
        Assert.That(EntityId.TryParse(id, "lead", out var number), Is.False);
        Assert.That(number, Is.Zero);
    }

    [Test]
    public void Prefixes_are_distinct_snake_case()
    {
        var values = typeof(EntityPrefixes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.That(values, Is.Unique);
        Assert.That(values, Has.All.Match("^[a-z][a-z0-9_]*$"));
        Assert.That(EntityPrefixes.Account, Is.EqualTo("acct"));
        Assert.That(EntityPrefixes.Lead, Is.EqualTo("lead"));
    }
}
