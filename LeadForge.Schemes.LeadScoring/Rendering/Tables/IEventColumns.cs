using LeadForge.Schemes.LeadScoring.Simulation;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The table-specific part of an event table (see <see cref="EventTable{TEvent, TColumns}"/>): its
/// name and key, and the columns after the event id and the lead (the event's time among them),
/// declared in <see cref="Declare"/> and written per event in <see cref="Fill"/>.
/// </summary>
/// <typeparam name="TEvent">The kind of history event a row is.</typeparam>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface IEventColumns<TEvent, TSelf>
    where TEvent : struct, ITimedEvent
    where TSelf : struct, IEventColumns<TEvent, TSelf>
{
    /// <summary>The table name.</summary>
    static abstract string Table { get; }

    /// <summary>What one row is.</summary>
    static abstract string Description { get; }

    /// <summary>The primary-key column.</summary>
    static abstract string IdColumn { get; }

    /// <summary>The primary key's description.</summary>
    static abstract string IdDescription { get; }

    /// <summary>The entity-id prefix of the key.</summary>
    static abstract string IdPrefix { get; }

    /// <summary>The kind of events the table reads.</summary>
    static abstract EventKinds Kind { get; }

    /// <summary>A lead's events of this kind.</summary>
    static abstract EventList<TEvent> Events(LeadHistory h);

    /// <summary>Declares the columns after the event id and the lead, in order.</summary>
    static abstract TSelf Declare(EventTable<TEvent, TSelf> table, TableRenderer renderer);

    /// <summary>Writes the event's own columns at <paramref name="row"/>.</summary>
    void Fill(int row, int l, in TEvent e, DateTime at);
}
