using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>sales_activities</c> table's own columns: the lead's owner, time, type, outcome.</summary>
internal readonly struct ActivityColumns : IEventColumns<ActivityEvent, ActivityColumns>
{
    private readonly PopulationPlan _plan;
    private readonly IdSlot _repId;
    private readonly ValueSlot<DateTime> _at;
    private readonly CodeSlot _type;
    private readonly CodeSlot _outcome;

    private ActivityColumns(EventTable<ActivityEvent, ActivityColumns> table, TableRenderer renderer)
    {
        _plan = renderer.Plan;
        _repId = table.DeclareId("rep_id", "The rep.", EntityPrefixes.Rep, renderer.RepMax, references: "reps");
        _at = table.DeclareValue<DateTime>("activity_timestamp", "When.");
        _type = table.DeclareCode("activity_type", "Type.", Categories.OfEnum<ActivityType>());
        _outcome = table.DeclareCode("activity_outcome", "Outcome.", Categories.OfEnum<ActivityOutcome>());
    }

    public static string Table => "sales_activities";

    public static string Description => "One row per sales activity.";

    public static string IdColumn => "activity_id";

    public static string IdDescription => "Activity id.";

    public static string IdPrefix => EntityPrefixes.Activity;

    public static EventKinds Kind => EventKinds.Activities;

    public static EventList<ActivityEvent> Events(LeadHistory h) => h.Activities;

    public static ActivityColumns Declare(EventTable<ActivityEvent, ActivityColumns> table, TableRenderer renderer) => new(table, renderer);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill(int row, int l, in ActivityEvent e, DateTime at)
    {
        _repId.Set(row, _plan.LeadRep[l] + 1);
        _at[row] = at;
        _type.Set(row, (int)e.Type);
        _outcome.Set(row, (int)e.Outcome);
    }
}
