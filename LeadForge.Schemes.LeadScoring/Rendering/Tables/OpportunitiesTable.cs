using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The <c>opportunities</c> table: one row per lead that reached sql (before the anchor when
/// snapshot-safe), with its stage then; its close is instructor-only, so a public rendering
/// (<see cref="ColumnScope.Public"/>) leaves it out.
/// </summary>
internal sealed class OpportunitiesTable : TableDefinition, ILeadTable
{
    private readonly TableRenderer _renderer;
    private readonly long _cut;
    private readonly Moment _stageAt;

    public OpportunitiesTable(TableRenderer renderer, bool snapshotSafe)
        : base("opportunities", "One row per opportunity.", snapshotSafe ? ColumnScope.Public : ColumnScope.All)
    {
        _renderer = renderer;
        _cut = renderer.Cut(snapshotSafe);
        _stageAt = snapshotSafe ? renderer.Anchor : new Moment(int.MaxValue / 100_000, 0);
        var label = Exposure.InstructorOnly(ExposureReasons.Label);
        OpportunityId = Key("opportunity_id", "Opportunity id.", EntityPrefixes.Opportunity, renderer.OpportunityMax);
        LeadId = Id("lead_id", "The lead.", EntityPrefixes.Lead, renderer.LeadMax, references: "leads");
        AccountId = Id("account_id", "The account.", EntityPrefixes.Account, renderer.AccountMax, references: "accounts");
        CreatedAt = Value<DateTime>("created_at", "When the opportunity opened (sql).");
        Stage = Code("stage", "Stage (end of horizon; as of the snapshot in public bundles).", Categories.OfEnum<FunnelStage>());
        EstimatedAcv = Value<double>("estimated_acv", "Estimated annual contract value, USD.");
        CloseOutcome = Code(
            "close_outcome",
            "closed_won / closed_lost, null while open.",
            Categories.Of([FunnelStage.ClosedWon.ToWire(), FunnelStage.ClosedLost.ToWire()]),
            nullable: true,
            exposure: label);
        ClosedAt = Value<DateTime>("closed_at", "When it closed.", nullable: true, exposure: label);
    }

    public IdSlot OpportunityId { get; }

    public IdSlot LeadId { get; }

    public IdSlot AccountId { get; }

    public ValueSlot<DateTime> CreatedAt { get; }

    public CodeSlot Stage { get; }

    public ValueSlot<double> EstimatedAcv { get; }

    public CodeSlot CloseOutcome { get; }

    public ValueSlot<DateTime> ClosedAt { get; }

    public EventKinds Reads => EventKinds.None;

    public int Count(in LeadEntity entity) => entity.History.HasOpportunity && entity.History.OpportunityCreated.TotalSeconds < _cut ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var h = entity.History;
        OpportunityId.Set(row, TableRenderer.OpportunityNumber(l));
        LeadId.Set(row, l + 1);
        AccountId.Set(row, _renderer.Plan.LeadAccount[l] + 1);
        CreatedAt[row] = h.OpportunityCreated.ToTimestamp(entity.Created);
        Stage.Set(row, (int)h.StageAt(_stageAt));
        EstimatedAcv[row] = h.Acv;
        if (Scope == ColumnScope.All)
        {
            CloseOutcome.Set(row, h.Outcome switch { LeadOutcome.Won => 0, LeadOutcome.Lost => 1, _ => -1 });
            if (h.Outcome == LeadOutcome.Open)
            {
                ClosedAt.SetNull(row);
            }
            else
            {
                ClosedAt.Set(row, h.ClosedAt.ToTimestamp(entity.Created));
            }
        }
    }
}
