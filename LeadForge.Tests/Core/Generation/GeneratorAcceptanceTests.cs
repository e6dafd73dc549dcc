using LeadForge.Schemes;
using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Generation;

/// <summary>The fluent API driven end to end with the tiny scheme.</summary>
public class GeneratorAcceptanceTests
{
    private const string Tiny = "tiny_world_v1";

    private static Dictionary<string, string> Hashes(WorldBundle bundle)
    {
        var result = bundle.Tables.ToDictionary(t => t.Name, t => t.ComputeContentHash());
        foreach (var task in bundle.Tasks)
        {
            result[task.Manifest.TaskId + "/train"] = task.Train.ComputeContentHash();
            result[task.Manifest.TaskId + "/valid"] = task.Valid.ComputeContentHash();
            result[task.Manifest.TaskId + "/test"] = task.Test.ComputeContentHash();
        }

        return result;
    }

    [Test]
    public void Same_seed_gives_identical_tables()
    {
        var a = Generator.FromRecipe(Tiny).WithSeed(7).Generate();
        var b = Generator.FromRecipe(Tiny).WithSeed(7).Generate();
        Assert.That(Hashes(b), Is.EqualTo(Hashes(a)));
        Assert.That(b.Descriptor, Is.EqualTo(a.Descriptor));
        Assert.That(b.Config.ToJson(), Is.EqualTo(a.Config.ToJson()));
    }

    [Test]
    public void Another_seed_gives_different_tables()
    {
        var a = Hashes(Generator.FromRecipe(Tiny).WithSeed(7).Generate());
        var b = Hashes(Generator.FromRecipe(Tiny).WithSeed(8).Generate());
        Assert.That(b["leads"], Is.Not.EqualTo(a["leads"]));
        Assert.That(b["accounts"], Is.Not.EqualTo(a["accounts"]));
    }

    [Test]
    public void Degree_of_parallelism_does_not_change_the_output()
    {
        var one = Generator.FromRecipe(Tiny).WithSeed(3).WithLeads(3000).WithAccounts(100).WithDegreeOfParallelism(1).Generate();
        var four = Generator.FromRecipe(Tiny).WithSeed(3).WithLeads(3000).WithAccounts(100).WithDegreeOfParallelism(4).Generate();
        Assert.That(Hashes(four), Is.EqualTo(Hashes(one)));
    }

    [Test]
    public void Shards_together_equal_the_unsharded_world()
    {
        var full = Generator.FromRecipe(Tiny).WithSeed(5).Generate();
        var shards = Enumerable.Range(0, 3).Select(k => Generator.FromRecipe(Tiny).WithSeed(5).WithShard(k, 3).Generate()).ToArray();
        Assert.That(shards.Select(s => s.Descriptor.Shard), Is.EqualTo(new[] { new ShardSpec(0, 3), new ShardSpec(1, 3), new ShardSpec(2, 3) }));
        Assert.That(shards.Select(s => s.Tables["accounts"].RowCount), Has.All.GreaterThan(0));

        foreach (var name in new[] { "accounts", "leads" })
        {
            var table = full.Tables[name];
            var key = table.Schema.PrimaryKey!;
            var union = Table.Concat(table.Schema, shards.Select(s => s.Tables[name]).ToArray());
            Assert.That(union.RowCount, Is.EqualTo(table.RowCount), name);

            // Same rows, regardless of order: sort both by primary key and compare content.
            static Table SortBy(Table t, string column)
            {
                var ids = t[column].AsString();
                var order = Enumerable.Range(0, t.RowCount).OrderBy(r => ids[r], StringComparer.Ordinal).ToArray();
                return t.Take(order);
            }

            Assert.That(SortBy(union, key).ComputeContentHash(), Is.EqualTo(SortBy(table, key).ComputeContentHash()), name);
        }

        Assert.That(shards.Select(s => s.Descriptor.ConfigHash).Distinct().Single(), Is.EqualTo(full.Descriptor.ConfigHash));
    }

