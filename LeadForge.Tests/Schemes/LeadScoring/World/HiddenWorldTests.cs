using LeadForge.Schemes;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Validation;
using LeadForge.WorldModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Tests.Schemes.LeadScoring.World;

public class HiddenWorldTests
{
    /// <summary>The AUC fall the ablation must show at least.</summary>
    private const double ClearMargin = 0.05;

    private static WorldBundle Run(Func<WorldGraph, WorldGraph> transform)
    {
        // Seed 42 with the family pinned through the recipe knob, so the edge is known to exist.
        var config = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithExposure(ExposureMode.ResearchInstructor)
            .WithDifficulty(Difficulty.Intermediate).WithLeads(5000).WithOverrideText("motif_family: fit_dominant").ResolveConfig();
        return new LeadScoringScheme(transform).Generate(new GenerationContext(config, 2, null, null, NullLogger.Instance, CancellationToken.None));
    }

    /// <summary>Univariate ROC-AUC of the lead's account revenue band (an observable measuring account_fit) against the label.</summary>
    private static double RevenueBandAuc(WorldBundle bundle)
    {
        var view = new LeadScoringBundleView(bundle);
        var settings = (LeadScoringSettings)bundle.Config.Recipe.World;
        Assert.That(settings.Measurement.RevenueBandNode, Is.EqualTo("account_fit"), "the revenue band must measure account_fit for this ablation");
        var band = view.Ordinal("accounts", "account_id", "estimated_revenue_band", settings.Accounts.RevenueBands);
        return Metrics.RocAuc(band, view.Label);
    }

    [Test]
    public void Zeroing_the_fit_edge_into_the_outcome_path_makes_the_fit_observable_lose_its_predictive_power()
    {
        // fit_dominant: account_fit -> lead_state -> conversion is the main outcome path; the revenue
        // band measures account_fit. Zeroing account_fit -> lead_state (its plain and its budget-modulated
        // term: WithEdgeWeight sets every source->target term) leaves the band a weak predictor, only via
        // the side path account_fit -> engagement -> conversion and the segment shift.
        var baseline = Run(g => g);
        var ablated = Run(g => g.WithEdgeWeight("account_fit", "lead_state", 0));
        var control = Run(g => g.WithEdgeWeight("contact_responsiveness", "engagement", 0));
        Assert.That(baseline.Truth!.Graph.Family, Is.EqualTo("fit_dominant"));
        Assert.That(ablated.Truth!.Graph.EdgesInto("lead_state").Where(e => e.Source == "account_fit").Select(e => e.Weight), Has.All.EqualTo(0.0));

        var before = RevenueBandAuc(baseline);
        var after = RevenueBandAuc(ablated);
        var unrelated = RevenueBandAuc(control);
        TestContext.Out.WriteLine($"revenue-band AUC: baseline {before:0.000}, account_fit->lead_state zeroed {after:0.000}, control (contact_responsiveness->engagement zeroed) {unrelated:0.000}");

        Assert.That(before - after, Is.GreaterThanOrEqualTo(ClearMargin), "the ablation should cut the observable's AUC by a clear margin");
        Assert.That(Math.Abs(unrelated - before), Is.LessThan(0.03), "zeroing an edge off the fit path should barely move the fit observable");
        Assert.That(new LeadScoringBundleView(ablated).ConversionRate, Is.InRange(0.18, 0.28), "the ablated world is still calibrated to the tier");
    }

    [Test]
    public void A_graph_transform_that_changes_the_nodes_is_rejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Run(g => new WorldGraph(g.Family, g.Nodes.Reverse().ToArray(), g.Edges)));
        Assert.That(ex!.Message, Does.Contain("keep the nodes"));
    }
}
