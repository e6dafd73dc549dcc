using System.Runtime.CompilerServices;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Where the lead stands in the funnel as of the anchor.</summary>
internal sealed class FunnelFeatures : TaskFeatureGroup
{
    private readonly CodeSlot _currentStage;
    private readonly ValueSlot<bool> _isSql;
    private readonly ValueSlot<int> _daysInStage;
    private readonly Moment _beforeAnchor;

    public FunnelFeatures(TaskTable t, TaskShape shape)
    {
        var about = TaskTable.AsOfAnchor("funnel", "stage_history");
        _currentStage = t.DeclareCode("current_stage", "Funnel stage as of the anchor.", about, Categories.OfEnum<FunnelStage>());
        _isSql = t.DeclareValue<bool>("is_sql", "Reached sql before the anchor.", about);
        _daysInStage = t.DeclareDistortedInt("days_in_stage", "Whole days since the current stage was entered, as of the anchor.", about, shape.DayCount);
        _beforeAnchor = new Moment(shape.SnapshotDay, -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        var h = row.History;
        var anchor = row.Anchor;
        var stage = h.StageAt(_beforeAnchor);
        var stageStart = stage == FunnelStage.ClosedLost ? h.ClosedAt : h.StageEntered[stage];
        _currentStage.Set(j, _currentStage.Categories.CodeOf[(int)stage]);
        _isSql.Set(j, h.StageEntered.EnteredBefore(FunnelModel.OpportunityStage, anchor));
        _daysInStage.Set(j, (int)((anchor.TotalSeconds - stageStart.TotalSeconds) / 86_400));
    }
}
