using LeadForge.WorldModel;

namespace LeadForge.Tests.Core.WorldModel;

public class WorldGraphTests
{
    private static GraphNode Root(string id, NodeKind kind = NodeKind.AccountLatent, double bias = 0, double noise = 0) => new(id, kind, id, MechanismKind.Exogenous, Bias: bias, Noise: noise);

    private static GraphNode Inner(string id, MechanismKind mechanism = MechanismKind.Linear, NodeKind kind = NodeKind.LeadState, double bias = 0, double scale = 1, double noise = 0, double threshold = 0) =>
        new(id, kind, id, mechanism, bias, scale, noise, threshold);

    private static GraphNode Outcome(string id = "outcome", MechanismKind mechanism = MechanismKind.Logistic) => new(id, NodeKind.Outcome, id, mechanism);

    private static GraphValidationException Invalid(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges) =>
        Assert.Throws<GraphValidationException>(() => _ = new WorldGraph("test", nodes, edges))!;

    [Test]
    public void A_cycle_is_rejected_and_listed()
    {
        var ex = Invalid(
            [Root("fit"), Inner("a"), Inner("b"), Inner("c"), Outcome()],
            [new("fit", "a", 1), new("a", "b", 1), new("b", "c", 1), new("c", "a", 1), new("c", "outcome", 1)]);
        Assert.That(ex.Message, Does.Contain("cycle").And.Contain("a -> b -> c -> a"));
        Assert.That(ex, Is.InstanceOf<GenerationException>());
    }

    [Test]
    public void A_non_root_kind_without_parents_is_rejected()
    {
        var ex = Invalid([Root("fit"), Inner("orphan"), Outcome()], [new("fit", "outcome", 1)]);
        Assert.That(ex.Message, Does.Contain("'orphan'").And.Contain("needs at least one parent"));
    }

    [Test]
    public void An_outcome_with_a_child_is_rejected()
    {
        var ex = Invalid([Root("fit"), Outcome(), Inner("after")], [new("fit", "outcome", 1), new("outcome", "after", 1)]);
        Assert.That(ex.Message, Does.Contain("Outcome node 'outcome' must not have children"));
    }

    [TestCase("ghost", "outcome", "unknown source node 'ghost'")]
    [TestCase("fit", "ghost", "unknown target node 'ghost'")]
    public void Edges_with_unknown_endpoints_are_rejected(string source, string target, string message)
    {
        var ex = Invalid([Root("fit"), Outcome()], [new("fit", "outcome", 1), new(source, target, 1)]);
        Assert.That(ex.Message, Does.Contain(message));
    }

    [Test]
    public void An_unknown_modulator_is_rejected()
    {
        var ex = Invalid([Root("fit"), Outcome()], [new("fit", "outcome", 1, Modulator: "ghost")]);
        Assert.That(ex.Message, Does.Contain("unknown modulator node 'ghost'"));
    }

    [TestCase(5.01)]
    [TestCase(-7)]
    [TestCase(double.NaN)]
    public void Weights_beyond_five_are_rejected(double weight)
    {
        var ex = Invalid([Root("fit"), Outcome()], [new("fit", "outcome", weight)]);
        Assert.That(ex.Message, Does.Contain("weight").And.Contain("outside [-5, 5]"));
    }

    [Test]
    public void Weights_of_exactly_five_are_accepted()
    {
        var g = new WorldGraph("test", [Root("fit"), Outcome()], [new("fit", "outcome", -5)]);
        Assert.That(g.Edges.Single().Weight, Is.EqualTo(-5));
    }

    [Test]
    public void A_graph_without_an_outcome_is_rejected()
    {
        var ex = Invalid([Root("fit"), Inner("a")], [new("fit", "a", 1)]);
        Assert.That(ex.Message, Does.Contain("no outcome node"));
    }

    [Test]
    public void An_outcome_unreachable_from_any_root_is_rejected()
    {
        // In a DAG every node with a parent has a root ancestor, so an outcome is unreachable only
        // when it has no parents at all; the node-type rule rejects that first.
        var ex = Invalid([Root("fit"), Inner("a"), Outcome("lonely", MechanismKind.Exogenous)], [new("fit", "a", 1)]);
        Assert.That(ex.Message, Does.Contain("'lonely'").And.Contain("needs at least one parent"));
    }

