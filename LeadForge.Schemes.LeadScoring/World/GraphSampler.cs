using LeadForge.Randomness;
using LeadForge.WorldModel;

namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>Draws the motif family of a seed and rewires its skeleton into the world graph.</summary>
internal static class GraphSampler
{
    private const int MaxAttempts = 20;

    public static WorldGraph Sample(LeadScoringSettings settings, RandomSource random)
    {
        var names = settings.MotifFamilies.Keys.ToArray();
        string family;
        if (settings.MotifFamily is { } pinned)
        {
            family = pinned;
        }
        else
        {
            var pick = random.Derive("world/motif_family").Stream();
            family = names[pick.Choose(new CategoricalTable(names.Select(n => settings.MotifFamilies[n].Weight).ToArray()))];
        }

        GraphValidationException? last = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var rng = random.Derive("world/rewiring").Stream(attempt);
            try
            {
                return Rewire(family, settings.MotifFamilies[family], settings.Rewiring, rng);
            }
            catch (GraphValidationException ex)
            {
                last = ex;
            }
        }

        throw new GenerationException($"Could not draw a valid world graph for family '{family}' in {MaxAttempts} attempts: {last?.Message}", last);
    }

    /// <summary>Builds the canonical (un-rewired) graph of a family; used to check recipes.</summary>
    public static WorldGraph Canonical(string family, MotifFamilySettings skeleton) =>
        Validated(family, skeleton.Nodes.Select(ToNode).ToArray(), skeleton.Edges.Select(e => new GraphEdge(e.Source, e.Target, e.Weight, e.Modulator)).ToArray());

    private static WorldGraph Rewire(string family, MotifFamilySettings skeleton, RewiringSettings rewiring, RandomStream rng)
    {
        // 1. Drop optional nodes (one draw per node, declaration order).
        var kept = new List<GraphNode>();
        foreach (var node in skeleton.Nodes)
        {
            var u = rng.NextDouble();
            if (!node.Optional || u >= rewiring.DropProbability)
            {
                kept.Add(ToNode(node));
            }
        }

        var ids = kept.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

        // 2. Jitter every edge weight (one draw per canonical edge, so drops do not shift later draws).
        var edges = new List<GraphEdge>();
        foreach (var e in skeleton.Edges)
        {
            var jitter = rng.NextDouble(-rewiring.WeightJitter, rewiring.WeightJitter);
            if (!ids.Contains(e.Source) || !ids.Contains(e.Target) || (e.Modulator is not null && !ids.Contains(e.Modulator)))
            {
                continue;
            }

            var w = e.Weight + (Math.Sign(e.Weight) * jitter);
            edges.Add(new GraphEdge(e.Source, e.Target, Math.Clamp(w, -WorldGraph.MaxAbsWeight, WorldGraph.MaxAbsWeight), e.Modulator));
        }

        // 3. Optionally add a latent confounder of lead state and engagement.
        var confound = rng.NextDouble() < rewiring.ConfounderProbability;
        var w1 = rng.NextDouble(rewiring.ConfounderWeightRange[0], rewiring.ConfounderWeightRange[1]);
        var w2 = rng.NextDouble(rewiring.ConfounderWeightRange[0], rewiring.ConfounderWeightRange[1]);
        if (confound)
        {
            var targets = kept.Where(n => n.Kind is NodeKind.LeadState or NodeKind.EngagementState).Select(n => n.Id).ToArray();
            if (targets.Length > 0)
            {
                var id = "latent_confounder";
                for (var k = 2; ids.Contains(id); k++)
                {
                    id = "latent_confounder_" + k;
                }

                kept.Add(new GraphNode(id, NodeKind.AccountLatent, "Latent confounder", MechanismKind.Exogenous, Noise: 1));
                edges.Add(new GraphEdge(id, targets[0], w1));
                if (targets.Length > 1)
                {
                    edges.Add(new GraphEdge(id, targets[^1], w2));
                }
            }
        }

        return Validated(family, kept, edges);
    }

    private static GraphNode ToNode(NodeSettings n) =>
        new(n.Id, n.Kind, n.Label.Length > 0 ? n.Label : n.Id.Replace('_', ' '), n.Mechanism, n.Bias, n.Scale, n.Mechanism == MechanismKind.Exogenous && n.Noise == 0 ? 1 : n.Noise, n.Threshold);

    private static WorldGraph Validated(string family, IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        var graph = new WorldGraph(family, nodes, edges);

        // Chronology: a node may depend only on its own entity level or a coarser one
        // (world → account → contact → lead).
        foreach (var e in edges)
        {
            foreach (var parent in e.Modulator is null ? [e.Source] : new[] { e.Source, e.Modulator })
            {
                if (Level(graph.Node(parent).Kind) > Level(graph.Node(e.Target).Kind))
                {
                    throw new GraphValidationException($"Edge {parent} -> {e.Target}: a {graph.Node(e.Target).Kind.ToWire()} node cannot depend on a finer-grained {graph.Node(parent).Kind.ToWire()} node.");
                }
            }
        }

        return graph;
    }

    /// <summary>Entity level of a node kind: 0 world, 1 account, 2 contact, 3 lead.</summary>
    public static int Level(NodeKind kind) => kind switch
    {
        NodeKind.GlobalContext => 0,
        NodeKind.AccountLatent => 1,
        NodeKind.ContactLatent => 2,
        _ => 3,
    };
}
