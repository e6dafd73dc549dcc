using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// An event table: one row per event of one kind (the first 999 of a lead, before the cut), keyed by
/// the event's id and referencing its lead; <typeparamref name="TColumns"/> declares and writes the
/// kind's own columns. The columns are a struct type argument, so their per-row calls are
/// specialised and inlined, not dispatched through delegates or interfaces.
/// </summary>
/// <typeparam name="TEvent">The kind of history event a row is.</typeparam>
/// <typeparam name="TColumns">The table's own columns.</typeparam>
internal sealed class EventTable<TEvent, TColumns> : TableDefinition, ILeadTable
    where TEvent : struct, ITimedEvent
    where TColumns : struct, IEventColumns<TEvent, TColumns>
{
    private readonly long _cut;
    private readonly IdSlot _eventId;
    private readonly IdSlot _leadId;
    private readonly TColumns _columns;

    /// <summary>Declares the table.</summary>
    /// <param name="renderer">The rendering (id ranges, settings, plan).</param>
    /// <param name="snapshotSafe">Whether events at or after the anchor are cut.</param>
    public EventTable(TableRenderer renderer, bool snapshotSafe)
        : base(TColumns.Table, TColumns.Description)
    {
        _cut = renderer.Cut(snapshotSafe);
        _eventId = Key(TColumns.IdColumn, TColumns.IdDescription, TColumns.IdPrefix, renderer.EventMax);
        _leadId = Id("lead_id", "The lead.", EntityPrefixes.Lead, renderer.LeadMax, references: "leads");
        _columns = TColumns.Declare(this, renderer);
    }

    /// <inheritdoc />
    public EventKinds Reads => TColumns.Kind;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(in LeadEntity entity)
    {
        var events = TColumns.Events(entity.History);
        var rows = 0;
        for (var k = 0; k < events.Count && k < 999; k++)
        {
            rows += events[k].AtSeconds < _cut ? 1 : 0;
        }

        return rows;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in LeadEntity entity, int row)
    {
        var l = entity.Lead;
        var events = TColumns.Events(entity.History);
        for (var k = 0; k < events.Count && k < 999; k++)
        {
            ref readonly var e = ref events[k];
            if (e.AtSeconds >= _cut)
            {
                continue;
            }

            _eventId.Set(row, TableRenderer.EventNumber(l, k));
            _leadId.Set(row, l + 1);
            _columns.Fill(row, l, e, Moment.FromPackedSeconds(e.AtSeconds).ToTimestamp(entity.Created));
            row++;
        }
    }

    /// <summary>Declares an entity-id column.</summary>
    public IdSlot DeclareId(string name, string description, string prefix, long maxNumber, string? references = null, string? referencedColumn = null) =>
        Id(name, description, prefix, maxNumber, references, referencedColumn);

    /// <summary>Declares a categorical column.</summary>
    public CodeSlot DeclareCode(string name, string description, Categories categories) => Code(name, description, categories);

    /// <summary>Declares a non-null value column.</summary>
    public ValueSlot<T> DeclareValue<T>(string name, string description)
        where T : struct => Value<T>(name, description);
}