    [Test]
    public void Mechanism_rules_for_roots_are_enforced()
    {
        var ex = Invalid([new GraphNode("fit", NodeKind.AccountLatent, "fit", MechanismKind.Linear), Outcome()], [new("fit", "outcome", 1)]);
        Assert.That(ex.Message, Does.Contain("Root node 'fit' must use the exogenous mechanism"));
        var ex2 = Invalid([Root("fit"), Root("other"), new GraphNode("outcome", NodeKind.Outcome, "o", MechanismKind.Exogenous)], [new("fit", "outcome", 1)]);
        Assert.That(ex2.Message, Does.Contain("has parents but uses the exogenous mechanism"));
    }

    [Test]
    public void Tiny_and_duplicate_graphs_are_rejected()
    {
        Assert.That(Invalid([Outcome()], []).Message, Does.Contain("at least 2 nodes and 1 edge"));
        Assert.That(Invalid([Root("fit"), Root("fit"), Outcome()], [new("fit", "outcome", 1)]).Message, Does.Contain("Duplicate node id 'fit'"));
    }

    [Test]
    public void Topological_order_puts_parents_first_and_breaks_ties_by_declaration()
    {
        var g = new WorldGraph(
            "test",
            [Outcome(), Inner("engagement", kind: NodeKind.EngagementState), Root("market", NodeKind.GlobalContext), Root("fit"), Inner("intent")],
            [new("intent", "outcome", 1), new("engagement", "outcome", 1), new("fit", "intent", 1), new("market", "engagement", 1), new("intent", "engagement", 0.5)]);
        Assert.That(g.TopologicalOrder, Is.EqualTo(new[] { "market", "fit", "intent", "engagement", "outcome" }));
        foreach (var e in g.Edges)
        {
            Assert.That(g.TopologicalOrder.ToList().IndexOf(e.Source), Is.LessThan(g.TopologicalOrder.ToList().IndexOf(e.Target)));
        }

        Assert.That(g.IndexOf("fit"), Is.EqualTo(3));
        Assert.That(g.IndexOf("nope"), Is.EqualTo(-1));
        Assert.That(g.Contains("intent"), Is.True);
        Assert.That(g.Node("intent").Kind, Is.EqualTo(NodeKind.LeadState));
        Assert.That(g.EdgesInto("outcome").Select(e => e.Source), Is.EquivalentTo(new[] { "intent", "engagement" }));
    }

    [Test]
    public void ToJson_lists_nodes_in_topological_order()
    {
        var g = new WorldGraph("fam", [Outcome(), Root("fit")], [new("fit", "outcome", 1.23456789)]);
        var json = System.Text.Json.JsonDocument.Parse(g.ToJson()).RootElement;
        Assert.That(json.GetProperty("motif_family").GetString(), Is.EqualTo("fam"));
        Assert.That(json.GetProperty("nodes")[0].GetProperty("node_id").GetString(), Is.EqualTo("fit"));
        Assert.That(json.GetProperty("nodes")[1].GetProperty("node_type").GetString(), Is.EqualTo("outcome"));
        Assert.That(json.GetProperty("edges")[0].GetProperty("weight").GetDouble(), Is.EqualTo(1.234568));
    }

    [Test]
    public void WithEdgeWeight_replaces_one_weight_and_leaves_the_original_alone()
    {
        var g = new WorldGraph("test", [Root("fit"), Root("need"), Outcome()], [new("fit", "outcome", 1), new("need", "outcome", 2)]);
        var ablated = g.WithEdgeWeight("fit", "outcome", 0);
        Assert.That(ablated.Edges.Select(e => e.Weight), Is.EqualTo(new[] { 0.0, 2.0 }));
        Assert.That(g.Edges.Select(e => e.Weight), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.Throws<ArgumentException>(() => g.WithEdgeWeight("need", "fit", 1));
        Assert.Throws<GraphValidationException>(() => g.WithEdgeWeight("fit", "outcome", 6));
    }
}

public class GraphEvaluatorTests
{
    private static double[] Evaluate(WorldGraph graph, params double[] noise)
    {
        var values = new double[graph.Nodes.Count];
        graph.Compile().Evaluate(noise, values);
        return values;
    }

    [Test]
    public void Exogenous_roots_take_bias_plus_scaled_noise()
    {
        var g = new WorldGraph("t", [new("a", NodeKind.AccountLatent, "a", MechanismKind.Exogenous, Bias: 1, Noise: 2), new("b", NodeKind.AccountLatent, "b", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Linear)], [new("a", "o", 1), new("b", "o", 1)]);
        var v = Evaluate(g, 0.5, -0.25, 0);
        Assert.That(v[0], Is.EqualTo(1 + (2 * 0.5)));
        Assert.That(v[1], Is.EqualTo(-0.25), "noise 0 means a standard normal root");
        Assert.That(v[2], Is.EqualTo(2 - 0.25));
    }

