using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadForge.WorldModel;

/// <summary>The type of a node in the hidden world graph.</summary>
public enum NodeKind
{
    /// <summary>World-level context (market climate); one value per world. May be a root.</summary>
    GlobalContext,

    /// <summary>A hidden property of an account. May be a root.</summary>
    AccountLatent,

    /// <summary>A hidden property of a contact. May be a root.</summary>
    ContactLatent,

    /// <summary>The hidden state of a lead. Needs a parent.</summary>
    LeadState,

    /// <summary>Hidden engagement propensity. Needs a parent.</summary>
    EngagementState,

    /// <summary>Hidden sales-process state (rep quality, friction). Needs a parent.</summary>
    SalesProcessState,

    /// <summary>A hidden quantity that observable features measure. Needs a parent.</summary>
    ObservableSource,

    /// <summary>The outcome driver (conversion propensity). Needs a parent; may have no children.</summary>
    Outcome,
}

/// <summary>How a node's value follows from its parents.</summary>
public enum MechanismKind
{
    /// <summary>An exogenous standard-normal draw (roots only).</summary>
    Exogenous,

    /// <summary>bias + Σ weight·parent (+ interactions) + noise.</summary>
    Linear,

    /// <summary>logistic(scale · (bias + Σ …)) + noise, in (0, 1).</summary>
    Logistic,

    /// <summary>tanh(scale · (bias + Σ …)): diminishing returns.</summary>
    Saturating,

    /// <summary>1 when bias + Σ … + noise exceeds the threshold, else 0.</summary>
    Threshold,
}

/// <summary>A node of the world graph.</summary>
/// <param name="Id">The node id, e.g. <c>account_fit</c>.</param>
/// <param name="Kind">The node type.</param>
/// <param name="Label">A human-readable label.</param>
/// <param name="Mechanism">How the value is computed.</param>
/// <param name="Bias">The intercept.</param>
/// <param name="Scale">The slope inside logistic/saturating mechanisms.</param>
/// <param name="Noise">The standard deviation of the node's own noise term.</param>
/// <param name="Threshold">The cut-off of a threshold mechanism.</param>
public sealed record GraphNode(string Id, NodeKind Kind, string Label, MechanismKind Mechanism, double Bias = 0, double Scale = 1, double Noise = 0, double Threshold = 0);

/// <summary>
/// A weighted edge. With a <paramref name="Modulator"/>, the edge contributes
/// weight · source · modulator (a multiplicative interaction) instead of weight · source.
/// </summary>
/// <param name="Source">The parent node id.</param>
/// <param name="Target">The child node id.</param>
/// <param name="Weight">The signed weight: positive facilitates, negative inhibits.</param>
/// <param name="Modulator">The id of a second parent that multiplies the source, if any.</param>
public sealed record GraphEdge(string Source, string Target, double Weight, string? Modulator = null);

/// <summary>Raised when a world graph breaks a structural rule (cycle, node-type rule, unreachable outcome).</summary>
public sealed class GraphValidationException : GenerationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The rule broken.</param>
    public GraphValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphValidationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The rule broken.</param>
    /// <param name="innerException">The cause.</param>
    public GraphValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The hidden causal structure of a world: a validated DAG of typed nodes with mechanisms.
