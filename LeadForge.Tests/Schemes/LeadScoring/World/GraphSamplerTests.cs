using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.WorldModel;

namespace LeadForge.Tests.Schemes.LeadScoring.World;

public class GraphSamplerTests
{
    private const int Seeds = 200;

    private static readonly Lazy<LeadScoringSettings> Settings = new(() =>
        (LeadScoringSettings)Generator.FromRecipe("b2b_saas_procurement_v1").ResolveConfig().Recipe.World);

    /// <summary>The graph of seeds 0–199 exactly as a run draws it (the run's root random source is FromSeed(seed)).</summary>
    private static readonly Lazy<WorldGraph[]> Graphs = new(() =>
        Enumerable.Range(0, Seeds).Select(seed => GraphSampler.Sample(Settings.Value, RandomSource.FromSeed(seed))).ToArray());

    [Test]
    public void The_sampled_graph_is_the_graph_a_run_records()
    {
        foreach (var seed in new[] { 3, 42 })
        {
            var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(seed).WithExposure(ExposureMode.ResearchInstructor)
                .WithLeads(200).WithAccounts(60).WithContacts(150).Generate();
            Assert.That(bundle.Truth!.Graph.ToJson(), Is.EqualTo(Graphs.Value[seed].ToJson()), $"seed {seed}");
            Assert.That(bundle.Truth.Documents.Single(d => d.FileName == "mechanism_summary.json").Json, Does.Contain($"\"motif_family\": \"{Graphs.Value[seed].Family}\""));
        }
    }

    [Test]
    public void Over_seeds_0_to_199_each_of_the_five_families_occurs_25_to_60_times()
    {
        var families = Settings.Value.MotifFamilies.Keys.ToArray();
        Assert.That(families, Has.Length.EqualTo(5));
        var counts = families.ToDictionary(f => f, f => Graphs.Value.Count(g => g.Family == f));
        TestContext.Out.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.That(counts.Values.Sum(), Is.EqualTo(Seeds), "every graph has one of the recipe's families");
        Assert.Multiple(() =>
        {
            foreach (var (family, count) in counts)
            {
                Assert.That(count, Is.InRange(25, 60), family);
            }
        });
    }

    [Test]
    public void Seeds_with_the_same_family_get_different_edge_sets()
    {
        Assert.Multiple(() =>
        {
            foreach (var group in Graphs.Value.Select((g, seed) => (Graph: g, Seed: seed)).GroupBy(x => x.Graph.Family))
            {
                // Structure: which edges exist (node drops and the latent confounder change it).
                var structures = group.GroupBy(x => Structure(x.Graph)).ToArray();
                var (a, b) = (structures[0].First().Seed, structures.Length > 1 ? structures[1].First().Seed : -1);
                TestContext.Out.WriteLine($"{group.Key}: {group.Count()} seeds, {structures.Length} distinct edge sets (e.g. seeds {a} and {b})");
                Assert.That(structures, Has.Length.GreaterThanOrEqualTo(3), $"{group.Key}: rewiring should give at least 3 distinct edge sets over {group.Count()} seeds");

                // Weights: jitter makes every seed's graph its own, even when the structure repeats.
                var weighted = group.Select(x => string.Join(";", x.Graph.Edges.Select(e => $"{e.Source}>{e.Target}*{e.Modulator}={e.Weight:R}"))).ToArray();
                Assert.That(weighted.Distinct().Count(), Is.EqualTo(weighted.Length), $"{group.Key}: two seeds drew identical weighted graphs");
            }
        });
    }

    private static string Structure(WorldGraph graph) =>
        string.Join(";", graph.Edges.Select(e => $"{e.Source}>{e.Target}*{e.Modulator}").Order(StringComparer.Ordinal));
}
