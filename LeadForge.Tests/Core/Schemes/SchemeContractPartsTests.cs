using System.Collections.Concurrent;
using LeadForge.Configuration;
using LeadForge.Schemes;
using LeadForge.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Tests.Core.Schemes;

/// <summary>
/// The small parts of the scheme contract every scheme leans on, each at its edges: the parallel loop
/// of <see cref="GenerationContext"/>, shard parsing and ranges, entity declarations, and the match of a
/// declared task against a rendered one (issue 18 point 7: survivors of a Stryker run over Core).
/// </summary>
public sealed class SchemeContractPartsTests
{
    private static GenerationContext Context(int threads, CancellationToken cancellationToken = default) =>
        new(Generator.FromRecipe("tiny_world_v1").ResolveConfig(), threads, null, null, NullLogger.Instance, cancellationToken);

    [TestCase(1, 0)]
    [TestCase(1, 1)]
    [TestCase(1, 37)]
    [TestCase(4, 1)]
    [TestCase(4, 1000)]
    public void ParallelFor_runs_every_index_exactly_once(int threads, int count)
    {
        var seen = new ConcurrentBag<int>();

        Context(threads).ParallelFor(count, seen.Add);

        Assert.That(seen.Order(), Is.EqualTo(Enumerable.Range(0, count)));
    }

    [Test]
    public void ParallelFor_on_one_thread_runs_in_index_order_on_the_calling_thread()
    {
        var order = new List<int>();
        var caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();

        Context(1).ParallelFor(50, i =>
        {
            order.Add(i);
            threads.Add(Environment.CurrentManagedThreadId);
        });

        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(threads, Is.EqualTo(new[] { caller }));
    }

    [TestCase(1)]
    [TestCase(4)]
    public void ParallelFor_rethrows_a_body_failure_as_itself(int threads)
    {
        var ex = Assert.Throws<FormatException>(() => Context(threads).ParallelFor(100, i =>
        {
            if (i == 17)
            {
                throw new FormatException("item 17");
            }
        }))!;

        Assert.That(ex.Message, Is.EqualTo("item 17"));
    }

    [TestCase(1)]
    [TestCase(4)]
    public void ParallelFor_with_a_cancelled_token_runs_nothing(int threads)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ran = 0;

        Assert.That(() => Context(threads, cts.Token).ParallelFor(100, _ => Interlocked.Increment(ref ran)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(ran, Is.Zero);
    }

    [Test]
    public void ParallelFor_on_one_thread_stops_at_the_item_after_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var ran = new List<int>();

        Assert.That(
            () => Context(1, cts.Token).ParallelFor(100, i =>
            {
                ran.Add(i);
                if (i == 9)
                {
                    cts.Cancel();
                }
            }),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(ran, Is.EqualTo(Enumerable.Range(0, 10)));
        Assert.That(() => Context(1).ParallelFor(1, null!), Throws.ArgumentNullException);
    }

    [TestCase("0/1", 0, 1)]
    [TestCase("2/10", 2, 10)]
    [TestCase("9/10", 9, 10)]
    public void A_shard_parses_from_k_slash_n(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text);

        Assert.That((shard.Index, shard.Count, shard.ToString()), Is.EqualTo((index, count, text)));
    }

    [TestCase("10/10")]
    [TestCase("-1/3")]
    [TestCase("0/0")]
    [TestCase("1/-2")]
    [TestCase("a/2")]
    [TestCase("1/b")]
    [TestCase("1/2/3")]
    [TestCase("3")]
    [TestCase("")]
    [TestCase(null)]
    public void A_malformed_shard_is_refused_by_its_text(string? text)
    {
        var ex = Assert.Throws<FormatException>(() => ShardSpec.Parse(text!))!;

        Assert.That(ex.Message, Is.EqualTo($"'{text}' is not a shard of the form k/n with 0 <= k < n."));
    }

    [Test]
    public void Shard_ranges_cover_the_partitions_contiguously_and_nearly_equally()
    {
        var ranges = Enumerable.Range(0, 3).Select(k => new ShardSpec(k, 3).Range(10)).ToArray();

        Assert.That(ranges, Is.EqualTo(new[] { (0, 3), (3, 6), (6, 10) }));
        Assert.That(new ShardSpec(0, 1).Range(7), Is.EqualTo((0, 7)));
        Assert.That(new ShardSpec(1, 2).Range(int.MaxValue), Is.EqualTo((int.MaxValue / 2, int.MaxValue)), "no overflow on huge counts");
    }

    [TestCase("Leads", "lead")]
    [TestCase("lead s", "lead")]
    [TestCase("", "lead")]
    [TestCase(null, "lead")]
    [TestCase("leads", "Lead")]
    [TestCase("leads", "lead-")]
    [TestCase("leads", "")]
    [TestCase("leads", null)]
    public void An_entity_needs_snake_case_names(string? name, string? prefix)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EntityDefinition(name!, prefix!, "d"))!;

        Assert.That(ex.ParamName, Is.EqualTo(name is "leads" ? "idPrefix" : "name"));
        Assert.That(ex.Message, Does.Contain(name is "leads" ? $"Id prefix '{prefix}' of entity 'leads' must be lower-case snake_case." : $"Entity name '{name}' must be lower-case snake_case."));
    }

    [Test]
    public void An_entity_has_no_minimum_reason_and_an_empty_description_unless_given()
    {
        var entity = new EntityDefinition("sales_orders", "order_2", null!);

        Assert.That(
            (entity.Name, entity.IdPrefix, entity.Description, entity.MinimumCount, entity.MinimumReason, entity.IsDriver),
            Is.EqualTo(("sales_orders", "order_2", string.Empty, 1, string.Empty, false)));
    }

    [Test]
    public void A_declared_task_describes_a_manifest_only_when_every_declared_field_agrees()
    {
        var declared = TinyScheme.Conversion;
        var manifest = new TinyScheme().Generate(Context(1)).Tasks.Single().Manifest;

        Assert.Multiple(() =>
        {
            Assert.That(declared.Describes(manifest), Is.True);
            Assert.That(declared.Describes(manifest with { TaskId = "other" }), Is.False, "id");
            Assert.That(declared.Describes(manifest with { TaskType = "regression" }), Is.False, "type");
            Assert.That(declared.Describes(manifest with { PrimaryTable = "accounts" }), Is.False, "table");
            Assert.That(declared.Describes(manifest with { EntityKeyColumn = "account_id" }), Is.False, "entity key");
            Assert.That(declared.Describes(manifest with { AnchorPolicy = AnchorPolicy.FixedDate }), Is.False, "anchor policy");
            Assert.That(() => declared.Describes(null!), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void A_scheme_that_renders_a_task_it_never_declared_names_what_it_rendered()
    {
        var config = Generator.FromRecipe("tiny_world_v1").WithSeed(3).ResolveConfig();
        var undeclared = new TinyScheme { DeclaredTasks = [] };

        Assert.That(
            () => undeclared.Generate(new GenerationContext(config, 1, null, null, NullLogger.Instance, CancellationToken.None)),
            Throws.InvalidOperationException.With.Message.EqualTo(
                "Scheme 'tiny' declares task (none) at position 0 but rendered 'tiny_conversion' (binary_classification, leads) instead; a scheme renders exactly its declared tasks."));
        Assert.That(() => undeclared.Generate(null!), Throws.ArgumentNullException);
    }
}
