using LeadForge.Identifiers;

using LeadForge.Schemes.LeadScoring;

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

    [TestCase("acct", 1L)]
    [TestCase("touch", 999_999L)]
    [TestCase("lead", 1_000_000L)]
    [TestCase("x", long.MaxValue)]
    public void TryFormat_writes_exactly_what_Format_returns(string prefix, long number)
    {
        var expected = EntityId.Format(prefix, number);
        Assert.That(EntityId.GetFormattedLength(prefix, number), Is.EqualTo(expected.Length));
        var buffer = new char[expected.Length + 3];
        Assert.That(EntityId.TryFormat(prefix, number, buffer, out var written), Is.True);
        Assert.That(new string(buffer, 0, written), Is.EqualTo(expected));
        Assert.That(EntityId.TryFormat(prefix, number, buffer.AsSpan(0, expected.Length - 1), out written), Is.False);
        Assert.That(written, Is.Zero);
    }

    [Test]
    public void TryFormat_and_length_reject_what_Format_rejects()
    {
        var buffer = new char[32];
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityId.TryFormat("lead", 0, buffer, out _));
        Assert.Throws<ArgumentException>(() => EntityId.TryFormat("", 1, buffer, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityId.GetFormattedLength("lead", -3));
        Assert.Throws<ArgumentNullException>(() => EntityId.GetFormattedLength(null!, 1));
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
