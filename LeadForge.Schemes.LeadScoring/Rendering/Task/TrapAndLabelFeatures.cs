using System.Runtime.CompilerServices;
using LeadForge.Features;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The documented leakage trap (full-horizon touches) and the label.</summary>
internal sealed class TrapAndLabelFeatures : TaskFeatureGroup
{
    private readonly ValueSlot<int> _trap;
    private readonly ValueSlot<bool> _label;

    public TrapAndLabelFeatures(TaskTable t)
    {
        _trap = t.DeclareValue<int>(
            TaskRenderer.Trap,
            "Touches over the FULL horizon, after the anchor too — a documented leakage trap.",
            new FeatureMetadata("engagement", "touches", "[created, created + horizon) — crosses the anchor", LeakageRisk: true));
        _label = t.DeclareValue<bool>(
            TaskRenderer.Label,
            "Label: closed_won within the label window.",
            new FeatureMetadata("target", "opportunities", "[created, created + label window]", IsTarget: true));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        _trap.Set(j, row.History.Touches.Count);
        _label.Set(j, row.Label);
    }
}
