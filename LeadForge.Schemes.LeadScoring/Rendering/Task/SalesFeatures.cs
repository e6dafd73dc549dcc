using System.Runtime.CompilerServices;
using LeadForge.Features;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Sales activities, the demo and the opportunity as of the anchor.</summary>
internal sealed class SalesFeatures : TaskFeatureGroup
{
    private readonly ValueSlot<int> _activityCount, _connectedCalls, _meetingsHeld;
    private readonly ValueSlot<bool> _demoCompleted, _opportunityCreated, _hasOpenOpportunity;
    private readonly ValueSlot<double> _opportunityAcv, _expectedAcv;
    private readonly double[] _typicalAcv;

    public SalesFeatures(TaskTable t, TaskShape shape)
    {
        var activities = TaskTable.AsOfAnchor("sales", "sales_activities");
        var opportunities = TaskTable.AsOfAnchor("sales", "opportunities");
        _activityCount = t.DeclareDistortedInt("activity_count", "Sales activities before the anchor.", activities, Distortion.NonNegative);
        _connectedCalls = t.DeclareDistortedInt("connected_calls", "Activities with outcome connected before the anchor.", activities, Distortion.NonNegative);
        _meetingsHeld = t.DeclareDistortedInt("meetings_held", "Meetings before the anchor.", activities, Distortion.NonNegative);
        _demoCompleted = t.DeclareValue<bool>("demo_completed", "A demo was completed before the anchor.", TaskTable.AsOfAnchor("sales", "stage_history"));
        _opportunityCreated = t.DeclareValue<bool>("opportunity_created", "An opportunity existed at the anchor.", opportunities);
        _hasOpenOpportunity = t.DeclareValue<bool>("has_open_opportunity", "An opportunity was open at the anchor.", opportunities);
        _opportunityAcv = t.DeclareDistortedDouble("opportunity_estimated_acv", "ACV of the opportunity open at the anchor.", opportunities, shape.Acv);
        _expectedAcv = t.DeclareDistortedDouble("expected_acv", "Opportunity ACV if one is open, else the segment's typical deal size.", opportunities, shape.Acv);
        var s = shape.Settings;
        _typicalAcv = [.. s.Accounts.Segments.Select(x => s.Narrative.Market.AvgDealSizeUsd * x.DealSizeMultiplier)];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        var h = row.History;
        var anchor = row.Anchor;
        int activities = 0, connected = 0, meetings = 0;
        for (var k = 0; k < h.Activities.Count; k++)
        {
            var x = h.Activities[k];
            if (x.At.CompareTo(anchor) >= 0)
            {
                continue;
            }

            activities++;
            connected += x.Outcome == ActivityOutcome.Connected ? 1 : 0;
            meetings += x.Type == ActivityType.Meeting ? 1 : 0;
        }

        _activityCount.Set(j, activities);
        _connectedCalls.Set(j, connected);
        _meetingsHeld.Set(j, meetings);
        _demoCompleted.Set(j, h.StageEntered.EnteredBefore(FunnelStage.DemoCompleted, anchor));

        var oppAtAnchor = h.HasOpportunity && h.OpportunityCreated.CompareTo(anchor) < 0;
        var openAtAnchor = oppAtAnchor && (h.Outcome == LeadOutcome.Open || h.ClosedAt.CompareTo(anchor) >= 0);
        _opportunityCreated.Set(j, oppAtAnchor);
        _hasOpenOpportunity.Set(j, openAtAnchor);
        _opportunityAcv.Set(j, openAtAnchor ? h.Acv : null);
        _expectedAcv.Set(j, openAtAnchor ? h.Acv : _typicalAcv[row.Plan.AccountSegment[row.Account]]);
    }
}