    [Test]
    public void Linear_nodes_sum_bias_weights_and_noise()
    {
        var g = new WorldGraph("t", [new("x", NodeKind.AccountLatent, "x", MechanismKind.Exogenous), new("y", NodeKind.AccountLatent, "y", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Linear, Bias: 0.5, Noise: 0.1)], [new("x", "o", 2), new("y", "o", -3)]);
        var v = Evaluate(g, 1.5, 0.5, 2.0);
        Assert.That(v[2], Is.EqualTo(0.5 + (2 * 1.5) - (3 * 0.5) + (0.1 * 2.0)).Within(1e-12));
    }

    [Test]
    public void Logistic_nodes_apply_the_scaled_sigmoid()
    {
        var g = new WorldGraph("t", [new("x", NodeKind.AccountLatent, "x", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Logistic, Bias: -1, Scale: 2, Noise: 0.5)], [new("x", "o", 1.5)]);
        var v = Evaluate(g, 0.8, -0.4);
        var z = -1 + (1.5 * 0.8) + (0.5 * -0.4);
        Assert.That(v[1], Is.EqualTo(1 / (1 + Math.Exp(-2 * z))).Within(1e-12));
        Assert.That(v[1], Is.InRange(0.0, 1.0));
    }

    [Test]
    public void Saturating_nodes_apply_tanh()
    {
        var g = new WorldGraph("t", [new("x", NodeKind.AccountLatent, "x", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Saturating, Scale: 0.5)], [new("x", "o", 3)]);
        Assert.That(Evaluate(g, 1.0, 0)[1], Is.EqualTo(Math.Tanh(1.5)).Within(1e-12));
    }

    [TestCase(0.6, 0.0, 1.0)]
    [TestCase(0.4, 0.0, 0.0)]
    [TestCase(0.4, 0.3, 1.0)]
    [TestCase(0.5, 0.0, 0.0)]
    public void Threshold_nodes_compare_the_sum_with_the_cut_off(double x, double noise, double expected)
    {
        var g = new WorldGraph("t", [new("x", NodeKind.AccountLatent, "x", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Threshold, Noise: 1, Threshold: 0.5)], [new("x", "o", 1)]);
        Assert.That(Evaluate(g, x, noise)[1], Is.EqualTo(expected));
    }

    [Test]
    public void Modulated_edges_multiply_source_and_modulator()
    {
        var g = new WorldGraph(
            "t",
            [new("fit", NodeKind.AccountLatent, "fit", MechanismKind.Exogenous), new("need", NodeKind.AccountLatent, "need", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Linear, Bias: 0.1)],
            [new("fit", "o", 0.5), new("fit", "o", 2, Modulator: "need")]);
        var v = Evaluate(g, 1.5, -2, 0);
        Assert.That(v[2], Is.EqualTo(0.1 + (0.5 * 1.5) + (2 * 1.5 * -2)).Within(1e-12));
        Assert.That(g.TopologicalOrder.Last(), Is.EqualTo("o"), "the modulator is a parent too");
    }

    [Test]
    public void Chains_are_evaluated_in_topological_order_whatever_the_declaration_order()
    {
        var g = new WorldGraph(
            "t",
            [new("o", NodeKind.Outcome, "o", MechanismKind.Linear), new("mid", NodeKind.LeadState, "mid", MechanismKind.Linear, Bias: 1), new("root", NodeKind.AccountLatent, "root", MechanismKind.Exogenous)],
            [new("mid", "o", 2), new("root", "mid", 3)]);
        var v = Evaluate(g, 0, 0, 0.5);
        Assert.That(v[2], Is.EqualTo(0.5));
        Assert.That(v[1], Is.EqualTo(1 + (3 * 0.5)));
        Assert.That(v[0], Is.EqualTo(2 * 2.5));
        var evaluator = g.Compile();
        Assert.That(evaluator.NodeCount, Is.EqualTo(3));
        Assert.That(evaluator.Graph, Is.SameAs(g));
    }

    [Test]
    public void Ablating_an_edge_removes_its_effect()
    {
        var g = new WorldGraph("t", [new("x", NodeKind.AccountLatent, "x", MechanismKind.Exogenous), new("o", NodeKind.Outcome, "o", MechanismKind.Linear)], [new("x", "o", 4)]);
        Assert.That(Evaluate(g, 1, 0)[1], Is.EqualTo(4));
        Assert.That(Evaluate(g.WithEdgeWeight("x", "o", 0), 1, 0)[1], Is.Zero);
    }
}
