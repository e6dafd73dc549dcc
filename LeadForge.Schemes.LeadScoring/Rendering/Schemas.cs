using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The relational schema of the lead-scoring world.</summary>
internal static class Schemas
{
    private static ColumnSchema S(string name, string description, bool nullable = false, bool dict = false) => new(name, ColumnType.String, nullable, description, dict);

    private static ColumnSchema T(string name, string description, bool nullable = false) => new(name, ColumnType.Timestamp, nullable, description);

    private static ColumnSchema I(string name, string description, bool nullable = false) => new(name, ColumnType.Int32, nullable, description);

    private static ColumnSchema D(string name, string description, bool nullable = false) => new(name, ColumnType.Double, nullable, description);

    private static ColumnSchema B(string name, string description, bool nullable = false) => new(name, ColumnType.Boolean, nullable, description);

    private static ForeignKey Fk(string column, string table) => new(column, table, column);

    // Exposure policy (issue 12 point 6): what a student_public bundle must not hold, and why.
    private const string LabelReason = "reveals the conversion label";

    private const string PostConversionReason = "exists only for won leads, so its presence reveals the label";

    public static readonly TableSchema Leads = new TableSchema("leads", "One row per lead (a contact entering the funnel).",
    [
        S("lead_id", "Lead id."), S("contact_id", "The lead's contact."), S("account_id", "The lead's account."), T("lead_created_at", "Creation time."),
        S("lead_source", "Originating channel.", dict: true), S("first_touch_channel", "Channel of the first touch.", dict: true), S("owner_rep_id", "Owning rep."),
        S("current_stage", "Funnel stage at the end of the horizon.", dict: true), B("is_sql", "Reached sql within the horizon."),
        B("converted_within_90_days", "Label: closed_won within the label window."), T("conversion_timestamp", "When the lead was won.", true),
    ], "lead_id", [Fk("account_id", "accounts"), Fk("contact_id", "contacts"), new ForeignKey("owner_rep_id", "reps", "rep_id")])
        .WithColumnExposure("converted_within_90_days", Exposure.InstructorOnly(LabelReason))
        .WithColumnExposure("conversion_timestamp", Exposure.InstructorOnly(LabelReason));

    public static readonly TableSchema StageHistory = new("stage_history", "One row per funnel stage a lead entered.",
    [
        S("stage_event_id", "Stage event id."), S("lead_id", "The lead."), S("stage", "The stage entered.", dict: true), T("entered_at", "When the stage was entered."),
    ], "stage_event_id", [Fk("lead_id", "leads")]);

    public static readonly TableSchema Opportunities = new TableSchema("opportunities", "One row per opportunity.",
    [
        S("opportunity_id", "Opportunity id."), S("lead_id", "The lead."), S("account_id", "The account."), T("created_at", "When the opportunity opened (sql)."),
        S("stage", "Stage (end of horizon; as of the snapshot in public bundles).", dict: true), D("estimated_acv", "Estimated annual contract value, USD."),
        S("close_outcome", "closed_won / closed_lost, null while open.", true, true), T("closed_at", "When it closed.", true),
    ], "opportunity_id", [Fk("lead_id", "leads"), Fk("account_id", "accounts")])
        .WithColumnExposure("close_outcome", Exposure.InstructorOnly(LabelReason))
        .WithColumnExposure("closed_at", Exposure.InstructorOnly(LabelReason));

    public static readonly TableSchema Customers = new TableSchema("customers", "One row per won opportunity.",
    [
        S("customer_id", "Customer id."), S("opportunity_id", "The won opportunity."), S("account_id", "The account."), T("customer_start_at", "Start."),
    ], "customer_id", [Fk("opportunity_id", "opportunities"), Fk("account_id", "accounts")])
        .WithExposure(Exposure.InstructorOnly(PostConversionReason));

    public static readonly TableSchema Subscriptions = new TableSchema("subscriptions", "One row per subscription.",
    [
        S("subscription_id", "Subscription id."), S("customer_id", "The customer."), S("plan_name", "Plan.", dict: true), D("acv", "Annual contract value, USD."),
        I("contract_term_months", "Term."), T("subscription_start_at", "Start."), T("subscription_end_at", "End of the term."), S("subscription_status", "Status.", dict: true),
    ], "subscription_id", [Fk("customer_id", "customers")])
        .WithExposure(Exposure.InstructorOnly(PostConversionReason));

    public static readonly TableSchema Attribution = new TableSchema("attribution", "Multi-touch attribution: one row per (won opportunity, pre-conversion touch).",
    [
        S("attribution_id", "Row id."), S("opportunity_id", "The won opportunity."), S("touch_id", "The touch."),
        D("first_touch_weight", "First-touch weight."), D("last_touch_weight", "Last-touch weight."), D("linear_weight", "Linear weight."), D("time_decay_weight", "Time-decay weight (7-day half-life)."),
    ], "attribution_id", [Fk("opportunity_id", "opportunities"), Fk("touch_id", "touches")])
        .WithExposure(Exposure.InstructorOnly(PostConversionReason));
}
