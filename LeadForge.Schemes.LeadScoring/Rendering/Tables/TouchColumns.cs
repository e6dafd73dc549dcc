using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>touches</c> table's own columns: time, type, channel (inbound touches carry inbound_marketing), direction.</summary>
internal readonly struct TouchColumns : IEventColumns<TouchEvent, TouchColumns>
{
    private readonly ValueSlot<DateTime> _at;
    private readonly CodeSlot _type;
    private readonly CodeSlot _channel;
    private readonly CodeSlot _direction;
    private readonly int _inbound;

    private TouchColumns(EventTable<TouchEvent, TouchColumns> table, LeadScoringSettings settings)
    {
        var names = settings.Narrative.Channels.Select(c => c.Name).ToList();
        _inbound = names.IndexOf("inbound_marketing");
        if (_inbound < 0)
        {
            _inbound = names.Count;
            names.Add("inbound_marketing");
        }

        _at = table.DeclareValue<DateTime>("touch_timestamp", "When.");
        _type = table.DeclareCode("touch_type", "Type.", Categories.OfEnum<TouchType>());
        _channel = table.DeclareCode("touch_channel", "Channel.", Categories.Of(names));
        _direction = table.DeclareCode("touch_direction", "inbound or outbound.", Categories.OfEnum<TouchDirection>());
    }

    public static string Table => "touches";

    public static string Description => "One row per marketing or SDR touch.";

    public static string IdColumn => "touch_id";

    public static string IdDescription => "Touch id.";

    public static string IdPrefix => EntityPrefixes.Touch;

    public static EventKinds Kind => EventKinds.Touches;

    public static EventList<TouchEvent> Events(LeadHistory h) => h.Touches;

    public static TouchColumns Declare(EventTable<TouchEvent, TouchColumns> table, TableRenderer renderer) => new(table, renderer.Settings);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill(int row, int l, in TouchEvent e, DateTime at)
    {
        _at[row] = at;
        _type.Set(row, (int)e.Type);
        _channel.Set(row, _channel.Categories.CodeOf[e.Channel == 255 ? _inbound : e.Channel]);
        _direction.Set(row, (int)e.Direction);
    }
}
