using LeadForge.Configuration;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>
/// The rule helpers every scheme's settings use, tested on their own (before, only through the
/// lead-scoring settings, so a broken boundary in a helper went unnoticed by Core's tests): each
/// helper's boundaries, its message, the key path it reports at and the location it attaches.
/// </summary>
public sealed class SettingsValidationScopeTests
{
    private static (SettingsValidationScope Scope, List<ConfigProblem> Problems) NewScope(string path = "", Func<string, (string?, int, int)>? locate = null)
    {
        var problems = new List<ConfigProblem>();
        return (new SettingsValidationScope(path, problems, locate ?? (_ => (null, 0, 0))), problems);
    }

    [TestCase("", "a", "a")]
    [TestCase("funnel", "a", "funnel.a")]
    [TestCase("funnel", "[2]", "funnel[2]")]
    [TestCase("funnel", "", "funnel")]
    [TestCase("", "", "")]
    public void Keys_join_under_the_scope_path(string path, string key, string expected)
    {
        var (scope, problems) = NewScope(path);
        scope.Fail(key, "m");
        scope.Child(key).Fail("", "m");

        Assert.That(problems.Select(p => p.KeyPath), Is.EqualTo(new[] { expected, expected }));
    }

    [Test]
    public void A_problem_carries_the_location_of_its_key_only_when_one_is_known()
    {
        var (scope, problems) = NewScope("s", key => key == "s.known" ? ("recipe.yaml", 3, 7) : key == "s.first" ? ("recipe.yaml", 1, 1) : ("recipe.yaml", 0, 0));
        scope.Fail("known", "m");
        scope.Fail("first", "m");
        scope.Fail("unknown", "m");

        Assert.That(problems.Select(p => (p.Location, p.Line, p.Column)), Is.EqualTo(new (string?, int?, int?)[]
        {
            ("recipe.yaml", 3, 7),
            ("recipe.yaml", 1, 1),
            ("recipe.yaml", null, null),
        }));
        Assert.That(problems[0].ToString(), Is.EqualTo("s.known: m (recipe.yaml:3:7)"));
        Assert.That(problems[2].ToString(), Is.EqualTo("s.unknown: m"));
    }

    [Test]
    public void Require_reports_only_a_broken_rule_and_counts_problems_across_child_scopes()
    {
        var (scope, problems) = NewScope();
        scope.Require(true, "ok", "never");
        scope.Require(false, "bad", "broken");
        scope.Child("c").Require(false, "x", "broken too");

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "bad: broken", "c.x: broken too" }));
        Assert.That(scope.ProblemCount, Is.EqualTo(2));
    }

    [TestCase(0.0, true)]
    [TestCase(1.0, true)]
    [TestCase(0.5, true)]
    [TestCase(-0.0000001, false)]
    [TestCase(1.0000001, false)]
    [TestCase(double.NaN, false)]
    [TestCase(double.PositiveInfinity, false)]
    public void InRange_is_inclusive_and_refuses_NaN(double value, bool ok)
    {
        var (scope, problems) = NewScope();
        scope.InRange("v", value, 0, 1);

        Assert.That(problems, ok ? Is.Empty : Has.Count.EqualTo(1));
        if (!ok)
        {
            Assert.That(problems[0].Message, Does.EndWith("is outside [0, 1]"));
        }
    }

    [Test]
    public void InRange_formats_the_value_and_bounds_invariantly()
    {
        var (scope, problems) = NewScope();
        scope.InRange("v", 2.5, -1.25, 2);

        Assert.That(problems.Single().Message, Is.EqualTo("2.5 is outside [-1.25, 2]"));
    }

    [TestCase(new[] { 0.5, 0.5 }, null)]
    [TestCase(new[] { 1.0, 0.0 }, null)]
    [TestCase(new[] { 0.5, 0.5000005 }, null)]
    [TestCase(new[] { 0.5, 0.49 }, "probabilities must sum to 1, but they sum to 0.99")]
    [TestCase(new[] { 0.5, 0.51 }, "probabilities must sum to 1, but they sum to 1.01")]
    [TestCase(new[] { 1.5, -0.5 }, "weights must be non-negative")]
    [TestCase(new[] { double.NaN, 1.0 }, "weights must be non-negative")]
    public void SumsToOne_needs_non_negative_weights_summing_to_one(double[] weights, string? message)
    {
        var (scope, problems) = NewScope();
        scope.SumsToOne("w", weights);

        Assert.That(problems.Select(p => p.Message), message is null ? Is.Empty : Is.EqualTo(new[] { message }), "one problem, the first that applies");
    }

    [TestCase(3, 3, true)]
    [TestCase(2, 3, false)]
    [TestCase(4, 3, false)]
    public void HasLength_needs_exactly_the_count(int actual, int count, bool ok)
    {
        var (scope, problems) = NewScope();
        scope.HasLength("l", actual, count);

        Assert.That(problems.Select(p => p.Message), ok ? Is.Empty : Is.EqualTo(new[] { $"must have exactly {count} entries, but has {actual}" }));
    }

    [TestCase(new[] { 0.0, 2.0 }, true)]
    [TestCase(new[] { 3.0 }, true)]
    [TestCase(new[] { 0.0, 0.0 }, false)]
    [TestCase(new double[0], false)]
    [TestCase(new[] { -1.0, 5.0 }, false)]
    [TestCase(new[] { 2.0, -1.0 }, false)]
    [TestCase(new[] { double.PositiveInfinity, 1.0 }, false)]
    [TestCase(new[] { double.NaN, 1.0 }, false)]
    public void HasPositiveWeights_needs_finite_non_negative_weights_with_a_positive_sum(double[] weights, bool ok)
    {
        var (scope, problems) = NewScope();
        scope.HasPositiveWeights("w", weights);

        Assert.That(problems.Select(p => p.ToString()), ok ? Is.Empty : Is.EqualTo(new[] { "w: must be non-negative with a positive sum" }));
    }

    [Test]
    public void Unique_names_the_first_repeat_once()
    {
        var (scope, problems) = NewScope();
        scope.Unique("names", ["a", "b", "a", "b", "b"]);
        scope.Unique("fine", ["a", "A", "b"]);

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "names: 'a' appears more than once; names must be distinct" }));
    }

    [Test]
    public void Helpers_refuse_a_null_list()
    {
        var (scope, _) = NewScope();

        Assert.Multiple(() =>
        {
            Assert.That(() => scope.HasPositiveWeights("w", null!), Throws.ArgumentNullException);
            Assert.That(() => scope.Unique("n", null!), Throws.ArgumentNullException);
        });
    }
}
