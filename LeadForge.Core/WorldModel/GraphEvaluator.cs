namespace LeadForge.WorldModel;

/// <summary>
/// Evaluates every node of a <see cref="WorldGraph"/> for one entity, in topological order.
/// Values are held in a span indexed like <see cref="WorldGraph.Nodes"/>.
/// </summary>
/// <threadsafety>Immutable; <see cref="Evaluate"/> may be called concurrently with separate spans.</threadsafety>
public sealed class GraphEvaluator
{
    private readonly int[] _order;
    private readonly NodeProgram[] _programs;

    internal GraphEvaluator(WorldGraph graph, int[] order, IReadOnlyDictionary<string, int> index)
    {
        Graph = graph;
        _order = order;
        _programs = new NodeProgram[graph.Nodes.Count];
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var id = graph.Nodes[i].Id;
            var incoming = graph.Edges.Where(e => e.Target == id).ToArray();
            _programs[i] = new NodeProgram(
                graph.Nodes[i],
                incoming.Select(e => index[e.Source]).ToArray(),
                incoming.Select(e => e.Modulator is null ? -1 : index[e.Modulator]).ToArray(),
                incoming.Select(e => e.Weight).ToArray());
        }
    }

    /// <summary>The graph evaluated.</summary>
    public WorldGraph Graph { get; }

    /// <summary>The number of nodes (the length of value spans).</summary>
    public int NodeCount => _programs.Length;

    /// <summary>
    /// Computes every node. On entry <paramref name="noise"/> holds each node's standard-normal
    /// draw (the exogenous value for roots, the noise term for other nodes); on return
    /// <paramref name="values"/> holds the node values.
    /// </summary>
    /// <param name="noise">One standard-normal draw per node.</param>
    /// <param name="values">Receives the node values.</param>
    public void Evaluate(ReadOnlySpan<double> noise, Span<double> values)
    {
        foreach (var n in _order)
        {
            var p = _programs[n];
            var node = p.Node;
            if (node.Mechanism == MechanismKind.Exogenous)
            {
                values[n] = node.Bias + ((node.Noise > 0 ? node.Noise : 1.0) * noise[n]);
                continue;
            }

            var sum = node.Bias;
            for (var k = 0; k < p.Parents.Length; k++)
            {
                var x = values[p.Parents[k]];
                if (p.Modulators[k] >= 0)
                {
                    x *= values[p.Modulators[k]];
                }

                sum += p.Weights[k] * x;
            }

            values[n] = node.Mechanism switch
            {
                MechanismKind.Linear => sum + (node.Noise * noise[n]),
                MechanismKind.Logistic => 1.0 / (1.0 + Math.Exp(-node.Scale * (sum + (node.Noise * noise[n])))),
                MechanismKind.Saturating => Math.Tanh(node.Scale * (sum + (node.Noise * noise[n]))),
                MechanismKind.Threshold => sum + (node.Noise * noise[n]) > node.Threshold ? 1.0 : 0.0,
                _ => sum,
            };
        }
    }

    private sealed record NodeProgram(GraphNode Node, int[] Parents, int[] Modulators, double[] Weights);
}
