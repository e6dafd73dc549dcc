using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The <c>leads</c> table: one row per rendered lead. Its end-of-horizon funnel state and its label
/// are instructor-only, so a public rendering (<see cref="ColumnScope.Public"/>) leaves them out.
/// </summary>
internal sealed class LeadsTable : TableDefinition, ILeadTable
{
    private static readonly Moment End = new(int.MaxValue / 100_000, 0);
    private readonly TableRenderer _renderer;

    public LeadsTable(TableRenderer renderer, bool snapshotSafe)
        : base("leads", "One row per lead (a contact entering the funnel).", snapshotSafe ? ColumnScope.Public : ColumnScope.All)
    {
        _renderer = renderer;
        var endOfHorizon = Exposure.InstructorOnly(ExposureReasons.EndOfHorizon);
        var label = Exposure.InstructorOnly(ExposureReasons.Label);
        LeadId = Key("lead_id", "Lead id.", EntityPrefixes.Lead, renderer.LeadMax);
        ContactId = Id("contact_id", "The lead's contact.", EntityPrefixes.Contact, renderer.ContactMax, references: "contacts");
        AccountId = Id("account_id", "The lead's account.", EntityPrefixes.Account, renderer.AccountMax, references: "accounts");
        CreatedAt = Value<DateTime>("lead_created_at", "Creation time.");
        LeadSource = Code("lead_source", "Originating channel.", Categories.Of(renderer.Settings.Narrative.Channels, c => c.Name));
        _ = CopyOf("first_touch_channel", "Channel of the first touch.", LeadSource);
        OwnerRepId = Id("owner_rep_id", "Owning rep.", EntityPrefixes.Rep, renderer.RepMax, references: "reps", referencedColumn: "rep_id");
        CurrentStage = Code("current_stage", "Funnel stage at the end of the horizon.", Categories.OfEnum<FunnelStage>(), exposure: endOfHorizon);
        IsSql = Value<bool>("is_sql", "Reached sql within the horizon.", exposure: endOfHorizon);
        Converted = Value<bool>("converted_within_90_days", "Label: closed_won within the label window.", exposure: label);
        ConversionAt = Value<DateTime>("conversion_timestamp", "When the lead was won.", nullable: true, exposure: label);
        OrderReferences(AccountId, ContactId, OwnerRepId);
    }

    public IdSlot LeadId { get; }

    public IdSlot ContactId { get; }

    public IdSlot AccountId { get; }

    public ValueSlot<DateTime> CreatedAt { get; }

    public CodeSlot LeadSource { get; }

    public IdSlot OwnerRepId { get; }

    public CodeSlot CurrentStage { get; }

    public ValueSlot<bool> IsSql { get; }

    public ValueSlot<bool> Converted { get; }

    public ValueSlot<DateTime> ConversionAt { get; }

    public EventKinds Reads => EventKinds.None;

    public int Count(in LeadEntity entity) => 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var h = entity.History;
        var plan = _renderer.Plan;
        LeadId.Set(row, l + 1);
        ContactId.Set(row, plan.LeadContact[l] + 1);
        AccountId.Set(row, plan.LeadAccount[l] + 1);
        CreatedAt[row] = entity.Created;
        LeadSource.Set(row, LeadSource.Categories.CodeOf[plan.LeadChannel[l]]);
        OwnerRepId.Set(row, plan.LeadRep[l] + 1);
        if (Scope == ColumnScope.All)
        {
            CurrentStage.Set(row, CurrentStage.Categories.CodeOf[(int)h.StageAt(End)]);
            IsSql[row] = h.MaxStage >= FunnelModel.OpportunityStage;
            Converted[row] = _renderer.IsConverted(h);
            if (h.Outcome == LeadOutcome.Won)
            {
                ConversionAt.Set(row, h.ClosedAt.ToTimestamp(entity.Created));
            }
            else
            {
                ConversionAt.SetNull(row);
            }
        }
    }
}
