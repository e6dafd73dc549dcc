using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The <c>subscriptions</c> table (instructor-only): one subscription per won lead; the plan is the
/// first tier whose ceiling is above the ACV, else the last tier, else "standard".
/// </summary>
internal sealed class SubscriptionsTable : TableDefinition, ILeadTable
{
    private readonly IReadOnlyList<PlanTierSettings> _tiers;

    public SubscriptionsTable(TableRenderer renderer)
        : base("subscriptions", "One row per subscription.")
    {
        _tiers = renderer.Settings.Narrative.Product.Plans;
        Expose(Exposure.InstructorOnly(ExposureReasons.PostConversion));
        SubscriptionId = Key("subscription_id", "Subscription id.", EntityPrefixes.Subscription, renderer.OpportunityMax);
        CustomerId = Id("customer_id", "The customer.", EntityPrefixes.Customer, renderer.OpportunityMax, references: "customers");
        PlanName = Code("plan_name", "Plan.", Categories.Of([.. _tiers.Select(p => p.Name), "standard"]));
        Acv = Value<double>("acv", "Annual contract value, USD.");
        TermMonths = Value<int>("contract_term_months", "Term.");
        StartAt = Value<DateTime>("subscription_start_at", "Start.");
        EndAt = Value<DateTime>("subscription_end_at", "End of the term.");
        Status = Code("subscription_status", "Status.", Categories.Of(["active"]));
    }

    public IdSlot SubscriptionId { get; }

    public IdSlot CustomerId { get; }

    public CodeSlot PlanName { get; }

    public ValueSlot<double> Acv { get; }

    public ValueSlot<int> TermMonths { get; }

    public ValueSlot<DateTime> StartAt { get; }

    public ValueSlot<DateTime> EndAt { get; }

    public CodeSlot Status { get; }

    public EventKinds Reads => EventKinds.None;

    public int Count(in LeadEntity entity) => entity.History.Outcome == LeadOutcome.Won ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var h = entity.History;
        var start = h.ClosedAt.ToTimestamp(entity.Created);
        var tier = 0;
        while (tier < _tiers.Count && !(h.Acv < _tiers[tier].MaxAcvUsd))
        {
            tier++;
        }

        SubscriptionId.Set(row, TableRenderer.OpportunityNumber(l));
        CustomerId.Set(row, TableRenderer.OpportunityNumber(l));
        PlanName.Set(row, PlanName.Categories.CodeOf[tier < _tiers.Count ? tier : _tiers.Count > 0 ? _tiers.Count - 1 : _tiers.Count]);
        Acv[row] = h.Acv;
        TermMonths[row] = h.ContractTermMonths;
        StartAt[row] = start;
        EndAt[row] = start.AddMonths(h.ContractTermMonths);
        Status.Set(row, 0);
    }
}
