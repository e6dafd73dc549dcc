using LeadForge.Tables;
using LeadForge.Calendar;

namespace LeadForge.Tests.TestSupport;

/// <summary>The tiny world's <c>leads</c> table: one row per lead, with its account, channel, noisy score and label.</summary>
internal sealed class TinyLeadsTable : TableDefinition
{
    public TinyLeadsTable(TinySettings settings, TinyPlan plan)
        : base("leads", "One row per lead.")
    {
        LeadId = Key("lead_id", "Lead id.", TinyScheme.Leads.IdPrefix, plan.AccountOfLead.Length);
        AccountId = Id("account_id", "Owning account.", TinyScheme.Accounts.IdPrefix, plan.AccountCount, references: "accounts");
        Channel = Code("channel", "Channel.", Categories.Of(settings.Channels));
        CreatedAt = Value<DateTime>("created_at", "Creation time.");
        Score = Value<double>("score", "A noisy score.", nullable: true);
        Converted = Value<bool>("converted", "Label.");
    }

    public IdSlot LeadId { get; }

    public IdSlot AccountId { get; }

    public CodeSlot Channel { get; }

    public ValueSlot<DateTime> CreatedAt { get; }

    public ValueSlot<double> Score { get; }

    public ValueSlot<bool> Converted { get; }

    /// <summary>Renders the leads of the accounts [start, end), in lead order.</summary>
    public Table Render(int start, int end, TinyPlan plan, TinySimulation sim, WorldCalendar calendar)
    {
        var leads = Enumerable.Range(0, plan.AccountOfLead.Length).Where(i => plan.AccountOfLead[i] >= start && plan.AccountOfLead[i] < end).ToArray();
        Allocate(leads.Length);
        for (var r = 0; r < leads.Length; r++)
        {
            var i = leads[r];
            LeadId.Set(r, i + 1);
            AccountId.Set(r, plan.AccountOfLead[i] + 1);
            Channel.Set(r, Channel.Categories.CodeOf[sim.Channel[i]]);
            CreatedAt.Set(r, calendar.At(sim.Day[i], 3600 * 9));
            Score.Set(r, sim.Score[i]);
            Converted.Set(r, sim.Converted[i]);
        }

        return Build();
    }
}
