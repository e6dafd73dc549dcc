using System.Runtime.CompilerServices;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The lead's origin, owner and arrival calendar (static).</summary>
internal sealed class LeadFeatures : TaskFeatureGroup
{
    private readonly CodeSlot _leadSource, _ownerRepId;
    private readonly ValueSlot<int> _arrivalWeekday, _arrivalMonth;

    public LeadFeatures(TaskTable t, TaskShape shape)
    {
        var about = TaskTable.Static("lead", "leads");
        _leadSource = t.DeclareCode("lead_source", "Originating channel.", about, Categories.Of(shape.Settings.Narrative.Channels, c => c.Name));
        _ownerRepId = t.DeclareCode("owner_rep_id", "Owning rep.", about, Categories.Of([.. Enumerable.Range(0, shape.RepCount).Select(TableRenderer.RepId)]));
        _arrivalWeekday = t.DeclareValue<int>("arrival_weekday", "Weekday of creation (0 = Monday).", about);
        _arrivalMonth = t.DeclareValue<int>("arrival_month", "Month of creation (1–12).", about);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        _leadSource.Set(j, _leadSource.Categories.CodeOf[row.Plan.LeadChannel[row.Lead]]);
        _ownerRepId.Set(j, _ownerRepId.Categories.CodeOf[row.Plan.LeadRep[row.Lead]]);
        _arrivalWeekday.Set(j, ((int)row.Created.DayOfWeek + 6) % 7);
        _arrivalMonth.Set(j, row.Created.Month);
    }
}
