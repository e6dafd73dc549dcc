using LeadForge.Tables;

namespace LeadForge.Tests.TestSupport;

/// <summary>The tiny world's export table <c>source_records</c>: its leads as a second source system typed them.</summary>
internal sealed class TinySourceRecordsTable : TableDefinition
{
    public TinySourceRecordsTable(int leadCount)
        : base("source_records", "The tiny leads as a second source system typed them: one record per lead, channel in the clerk's casing.")
    {
        RecordId = Key("record_id", "Source record id.", "rec", leadCount);
        LeadId = Id("lead_id", "The lead the record describes (the match label).", TinyScheme.Leads.IdPrefix, leadCount);
        ChannelText = Text("channel_text", "The channel as typed: lower, upper or title case.");
    }

    public IdSlot RecordId { get; }

    public IdSlot LeadId { get; }

    public TextSlot ChannelText { get; }
}
