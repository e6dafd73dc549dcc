using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>stage_history</c> table: a lead's stage entries in stage order (before the cut), then closed_lost for a lost lead.</summary>
internal sealed class StageHistoryTable : TableDefinition, ILeadTable
{
    private readonly long _cut;

    public StageHistoryTable(TableRenderer renderer, bool snapshotSafe)
        : base("stage_history", "One row per funnel stage a lead entered.")
    {
        _cut = renderer.Cut(snapshotSafe);
        StageEventId = Key("stage_event_id", "Stage event id.", EntityPrefixes.StageEvent, renderer.StageEventMax);
        LeadId = Id("lead_id", "The lead.", EntityPrefixes.Lead, renderer.LeadMax, references: "leads");
        Stage = Code("stage", "The stage entered.", Categories.OfEnum<FunnelStage>());
        EnteredAt = Value<DateTime>("entered_at", "When the stage was entered.");
    }

    public IdSlot StageEventId { get; }

    public IdSlot LeadId { get; }

    public CodeSlot Stage { get; }

    public ValueSlot<DateTime> EnteredAt { get; }

    public EventKinds Reads => EventKinds.None;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(in LeadEntity entity)
    {
        var h = entity.History;
        var rows = 0;
        for (var s = FunnelStage.Mql; s <= FunnelStage.ClosedWon; s++)
        {
            rows += h.StageEntered[s].Day >= 0 && h.StageEntered[s].TotalSeconds < _cut ? 1 : 0;
        }

        return rows + (h.Outcome == LeadOutcome.Lost && h.ClosedAt.TotalSeconds < _cut ? 1 : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var h = entity.History;
        for (var s = FunnelStage.Mql; s <= FunnelStage.ClosedLost; s++)
        {
            var at = s != FunnelStage.ClosedLost ? h.StageEntered[s] : h.ClosedAt;
            var entered = s != FunnelStage.ClosedLost ? at.Day >= 0 : h.Outcome == LeadOutcome.Lost;
            if (!entered || at.TotalSeconds >= _cut)
            {
                continue;
            }

            StageEventId.Set(row, ((l + 1) * 10L) + (int)s);
            LeadId.Set(row, l + 1);
            Stage.Set(row, (int)s);
            EnteredAt[row] = at.ToTimestamp(entity.Created);
            row++;
        }
    }
}