    [Test]
    public void Shard_arguments_are_checked()
    {
        var builder = Generator.FromRecipe(Tiny);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithShard(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithShard(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithShard(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithDegreeOfParallelism(0));
        Assert.That(ShardSpec.Parse("2/10"), Is.EqualTo(new ShardSpec(2, 10)));
        Assert.Throws<FormatException>(() => ShardSpec.Parse("10/10"));
        Assert.Throws<FormatException>(() => ShardSpec.Parse("a/b"));
        Assert.That(new ShardSpec(1, 3).Range(10), Is.EqualTo((3, 6)));
        Assert.That(new ShardSpec(1, 3).ToString(), Is.EqualTo("1/3"));
    }

    [Test]
    [NonParallelizable]
    public void Cancellation_mid_generation_throws_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var simulated = 0;
        TinyScheme.OnLeadSimulated = _ =>
        {
            if (Interlocked.Increment(ref simulated) == 50)
            {
                cts.Cancel();
            }
        };
        try
        {
            var progress = new SynchronousProgress();
            var builder = Generator.FromRecipe(Tiny).WithLeads(5000).WithAccounts(50).WithDegreeOfParallelism(2);
            Assert.That(() => builder.Generate(progress, cts.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(simulated, Is.GreaterThanOrEqualTo(50).And.LessThan(5000), "generation stopped part-way through the simulation");
            Assert.That(progress.Reports.Select(r => r.Stage), Does.Not.Contain(GenerationStage.Render));
        }
        finally
        {
            TinyScheme.OnLeadSimulated = null;
        }
    }

    [Test]
    public void An_already_cancelled_token_throws_before_any_work()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var progress = new SynchronousProgress();
        Assert.That(() => Generator.FromRecipe(Tiny).Generate(progress, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(progress.Reports, Is.Empty);
    }

    [Test]
    public void A_builder_generates_once()
    {
        var builder = Generator.FromRecipe(Tiny).WithSeed(1);
        _ = builder.Generate();
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Generate());
        Assert.That(ex!.Message, Does.Contain("already generated"));
    }

    [Test]
    public void Student_public_bundles_have_no_truth_and_instructor_bundles_do()
    {
        var student = Generator.FromRecipe(Tiny).WithExposure(ExposureMode.StudentPublic).Generate();
        var instructor = Generator.FromRecipe(Tiny).WithExposure(ExposureMode.ResearchInstructor).Generate();
        Assert.That(student.Truth, Is.Null);
        Assert.That(instructor.Truth, Is.Not.Null);
        Assert.That(instructor.Truth!.Graph.Family, Is.EqualTo("tiny_family"));
        Assert.That(instructor.Truth.Documents.Select(d => d.FileName), Does.Contain("world_spec.json"));
        Assert.That(student.Descriptor.ExposureMode, Is.EqualTo(ExposureMode.StudentPublic));
        Assert.That(instructor.Descriptor.ExposureMode, Is.EqualTo(ExposureMode.ResearchInstructor));
        Assert.That(student.Tables["leads"].HasColumn("converted"), Is.False);
        Assert.That(instructor.Tables["leads"].HasColumn("converted"), Is.True);
    }

    [Test]
    public void A_student_public_bundle_cannot_be_built_with_truth()
    {
        var instructor = Generator.FromRecipe(Tiny).WithExposure(ExposureMode.ResearchInstructor).Generate();
        var studentConfig = Generator.FromRecipe(Tiny).ResolveConfig();
        var descriptor = instructor.Descriptor with { ExposureMode = ExposureMode.StudentPublic };
        Assert.Throws<ArgumentException>(() => _ = new WorldBundle(descriptor, studentConfig, instructor.Tables.ToArray(), instructor.Tasks.ToArray(), "#", instructor.FeatureDictionary, instructor.Truth));
    }

    [Test]
    public void Progress_reports_every_stage_in_order()
    {
        var progress = new SynchronousProgress();
        _ = Generator.FromRecipe(Tiny).Generate(progress);
        var stages = progress.Reports.Select(r => r.Stage).Distinct().ToArray();
        Assert.That(stages, Is.EqualTo(new[] { GenerationStage.Plan, GenerationStage.BuildWorld, GenerationStage.Simulate, GenerationStage.Render }));
        foreach (var stage in stages)
        {
            var fractions = progress.Reports.Where(r => r.Stage == stage).Select(r => r.Fraction).ToArray();
            Assert.That(fractions.First(), Is.Zero, stage.ToString());
            Assert.That(fractions.Last(), Is.EqualTo(1.0), stage.ToString());
            Assert.That(fractions, Is.Ordered, stage.ToString());
        }

        // Stages never interleave: once a stage is left it never comes back.
        var transitions = progress.Reports.Zip(progress.Reports.Skip(1)).Count(p => p.First.Stage != p.Second.Stage);
        Assert.That(transitions, Is.EqualTo(3));
    }

    [Test]
    public async Task GenerateAsync_produces_the_same_bundle()
    {
        var sync = Generator.FromRecipe(Tiny).WithSeed(21).Generate();
        var progress = new SynchronousProgress();
        var async = await Generator.FromRecipe(Tiny).WithSeed(21).GenerateAsync(progress);
        Assert.That(Hashes(async), Is.EqualTo(Hashes(sync)));
        Assert.That(progress.Reports, Is.Not.Empty);
    }

    [Test]
    public void GenerateAsync_honours_an_already_cancelled_token()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await Generator.FromRecipe(Tiny).GenerateAsync(cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Bundle_carries_descriptor_config_tasks_and_features()
    {
        var bundle = Generator.FromRecipe(Tiny).WithSeed(13).WithDifficulty(Difficulty.Advanced).WithLeads(100).WithAccounts(10).Generate();
        var d = bundle.Descriptor;
        Assert.That(d.Scheme, Is.EqualTo("tiny"));
        Assert.That(d.RecipeId, Is.EqualTo(Tiny));
        Assert.That(d.Seed, Is.EqualTo(13));
        Assert.That(d.Difficulty, Is.EqualTo(Difficulty.Advanced));
        Assert.That(d.Population["leads"], Is.EqualTo(100));
        Assert.That(d.ConfigHash, Is.EqualTo(bundle.Config.ComputeHash()));
        Assert.That(d.PackageVersion, Is.EqualTo(LeadForgeInfo.PackageVersion));
        Assert.That(d.Shard, Is.Null);
        Assert.That(bundle.Tables.Names, Is.EqualTo(new[] { "accounts", "leads" }));
        Assert.That(bundle.Tables["leads"].RowCount, Is.EqualTo(100));
        var task = bundle.Tasks["tiny_conversion"];
        Assert.That(task.Train.RowCount + task.Valid.RowCount + task.Test.RowCount, Is.EqualTo(100));
        Assert.That(bundle.FeatureDictionary.Count(f => f.IsTarget), Is.EqualTo(1));
        Assert.Throws<KeyNotFoundException>(() => _ = bundle.Tables["nope"]);
        Assert.That(bundle.Tables.TryGet("nope", out _), Is.False);
    }

    [Test]
    public void Ids_are_numbered_by_the_plan()
    {
        var bundle = Generator.FromRecipe(Tiny).WithLeads(40).WithAccounts(4).WithDegreeOfParallelism(4).Generate();
        var leads = bundle.Tables["leads"]["lead_id"].AsString();
        Assert.That(leads.ToArray(), Is.EqualTo(Enumerable.Range(1, 40).Select(i => $"lead_{i:D6}").ToArray()));
        var accounts = bundle.Tables["leads"]["account_id"].AsString();
        Assert.That(accounts[5], Is.EqualTo("acct_000002"), "lead 6 (index 5) belongs to account index 5 % 4 = 1");
    }

    private sealed class SynchronousProgress : IProgress<GenerationProgress>
    {
        private readonly Lock _gate = new();

        public List<GenerationProgress> Reports { get; } = [];

        public void Report(GenerationProgress value)
        {
            lock (_gate)
            {
                Reports.Add(value);
            }
        }
    }
}
