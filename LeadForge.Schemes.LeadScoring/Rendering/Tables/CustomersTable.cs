using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>customers</c> table (instructor-only): one row per won lead.</summary>
internal sealed class CustomersTable : TableDefinition, ILeadTable
{
    private readonly TableRenderer _renderer;

    public CustomersTable(TableRenderer renderer)
        : base("customers", "One row per won opportunity.")
    {
        _renderer = renderer;
        Expose(Exposure.InstructorOnly(ExposureReasons.PostConversion));
        CustomerId = Key("customer_id", "Customer id.", EntityPrefixes.Customer, renderer.OpportunityMax);
        OpportunityId = Id("opportunity_id", "The won opportunity.", EntityPrefixes.Opportunity, renderer.OpportunityMax, references: "opportunities");
        AccountId = Id("account_id", "The account.", EntityPrefixes.Account, renderer.AccountMax, references: "accounts");
        StartAt = Value<DateTime>("customer_start_at", "Start.");
    }

    public IdSlot CustomerId { get; }

    public IdSlot OpportunityId { get; }

    public IdSlot AccountId { get; }

    public ValueSlot<DateTime> StartAt { get; }

    public EventKinds Reads => EventKinds.None;

    public int Count(in LeadEntity entity) => entity.History.Outcome == LeadOutcome.Won ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        CustomerId.Set(row, TableRenderer.OpportunityNumber(l));
        OpportunityId.Set(row, TableRenderer.OpportunityNumber(l));
        AccountId.Set(row, _renderer.Plan.LeadAccount[l] + 1);
        StartAt[row] = entity.History.ClosedAt.ToTimestamp(entity.Created);
    }
}
