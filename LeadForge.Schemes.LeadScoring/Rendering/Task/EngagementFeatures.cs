using System.Runtime.CompilerServices;
using LeadForge.Features;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Touches and web sessions before the anchor, each counted in one pass over the lead's events.</summary>
internal sealed class EngagementFeatures : TaskFeatureGroup
{
    private readonly ValueSlot<int> _touchCount, _inboundTouchCount, _outboundTouchCount, _touchesDays0To7, _touchesLast7Days;
    private readonly ValueSlot<int> _sessionCount, _sessionsLast7Days, _pricingPageViews, _demoPageViews, _sessionDuration;
    private readonly ValueSlot<double> _daysSinceFirstTouch, _daysSinceLastTouch;
    private readonly Moment _weekStart;

    public EngagementFeatures(TaskTable t, TaskShape shape)
    {
        var touches = TaskTable.AsOfAnchor("engagement", "touches");
        var sessions = TaskTable.AsOfAnchor("engagement", "sessions");
        var lastWeek = "[anchor − 7d, anchor)";
        var count = Distortion.NonNegative;
        _touchCount = t.DeclareDistortedInt("touch_count", "Touches before the anchor.", touches, count);
        _inboundTouchCount = t.DeclareDistortedInt("inbound_touch_count", "Inbound touches before the anchor.", touches, count);
        _outboundTouchCount = t.DeclareDistortedInt("outbound_touch_count", "Outbound touches before the anchor.", touches, count);
        _touchesDays0To7 = t.DeclareDistortedInt("touches_days_0_7", "Touches in the first 7 days.", touches with { Window = "[created, created + 7d)" }, count);
        _touchesLast7Days = t.DeclareDistortedInt("touches_last_7_days", "Touches in the 7 days before the anchor.", touches with { Window = lastWeek }, count);
        _sessionCount = t.DeclareDistortedInt("session_count", "Web sessions before the anchor.", sessions, count);
        _sessionsLast7Days = t.DeclareDistortedInt("sessions_last_7_days", "Sessions in the 7 days before the anchor.", sessions with { Window = lastWeek }, count);
        _pricingPageViews = t.DeclareDistortedInt("pricing_page_views", "Pricing page views before the anchor.", sessions, count);
        _demoPageViews = t.DeclareDistortedInt("demo_page_views", "Demo page views before the anchor.", sessions, count);
        _sessionDuration = t.DeclareDistortedInt("total_session_duration_seconds", "Session time before the anchor.", sessions, count);
        _daysSinceFirstTouch = t.DeclareDistortedDouble(
            "days_since_first_touch",
            "Days from the first follow-up touch (after the originating touch at creation) to the anchor; null if none.",
            touches,
            shape.DaysBeforeAnchor);
        _daysSinceLastTouch = t.DeclareDistortedDouble("days_since_last_touch", "Days from the last touch before the anchor to the anchor.", touches, shape.DaysBeforeAnchor);
        _weekStart = new Moment(Math.Max(0, shape.SnapshotDay - 7), 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        var h = row.History;
        var anchor = row.Anchor;
        var weekStart = _weekStart;
        int touches = 0, inbound = 0, first7 = 0, last7 = 0;
        Moment? firstTouch = null, lastTouch = null;
        for (var k = 0; k < h.Touches.Count; k++)
        {
            var x = h.Touches[k];
            if (x.At.CompareTo(anchor) >= 0)
            {
                continue;
            }

            touches++;
            inbound += x.Inbound ? 1 : 0;
            first7 += x.At.Day < 7 ? 1 : 0;
            last7 += x.At.CompareTo(weekStart) >= 0 ? 1 : 0;

            // Touch 0 is the originating touch at the lead's creation: counting it would make the
            // first-touch age the constant snapshot_day. The feature measures the first follow-up.
            if (k > 0)
            {
                firstTouch ??= x.At;
            }

            lastTouch = x.At;
        }

        _touchCount.Set(j, touches);
        _inboundTouchCount.Set(j, inbound);
        _outboundTouchCount.Set(j, touches - inbound);
        _touchesDays0To7.Set(j, first7);
        _touchesLast7Days.Set(j, last7);

        int sessions = 0, sessions7 = 0, pricing = 0, demo = 0, duration = 0;
        for (var k = 0; k < h.Sessions.Count; k++)
        {
            var x = h.Sessions[k];
            if (x.At.CompareTo(anchor) >= 0)
            {
                continue;
            }

            sessions++;
            sessions7 += x.At.CompareTo(weekStart) >= 0 ? 1 : 0;
            pricing += x.PricingViews;
            demo += x.DemoViews;
            duration += x.DurationSeconds;
        }

        _sessionCount.Set(j, sessions);
        _sessionsLast7Days.Set(j, sessions7);
        _pricingPageViews.Set(j, pricing);
        _demoPageViews.Set(j, demo);
        _sessionDuration.Set(j, duration);
        _daysSinceFirstTouch.Set(j, firstTouch is { } ft ? (anchor.TotalSeconds - ft.TotalSeconds) / 86_400.0 : null);
        _daysSinceLastTouch.Set(j, lastTouch is { } lt ? (anchor.TotalSeconds - lt.TotalSeconds) / 86_400.0 : null);
    }
}
