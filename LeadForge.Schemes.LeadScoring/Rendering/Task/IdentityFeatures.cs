using System.Runtime.CompilerServices;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The row's ids and times: row, lead, account (the split group), contact, creation and anchor.</summary>
internal sealed class IdentityFeatures : TaskFeatureGroup
{
    private readonly IdSlot _rowId, _leadId, _accountId, _contactId;
    private readonly ValueSlot<DateTime> _createdAt, _snapshotAt;

    public IdentityFeatures(TaskTable t, TaskShape shape)
    {
        _rowId = t.DeclareKey("row_id", "Task row id.", TaskTable.Static("id", "leads"), EntityPrefixes.TaskRow, shape.LeadMax);
        _leadId = t.DeclareId("lead_id", "Lead id.", TaskTable.Static("id", "leads"), EntityPrefixes.Lead, shape.LeadMax);
        _accountId = t.DeclareId("account_id", "Account id (the split group).", TaskTable.Static("id", "accounts"), EntityPrefixes.Account, shape.AccountMax);
        _contactId = t.DeclareId("contact_id", "Contact id.", TaskTable.Static("id", "contacts"), EntityPrefixes.Contact, shape.ContactMax);
        _createdAt = t.DeclareValue<DateTime>("lead_created_at", "Lead creation time.", TaskTable.Static("time", "leads"));
        _snapshotAt = t.DeclareValue<DateTime>("snapshot_at", "The anchor: lead_created_at + snapshot_day days.", TaskTable.Static("time", "leads"));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        _rowId.Set(j, row.Lead + 1);
        _leadId.Set(j, row.Lead + 1);
        _accountId.Set(j, row.Account + 1);
        _contactId.Set(j, row.Contact + 1);
        _createdAt.Set(j, row.Created);
        _snapshotAt.Set(j, row.Anchor.ToTimestamp(row.Created));
    }
}
