using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>reps</c> table: one row per sales rep, with the segment it covers.</summary>
internal sealed class RepsTable : TableDefinition
{
    private readonly PopulationPlan _plan;

    public RepsTable(LeadScoringSettings settings, PopulationPlan plan)
        : base("reps", "One row per sales rep.")
    {
        _plan = plan;
        RepId = Key("rep_id", "Rep id.", EntityPrefixes.Rep, plan.RepCount);
        Segment = Code("segment", "The segment the rep covers.", Categories.Of(settings.Accounts.Segments, s => s.Name));
    }

    public IdSlot RepId { get; }

    public CodeSlot Segment { get; }

    /// <summary>
    /// Renders the reps. Reps are shared by all accounts: only the shard holding the first account
    /// writes them, so the union of shards has each rep once.
    /// </summary>
    public Table Render((int Start, int End) accounts)
    {
        var n = accounts.Start == 0 && accounts.End > 0 ? _plan.RepCount : 0;
        Allocate(n);
        for (var r = 0; r < n; r++)
        {
            RepId.Set(r, r + 1);
            Segment.Set(r, Segment.Categories.CodeOf[_plan.RepSegment[r]]);
        }

        return Build();
    }
}
