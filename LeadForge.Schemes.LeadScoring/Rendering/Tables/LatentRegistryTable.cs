using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>latent_registry</c> truth table (instructor bundles only): per rendered lead, the value of every hidden node, rounded to 6 decimals.</summary>
internal sealed class LatentRegistryTable : TableDefinition
{
    private readonly HiddenWorld _world;

    public LatentRegistryTable(TableRenderer renderer, HiddenWorld world)
        : base("latent_registry", "Per-lead values of every hidden node.")
    {
        _world = world;
        LeadId = Key("lead_id", "Lead id.", EntityPrefixes.Lead, renderer.LeadMax);
        Nodes = [.. world.Graph.Nodes.Select(n => Value<double>("node_" + n.Id, $"Value of hidden node {n.Id} ({n.Kind.ToWire()})."))];
    }

    public IdSlot LeadId { get; }

    /// <summary>One column per hidden node, in graph order.</summary>
    public IReadOnlyList<ValueSlot<double>> Nodes { get; }

    /// <summary>Renders the rendered leads' rows (in parallel chunks).</summary>
    public Table Render(ReadOnlySpan<int> leads, Action<int, Action<int>> parallelFor)
    {
        var rendered = leads.ToArray();
        Allocate(rendered.Length);
        Chunks.Run(parallelFor, rendered.Length, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var l = rendered[i];
                LeadId.Set(i, l + 1);
                var values = _world.NodeValues(l);
                for (var k = 0; k < Nodes.Count; k++)
                {
                    Nodes[k][i] = Math.Round(values[k], 6);
                }
            }
        });
        return Build(parallelFor);
    }
}
