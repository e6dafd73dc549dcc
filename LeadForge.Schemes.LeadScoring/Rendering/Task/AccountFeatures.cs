using System.Runtime.CompilerServices;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The account's firmographics (static).</summary>
internal sealed class AccountFeatures : TaskFeatureGroup
{
    private readonly CodeSlot _industry, _region, _employeeBand, _segment, _revenueBand, _maturityBand;

    public AccountFeatures(TaskTable t, TaskShape shape)
    {
        var s = shape.Settings;
        var about = TaskTable.Static("account", "accounts");
        _industry = t.DeclareCode("industry", "Industry.", about, Categories.Of(s.Narrative.Market.IcpIndustries));
        _region = t.DeclareCode("region", "Region.", about, Categories.Of(s.Narrative.Market.Geographies));
        _employeeBand = t.DeclareCode("employee_band", "Employee band.", about, Categories.Of(s.Accounts.EmployeeBands, b => b.Name));
        _segment = t.DeclareCode("segment", "Segment.", about, Categories.Of(s.Accounts.Segments, x => x.Name));
        _revenueBand = t.DeclareCode("estimated_revenue_band", "Revenue band.", about, Categories.Of(s.Accounts.RevenueBands));
        _maturityBand = t.DeclareCode("process_maturity_band", "Process maturity band.", about, Categories.Of(s.Accounts.MaturityBands));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        var a = row.Account;
        var plan = row.Plan;
        _industry.Set(j, _industry.Categories.CodeOf[plan.AccountIndustry[a]]);
        _region.Set(j, _region.Categories.CodeOf[plan.AccountRegion[a]]);
        _employeeBand.Set(j, _employeeBand.Categories.CodeOf[plan.AccountBand[a]]);
        _segment.Set(j, _segment.Categories.CodeOf[plan.AccountSegment[a]]);
        _revenueBand.Set(j, _revenueBand.Categories.CodeOf[row.World.AccountRevenueBand[a]]);
        _maturityBand.Set(j, _maturityBand.Categories.CodeOf[row.World.AccountMaturityBand[a]]);
    }
}
