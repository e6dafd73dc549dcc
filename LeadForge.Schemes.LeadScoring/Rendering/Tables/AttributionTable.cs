using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>attribution</c> table (instructor-only): one row per touch (of the first 999) before a won lead's close.</summary>
internal sealed class AttributionTable : TableDefinition, ILeadTable
{
    public AttributionTable(TableRenderer renderer)
        : base("attribution", "Multi-touch attribution: one row per (won opportunity, pre-conversion touch).")
    {
        Expose(Exposure.InstructorOnly(ExposureReasons.PostConversion));
        AttributionId = Key("attribution_id", "Row id.", EntityPrefixes.Attribution, renderer.EventMax);
        OpportunityId = Id("opportunity_id", "The won opportunity.", EntityPrefixes.Opportunity, renderer.OpportunityMax, references: "opportunities");
        TouchId = Id("touch_id", "The touch.", EntityPrefixes.Touch, renderer.EventMax, references: "touches");
        FirstTouch = Value<double>("first_touch_weight", "First-touch weight.");
        LastTouch = Value<double>("last_touch_weight", "Last-touch weight.");
        Linear = Value<double>("linear_weight", "Linear weight.");
        TimeDecay = Value<double>("time_decay_weight", "Time-decay weight (7-day half-life).");
    }

    public IdSlot AttributionId { get; }

    public IdSlot OpportunityId { get; }

    public IdSlot TouchId { get; }

    public ValueSlot<double> FirstTouch { get; }

    public ValueSlot<double> LastTouch { get; }

    public ValueSlot<double> Linear { get; }

    public ValueSlot<double> TimeDecay { get; }

    public EventKinds Reads => EventKinds.Touches;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(in LeadEntity entity)
    {
        var h = entity.History;
        if (h.Outcome != LeadOutcome.Won)
        {
            return 0;
        }

        var rows = 0;
        for (var k = 0; k < h.Touches.Count && k < 999; k++)
        {
            rows += h.Touches[k].At.CompareTo(h.ClosedAt) < 0 ? 1 : 0;
        }

        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var h = entity.History;
        var start = row;
        var i = 0;
        for (var k = 0; k < h.Touches.Count && k < 999; k++)
        {
            var at = h.Touches[k].At;
            if (at.CompareTo(h.ClosedAt) >= 0)
            {
                continue;
            }

            AttributionId.Set(row, TableRenderer.EventNumber(l, i));
            OpportunityId.Set(row, TableRenderer.OpportunityNumber(l));
            TouchId.Set(row, TableRenderer.EventNumber(l, k));
            TimeDecay[row] = Math.Pow(0.5, (h.ClosedAt.TotalSeconds - at.TotalSeconds) / (7 * 86_400.0));
            row++;
            i++;
        }

        var decaySum = 0.0;
        for (var r = start; r < row; r++)
        {
            decaySum += TimeDecay[r];
        }

        for (var r = start; r < row; r++)
        {
            FirstTouch[r] = r == start ? 1 : 0;
            LastTouch[r] = r == row - 1 ? 1 : 0;
            Linear[r] = 1.0 / i;
            TimeDecay[r] /= decaySum;
        }
    }
}
