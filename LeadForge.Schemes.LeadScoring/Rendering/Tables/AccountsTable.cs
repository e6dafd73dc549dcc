using System.Globalization;
using LeadForge.Calendar;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>accounts</c> table: one row per company of the shard's account range.</summary>
internal sealed class AccountsTable : TableDefinition
{
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly WorldCalendar _calendar;

    public AccountsTable(LeadScoringSettings settings, PopulationPlan plan, HiddenWorld world, WorldCalendar calendar)
        : base("accounts", "One row per company in the market.")
    {
        _plan = plan;
        _world = world;
        _calendar = calendar;
        var s = settings;
        AccountId = Key("account_id", "Account id.", EntityPrefixes.Account, plan.AccountCount);
        CompanyName = Text("company_name", "Company name (synthetic placeholder).");
        Industry = Code("industry", "Industry.", Categories.Of(s.Narrative.Market.IcpIndustries));
        Region = Code("region", "Country / region.", Categories.Of(s.Narrative.Market.Geographies));
        EmployeeBand = Code("employee_band", "Employee band.", Categories.Of(s.Accounts.EmployeeBands, b => b.Name));
        Segment = Code("segment", "Market segment (smb, mid_market, enterprise).", Categories.Of(s.Accounts.Segments, x => x.Name));
        RevenueBand = Code("estimated_revenue_band", "Estimated revenue band (a noisy measurement).", Categories.Of(s.Accounts.RevenueBands));
        MaturityBand = Code("process_maturity_band", "Procurement process maturity (a noisy measurement).", Categories.Of(s.Accounts.MaturityBands));
        CreatedAt = Value<DateTime>("created_at", "When the account entered the CRM.");
    }

    public IdSlot AccountId { get; }

    public TextSlot CompanyName { get; }

    public CodeSlot Industry { get; }

    public CodeSlot Region { get; }

    public CodeSlot EmployeeBand { get; }

    public CodeSlot Segment { get; }

    public CodeSlot RevenueBand { get; }

    public CodeSlot MaturityBand { get; }

    public ValueSlot<DateTime> CreatedAt { get; }

    /// <summary>Renders accounts [Start, End) in parallel chunks.</summary>
    public Table Render((int Start, int End) accounts, Action<int, Action<int>> parallelFor)
    {
        var start = accounts.Start;
        Allocate(accounts.End - start);
        Chunks.Run(parallelFor, RowCount, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var a = start + i;
                AccountId.Set(i, a + 1);
                CompanyName.Set(i, string.Create(CultureInfo.InvariantCulture, $"Company {a + 1:D6}"));
                Industry.Set(i, Industry.Categories.CodeOf[_plan.AccountIndustry[a]]);
                Region.Set(i, Region.Categories.CodeOf[_plan.AccountRegion[a]]);
                EmployeeBand.Set(i, EmployeeBand.Categories.CodeOf[_plan.AccountBand[a]]);
                Segment.Set(i, Segment.Categories.CodeOf[_plan.AccountSegment[a]]);
                RevenueBand.Set(i, RevenueBand.Categories.CodeOf[_world.AccountRevenueBand[a]]);
                MaturityBand.Set(i, MaturityBand.Categories.CodeOf[_world.AccountMaturityBand[a]]);
                CreatedAt[i] = _calendar.At(_plan.AccountCreatedDay[a], 9 * 3600);
            }
        });
        return Build(parallelFor);
    }
}