/// It is executed: <see cref="Compile"/> yields an evaluator that computes every node for an
/// entity in topological order.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class WorldGraph
{
    /// <summary>The largest absolute edge weight accepted.</summary>
    public const double MaxAbsWeight = 5.0;

    private readonly Dictionary<string, int> _index;

    /// <summary>Creates and validates a graph.</summary>
    /// <param name="family">The motif family this graph was drawn from.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="edges">The edges.</param>
    /// <exception cref="GraphValidationException">The graph breaks a rule; the message says which (a cycle is listed).</exception>
    public WorldGraph(string family, IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Family = family;
        Nodes = nodes.ToArray();
        Edges = edges.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            if (!_index.TryAdd(node.Id, _index.Count))
            {
                throw new GraphValidationException($"Duplicate node id '{node.Id}'.");
            }
        }

        TopologicalOrder = Validate();
    }

    /// <summary>The motif family.</summary>
    public string Family { get; }

    /// <summary>The nodes, in declaration order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The edges, in declaration order.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>Node ids in a topological order (parents before children; ties by declaration order).</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <summary>Whether a node exists.</summary>
    /// <param name="id">The node id.</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>The node with the given id.</summary>
    /// <param name="id">The node id.</param>
    /// <returns>The node.</returns>
    public GraphNode Node(string id) => Nodes[_index[id]];

    /// <summary>The edges into a node.</summary>
    /// <param name="id">The node id.</param>
    /// <returns>The incoming edges.</returns>
    public IEnumerable<GraphEdge> EdgesInto(string id) => Edges.Where(e => e.Target == id);

    /// <summary>A copy of this graph with one edge's weight replaced (for ablation studies).</summary>
    /// <param name="source">The edge's source.</param>
    /// <param name="target">The edge's target.</param>
    /// <param name="weight">The new weight (0 removes its effect).</param>
    /// <returns>The modified graph.</returns>
    public WorldGraph WithEdgeWeight(string source, string target, double weight)
    {
        if (!Edges.Any(e => e.Source == source && e.Target == target))
        {
            throw new ArgumentException($"No edge {source} -> {target}.", nameof(source));
        }

        return new WorldGraph(Family, Nodes, Edges.Select(e => e.Source == source && e.Target == target ? e with { Weight = weight } : e).ToArray());
    }

    /// <summary>Compiles the graph into an evaluator over node-value arrays indexed like <see cref="Nodes"/>.</summary>
    /// <returns>The evaluator.</returns>
    public GraphEvaluator Compile() => new(this, TopologicalOrder.Select(id => _index[id]).ToArray(), _index);

    /// <summary>The index of a node in <see cref="Nodes"/> (and in evaluator value arrays).</summary>
    /// <param name="id">The node id.</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    /// <summary>The graph as JSON: family, nodes in topological order, edges.</summary>
    /// <returns>Indented JSON text.</returns>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["motif_family"] = Family,
            ["nodes"] = new JsonArray(TopologicalOrder.Select(id => Node(id)).Select(n => (JsonNode)new JsonObject
            {
                ["node_id"] = n.Id,
                ["node_type"] = n.Kind.ToWire(),
                ["label"] = n.Label,
                ["mechanism"] = n.Mechanism.ToWire(),
                ["bias"] = n.Bias,
                ["scale"] = n.Scale,
                ["noise"] = n.Noise,
                ["threshold"] = n.Threshold,
            }).ToArray()),
            ["edges"] = new JsonArray(Edges.Select(e => (JsonNode)new JsonObject
            {
                ["source"] = e.Source,
                ["target"] = e.Target,
                ["weight"] = Math.Round(e.Weight, 6),
                ["modulator"] = e.Modulator,
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private string[] Validate()
    {
        if (Nodes.Count < 2 || Edges.Count < 1)
        {
            throw new GraphValidationException($"A world graph needs at least 2 nodes and 1 edge; '{Family}' has {Nodes.Count} and {Edges.Count}.");
        }

        var parents = new List<int>[Nodes.Count];
        var children = new List<int>[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            parents[i] = [];
            children[i] = [];
        }

        foreach (var edge in Edges)
        {
            if (!_index.TryGetValue(edge.Source, out var s))
            {
                throw new GraphValidationException($"Edge {edge.Source} -> {edge.Target}: unknown source node '{edge.Source}'.");
            }

            if (!_index.TryGetValue(edge.Target, out var t))
            {
                throw new GraphValidationException($"Edge {edge.Source} -> {edge.Target}: unknown target node '{edge.Target}'.");
            }

            if (edge.Modulator is not null)
            {
                if (!_index.TryGetValue(edge.Modulator, out var m))
                {
                    throw new GraphValidationException($"Edge {edge.Source} -> {edge.Target}: unknown modulator node '{edge.Modulator}'.");
                }

                parents[t].Add(m);
                children[m].Add(t);
            }

            if (!(Math.Abs(edge.Weight) <= MaxAbsWeight))
            {
                throw new GraphValidationException($"Edge {edge.Source} -> {edge.Target}: weight {edge.Weight.ToString(CultureInfo.InvariantCulture)} is outside [-{MaxAbsWeight}, {MaxAbsWeight}].");
            }

            parents[t].Add(s);
            children[s].Add(t);
        }

        // Kahn's algorithm, ties broken by declaration order for a stable order.
        var indegree = parents.Select(p => p.Count).ToArray();
        var ready = new SortedSet<int>(Enumerable.Range(0, Nodes.Count).Where(i => indegree[i] == 0));
        var order = new List<int>(Nodes.Count);
        while (ready.Count > 0)
        {
            var n = ready.Min;
            ready.Remove(n);
            order.Add(n);
            foreach (var c in children[n])
            {
                if (--indegree[c] == 0)
                {
                    ready.Add(c);
                }
            }
        }

        if (order.Count < Nodes.Count)
        {
            throw new GraphValidationException($"The world graph '{Family}' has a cycle: {string.Join(" -> ", FindCycle(children))}.");
        }

        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            var isRootKind = node.Kind is NodeKind.GlobalContext or NodeKind.AccountLatent or NodeKind.ContactLatent;
            if (parents[i].Count == 0 && !isRootKind)
            {
                throw new GraphValidationException($"Node '{node.Id}' ({node.Kind.ToWire()}) needs at least one parent.");
            }

            if (parents[i].Count == 0 && node.Mechanism != MechanismKind.Exogenous)
            {
                throw new GraphValidationException($"Root node '{node.Id}' must use the exogenous mechanism.");
            }

            if (parents[i].Count > 0 && node.Mechanism == MechanismKind.Exogenous)
            {
                throw new GraphValidationException($"Node '{node.Id}' has parents but uses the exogenous mechanism.");
            }

            if (node.Kind == NodeKind.Outcome && children[i].Count > 0)
            {
                throw new GraphValidationException($"Outcome node '{node.Id}' must not have children.");
            }
        }

        var outcomes = Enumerable.Range(0, Nodes.Count).Where(i => Nodes[i].Kind == NodeKind.Outcome).ToArray();
        if (outcomes.Length == 0)
        {
            throw new GraphValidationException($"The world graph '{Family}' has no outcome node.");
        }

        foreach (var o in outcomes)
        {
            if (!ReachableFromRoot(o, parents))
            {
                throw new GraphValidationException($"Outcome node '{Nodes[o].Id}' is not reachable from any root.");
            }
        }

        return order.Select(i => Nodes[i].Id).ToArray();
    }

    private static bool ReachableFromRoot(int node, List<int>[] parents)
    {
        var stack = new Stack<int>([node]);
        var seen = new HashSet<int>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n))
            {
                continue;
            }

            if (parents[n].Count == 0)
            {
                return n != node;
            }

            foreach (var p in parents[n])
            {
                stack.Push(p);
            }
        }

        return false;
    }

    private List<string> FindCycle(List<int>[] children)
    {
        var state = new int[Nodes.Count]; // 0 new, 1 on stack, 2 done
        var stack = new List<int>();
        for (var start = 0; start < Nodes.Count; start++)
        {
            if (state[start] == 0 && Dfs(start))
            {
                break;
            }
        }

        return stack.Select(i => Nodes[i].Id).ToList();

        bool Dfs(int n)
        {
            state[n] = 1;
            stack.Add(n);
            foreach (var c in children[n])
            {
                if (state[c] == 1)
                {
                    stack.RemoveRange(0, stack.IndexOf(c));
                    stack.Add(c);
                    return true;
                }

                if (state[c] == 0 && Dfs(c))
                {
                    return true;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[n] = 2;
            return false;
        }
    }
}
