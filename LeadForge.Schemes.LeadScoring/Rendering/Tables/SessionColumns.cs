using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>sessions</c> table's own columns: time, type, page views, pricing and demo page views, duration.</summary>
internal readonly struct SessionColumns : IEventColumns<SessionEvent, SessionColumns>
{
    private readonly ValueSlot<DateTime> _at;
    private readonly CodeSlot _type;
    private readonly ValueSlot<int> _pageViews;
    private readonly ValueSlot<int> _pricingViews;
    private readonly ValueSlot<int> _demoViews;
    private readonly ValueSlot<int> _duration;

    private SessionColumns(EventTable<SessionEvent, SessionColumns> table)
    {
        _at = table.DeclareValue<DateTime>("session_timestamp", "When.");
        _type = table.DeclareCode("session_type", "Type.", Categories.OfEnum<SessionType>());
        _pageViews = table.DeclareValue<int>("page_views", "Pages viewed.");
        _pricingViews = table.DeclareValue<int>("pricing_page_views", "Pricing pages viewed.");
        _demoViews = table.DeclareValue<int>("demo_page_views", "Demo pages viewed.");
        _duration = table.DeclareValue<int>("session_duration_seconds", "Duration.");
    }

    public static string Table => "sessions";

    public static string Description => "One row per web session.";

    public static string IdColumn => "session_id";

    public static string IdDescription => "Session id.";

    public static string IdPrefix => EntityPrefixes.Session;

    public static EventKinds Kind => EventKinds.Sessions;

    public static EventList<SessionEvent> Events(LeadHistory h) => h.Sessions;

    public static SessionColumns Declare(EventTable<SessionEvent, SessionColumns> table, TableRenderer renderer) => new(table);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill(int row, int l, in SessionEvent e, DateTime at)
    {
        _at[row] = at;
        _type.Set(row, (int)e.Type);
        _pageViews[row] = e.PageViews;
        _pricingViews[row] = e.PricingViews;
        _demoViews[row] = e.DemoViews;
        _duration[row] = e.DurationSeconds;
    }
}
