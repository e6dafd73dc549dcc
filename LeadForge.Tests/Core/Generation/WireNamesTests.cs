using LeadForge.Schemes;
using LeadForge.WorldModel;

namespace LeadForge.Tests.Core.Generation;

public class WireNamesTests
{
    [TestCase(ExposureMode.StudentPublic, "student_public")]
    [TestCase(ExposureMode.ResearchInstructor, "research_instructor")]
    public void Exposure_modes_have_snake_case_wire_names(ExposureMode mode, string wire)
    {
        Assert.That(mode.ToWire(), Is.EqualTo(wire));
        Assert.That(WireNames.TryParseWire<ExposureMode>(wire, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(mode));
    }

    [Test]
    public void Every_enum_value_round_trips_through_its_wire_name()
    {
        AssertRoundTrip<ExposureMode>();
        AssertRoundTrip<Difficulty>();
        AssertRoundTrip<NodeKind>();
        AssertRoundTrip<MechanismKind>();
        AssertRoundTrip<GenerationStage>();
        Assert.That(WireNames.AllWire<Difficulty>(), Is.EqualTo(new[] { "intro", "intermediate", "advanced" }));
    }

    [TestCase("StudentPublic")]
    [TestCase("STUDENT_PUBLIC")]
    [TestCase("student-public")]
    [TestCase("")]
    [TestCase(null)]
    public void TryParseWire_rejects_non_wire_spellings(string? wire)
    {
        Assert.That(WireNames.TryParseWire<ExposureMode>(wire, out _), Is.False);
    }

    [TestCase("StudentPublic", "student_public")]
    [TestCase("camelCase", "camel_case")]
    [TestCase("HTMLParser", "html_parser")]
    [TestCase("Top10Items", "top10_items")]
    [TestCase("already_snake", "already_snake")]
    [TestCase("X", "x")]
    public void ToSnakeCase_converts_identifiers(string name, string expected) =>
        Assert.That(WireNames.ToSnakeCase(name), Is.EqualTo(expected));

    private static void AssertRoundTrip<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var wire = value.ToWire();
            Assert.That(wire, Does.Match("^[a-z][a-z0-9_]*$"));
            Assert.That(WireNames.TryParseWire<TEnum>(wire, out var parsed), Is.True, wire);
            Assert.That(parsed, Is.EqualTo(value));
        }

        Assert.That(WireNames.AllWire<TEnum>(), Is.Unique);
    }
}
