using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Simulation;

/// <summary>
/// The funnel's categorical enums: their wire names are exactly the strings the tables have always
/// held, and every value of each occurs in a default instructor bundle (so no value is dead code and
/// no table writes a string outside its enum).
/// </summary>
[TestFixture]
public sealed class FunnelCategoryTests
{
    private static readonly Lazy<WorldBundle> Bundle = new(() => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42)
        .WithExposure(ExposureMode.ResearchInstructor).WithLeads(5000).WithDegreeOfParallelism(2).Generate());

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case<FunnelStage>("stage_history", "stage", ["mql", "sal", "sql", "demo_scheduled", "demo_completed", "proposal_sent", "negotiation", "closed_won", "closed_lost"]);
        yield return Case<TouchType>("touches", "touch_type", ["email", "call", "linkedin_message", "content_download", "webinar", "form_fill"]);
        yield return Case<TouchDirection>("touches", "touch_direction", ["inbound", "outbound"]);
        yield return Case<SessionType>("sessions", "session_type", ["website", "pricing_page", "demo_page"]);
        yield return Case<ActivityType>("sales_activities", "activity_type", ["call", "email", "meeting", "demo"]);
        yield return Case<ActivityOutcome>("sales_activities", "activity_outcome", ["connected", "no_answer", "left_voicemail", "meeting_set", "demo_completed", "proposal_sent"]);
    }

    private static TestCaseData Case<TEnum>(string table, string column, string[] expected)
        where TEnum : struct, Enum =>
        new TestCaseData(WireNames.AllWire<TEnum>(), table, column, expected).SetArgDisplayNames(typeof(TEnum).Name, $"{table}.{column}");

    [TestCaseSource(nameof(Cases))]
    public void The_wire_names_are_the_table_values_and_every_one_occurs_in_a_default_instructor_bundle(IReadOnlyList<string> wire, string table, string column, string[] expected)
    {
        var values = Bundle.Value.Tables[table][column].AsString();
        var distinct = Enumerable.Range(0, values.Length).Select(r => values[r]).Distinct().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(wire, Is.EqualTo(expected), "wire names, in declaration order");
            Assert.That(distinct, Is.EquivalentTo(expected), $"distinct values of {table}.{column}");
        });
    }

    [Test]
    public void Stage_columns_hold_only_funnel_stage_wire_names()
    {
        var stages = WireNames.AllWire<FunnelStage>();
        var tables = Bundle.Value.Tables;
        Assert.Multiple(() =>
        {
            Assert.That(Distinct(tables["leads"]["current_stage"]), Is.SubsetOf(stages), "leads.current_stage");
            Assert.That(Distinct(tables["opportunities"]["stage"]), Is.SubsetOf(stages), "opportunities.stage");
            Assert.That(Distinct(tables["opportunities"]["close_outcome"]), Is.EquivalentTo(new[] { "closed_won", "closed_lost", null }), "opportunities.close_outcome");
        });
    }

    private static string?[] Distinct(Column column)
    {
        var values = column.AsString();
        return [.. Enumerable.Range(0, values.Length).Select(r => values[r]).Distinct()];
    }
}
