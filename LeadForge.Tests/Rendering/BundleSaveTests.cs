using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using SaveOptions = LeadForge.Rendering.SaveOptions;
using LeadForge.Rendering;
using LeadForge.Schemes;

namespace LeadForge.Tests.Rendering;

public class BundleSaveTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Saved_bundle_has_the_spec_layout()
    {
        var bundle = TinyWorlds.Generate();
        var path = _scratch["world"];
        await bundle.SaveAsync(path, TinyWorlds.Options());

        Assert.That(TinyWorlds.Files(path), Is.EqualTo(new[]
        {
            "dataset_card.md",
            "exports/source_records/about.json",
            "exports/source_records/source_records.parquet",
            "feature_dictionary.csv",
            "manifest.json",
            "tables/accounts.parquet",
            "tables/leads.parquet",
            "tasks/tiny_conversion/task_manifest.json",
            "tasks/tiny_conversion/test.parquet",
            "tasks/tiny_conversion/train.parquet",
            "tasks/tiny_conversion/valid.parquet",
        }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(path, "dataset_card.md")), Is.EqualTo(bundle.DatasetCard));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Two_saves_of_the_same_world_are_byte_identical_except_generated_at()
    {
        var first = _scratch["a"];
        var second = _scratch["b"];
        await TinyWorlds.Generate(ExposureMode.ResearchInstructor).SaveAsync(first, TinyWorlds.Options());
        await TinyWorlds.Generate(ExposureMode.ResearchInstructor).SaveAsync(second, new SaveOptions { TimeProvider = new FixedTimeProvider(FixedTimeProvider.Default.AddHours(5)) });

        var files = TinyWorlds.Files(first);
        Assert.That(TinyWorlds.Files(second), Is.EqualTo(files));
        foreach (var file in files.Where(f => f != "manifest.json"))
        {
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(second, file)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(first, file))), file);
        }

        var a = JsonNodeOf(Path.Combine(first, "manifest.json"));
        var b = JsonNodeOf(Path.Combine(second, "manifest.json"));
        Assert.That(a["generated_at"]!.GetValue<string>(), Is.EqualTo("2025-01-02T03:04:05.0000000Z"));
        Assert.That(b["generated_at"]!.GetValue<string>(), Is.EqualTo("2025-01-02T08:04:05.0000000Z"));
        a.Remove("generated_at");
        b.Remove("generated_at");
        Assert.That(b.ToJsonString(), Is.EqualTo(a.ToJsonString()));
    }

    [Test]
    public async Task Manifest_inventories_every_file_with_matching_sha256_and_size()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var path = _scratch["world"];
        var returned = await bundle.SaveAsync(path, TinyWorlds.Options(csvCopies: true));
        var manifest = await BundleManifest.LoadAsync(path);

        Assert.That(manifest.ToJson(), Is.EqualTo(returned.ToJson()), "the returned manifest is the one on disk");
        Assert.That(manifest.Files.Select(f => f.Path).Order(StringComparer.Ordinal), Is.EqualTo(TinyWorlds.Files(path).Where(f => f != "manifest.json")));
        foreach (var file in manifest.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(path, file.Path));
            Assert.That(file.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))), file.Path);
            Assert.That(file.SizeBytes, Is.EqualTo(bytes.Length), file.Path);
        }

        var leads = manifest.Files.Single(f => f.Path == "tables/leads.parquet");
        Assert.That(leads.Kind, Is.EqualTo(BundleFileKind.Table));
        Assert.That(leads.RowCount, Is.EqualTo(bundle.Tables["leads"].RowCount));
        Assert.That(leads.Columns!.Select(c => (c.Name, c.Type, c.Nullable)), Is.EqualTo(bundle.Tables["leads"].Schema.Columns.Select(c => (c.Name, c.Type, c.Nullable))));
        var train = manifest.Files.Single(f => f.Path == "tasks/tiny_conversion/train.parquet");
        Assert.That((train.Kind, train.Name, train.Split, train.RowCount), Is.EqualTo((BundleFileKind.TaskSplit, "tiny_conversion", "train", (long?)bundle.Tasks[0].Train.RowCount)));
        Assert.That(manifest.Files.Any(f => f.Path == "tables/leads.csv" && f.RowCount == leads.RowCount), "CSV copies are inventoried");
    }

    [Test]
    public async Task Manifest_records_descriptor_recipe_settings_and_resolved_config()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor, seed: 11, leads: 120);
        var path = _scratch["world"];
        await bundle.SaveAsync(path, TinyWorlds.Options());
        var m = await BundleManifest.LoadAsync(path);
        var raw = JsonNodeOf(Path.Combine(path, "manifest.json"));

        Assert.Multiple(() =>
        {
            Assert.That(m.BundleSchemaVersion, Is.EqualTo(LeadForgeInfo.BundleSchemaVersion));
            Assert.That(m.PackageVersion, Is.EqualTo(bundle.Descriptor.PackageVersion));
            Assert.That((m.Scheme, m.RecipeId, m.Seed), Is.EqualTo(("tiny", "tiny_world_v1", 11L)));
            Assert.That(raw["exposure_mode"]!.GetValue<string>(), Is.EqualTo("research_instructor"));
            Assert.That(raw["difficulty"]!.GetValue<string>(), Is.EqualTo(bundle.Descriptor.Difficulty.ToWire()));
            Assert.That(m.Population["leads"], Is.EqualTo(120));
            Assert.That(m.HorizonDays, Is.EqualTo(bundle.Config.Recipe.HorizonDays));
            Assert.That(m.Shard, Is.Null);
            Assert.That(m.ConfigHash, Is.EqualTo(bundle.Config.ComputeHash()));
            Assert.That(JsonElement.DeepEquals(m.ResolvedConfig, JsonDocument.Parse(bundle.Config.ToJson()).RootElement), Is.True, "resolved_config embeds Config.ToJson()");
            Assert.That(m.GeneratedAt, Is.EqualTo(FixedTimeProvider.Default.UtcDateTime));
            Assert.That(m.Tasks.Single(), Is.EqualTo(new ManifestTask("tiny_conversion", bundle.Tasks[0].Train.RowCount, bundle.Tasks[0].Valid.RowCount, bundle.Tasks[0].Test.RowCount)));
            Assert.That(raw.Select(p => p.Key).Take(4), Is.EqualTo(new[] { "bundle_schema_version", "package_version", "scheme", "recipe_id" }));
            Assert.That(raw["resolved_config"], Is.InstanceOf<System.Text.Json.Nodes.JsonObject>());
        });
    }

    [Test]
    public async Task Every_table_and_split_reads_back_equal_to_the_in_memory_table()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var path = _scratch["world"];
        await bundle.SaveAsync(path, TinyWorlds.Options(rowGroupSize: 37));

        foreach (var table in bundle.Tables)
        {
            var read = await BundleReader.ReadTableAsync(path, table.Name);
            Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), table.Name);
            Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns), table.Name);
            Assert.That(read.Schema.PrimaryKey, Is.EqualTo(table.Schema.PrimaryKey));
            Assert.That(read.Schema.ForeignKeys, Is.EqualTo(table.Schema.ForeignKeys));
        }

        foreach (var task in bundle.Tasks)
        {
            foreach (var (split, table) in task.Splits)
            {
                var read = await BundleReader.ReadTaskSplitAsync(path, task.Id, split);
                Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), split);
            }
        }
    }

    [Test]
    public async Task Task_manifest_and_feature_dictionary_describe_the_task()
    {
        var bundle = TinyWorlds.Generate();
        var path = _scratch["world"];
        await bundle.SaveAsync(path, TinyWorlds.Options());

        var task = JsonNodeOf(Path.Combine(path, "tasks/tiny_conversion/task_manifest.json"));
        var m = bundle.Tasks[0].Manifest;
        Assert.That(task["task_id"]!.GetValue<string>(), Is.EqualTo(m.TaskId));
        Assert.That(task["split_strategy"]!.GetValue<string>(), Is.EqualTo("random"));
        Assert.That(task["fractions"]!["valid"]!.GetValue<double>(), Is.EqualTo(m.Fractions.Valid));
        Assert.That(task["label_window_days"]!.GetValue<int>(), Is.EqualTo(m.LabelWindowDays));
        Assert.That(task["documented_traps"]!.AsArray(), Is.Empty);
        Assert.That(task["group_column"], Is.Null);
        Assert.That(task["row_counts"]!["train"]!.GetValue<int>(), Is.EqualTo(bundle.Tasks[0].Train.RowCount));
        Assert.That(task.Select(p => p.Key), Is.SupersetOf(new[] { "task_type", "description", "label_column", "row_id_column", "anchor_column", "anchor_rule", "primary_table", "stratify_column", "time_column", "leakage_policy" }));

        var lines = await File.ReadAllLinesAsync(Path.Combine(path, "feature_dictionary.csv"));
        Assert.That(lines[0], Is.EqualTo("name,type,description,category,source_table,window,leakage_risk,is_target,modes,null_share"));
        Assert.That(lines, Has.Length.EqualTo(bundle.FeatureDictionary.Count + 1));
        Assert.That(lines, Does.Contain("converted,boolean,Label.,target,leads,creation,false,true,student_public;research_instructor,0"));
    }

    [Test]
    public async Task Instructor_bundle_has_metadata_with_graph_json_and_graphml_public_has_none()
    {
        var instructor = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var publicPath = _scratch["public"];
        var instructorPath = _scratch["instructor"];
        await TinyWorlds.Generate().SaveAsync(publicPath, TinyWorlds.Options());
        await instructor.SaveAsync(instructorPath, TinyWorlds.Options());

        Assert.That(Directory.Exists(Path.Combine(publicPath, "metadata")), Is.False);
        Assert.That(TinyWorlds.Files(instructorPath).Where(f => f.StartsWith("metadata/", StringComparison.Ordinal)), Is.EqualTo(new[] { "metadata/graph.graphml", "metadata/graph.json", "metadata/world_spec.json" }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(instructorPath, "metadata/graph.json")), Is.EqualTo(instructor.Truth!.Graph.ToJson()));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(instructorPath, "metadata/world_spec.json")), Is.EqualTo(instructor.Truth.Documents[0].Json));

        var xml = XDocument.Load(Path.Combine(instructorPath, "metadata/graph.graphml"));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var keys = xml.Root!.Elements(ns + "key").ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.name")!);
        var graph = xml.Root.Element(ns + "graph")!;
        Assert.That((string?)graph.Attribute("edgedefault"), Is.EqualTo("directed"));
        var nodes = graph.Elements(ns + "node").ToArray();
        Assert.That(nodes.Select(n => (string)n.Attribute("id")!), Is.EqualTo(instructor.Truth.Graph.Nodes.Select(n => n.Id)));
        foreach (var (element, node) in nodes.Zip(instructor.Truth.Graph.Nodes))
        {
            var data = element.Elements(ns + "data").ToDictionary(d => keys[(string)d.Attribute("key")!], d => d.Value);
            Assert.That(data["type"], Is.EqualTo(node.Kind.ToWire()));
            Assert.That(data["label"], Is.EqualTo(node.Label));
            Assert.That(data["mechanism"], Is.EqualTo(node.Mechanism.ToWire()));
        }

        var edges = graph.Elements(ns + "edge").ToArray();
        Assert.That(edges, Has.Length.EqualTo(instructor.Truth.Graph.Edges.Count));
        foreach (var (element, edge) in edges.Zip(instructor.Truth.Graph.Edges))
        {
            Assert.That(((string)element.Attribute("source")!, (string)element.Attribute("target")!), Is.EqualTo((edge.Source, edge.Target)));
            var weight = element.Elements(ns + "data").Single(d => keys[(string)d.Attribute("key")!] == "weight").Value;
            Assert.That(double.Parse(weight, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(edge.Weight));
        }
    }

    [Test]
    public async Task Csv_format_writes_csv_tables_and_splits_with_manifest_columns()
    {
        var path = _scratch["world"];
        var manifest = await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options(format: TableFormat.Csv));
        Assert.That(TinyWorlds.Files(path).Where(f => f.StartsWith("tables/", StringComparison.Ordinal) || f.StartsWith("tasks/", StringComparison.Ordinal)).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)),
            Is.All.EndsWith(".csv"));
        Assert.That(manifest.Files.Single(f => f.Path == "tables/leads.csv").RowCount, Is.EqualTo(200));
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadTableAsync(path, "leads"));
        Assert.That(ex!.Message, Does.Contain("CSV"));
    }

    [Test]
    public async Task Progress_is_reported_per_file_in_the_save_stage()
    {
        var reports = new List<GenerationProgress>();
        var path = _scratch["world"];
        var manifest = await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options(progress: new SyncProgress(reports.Add)));

        Assert.That(reports, Has.Count.EqualTo(manifest.Files.Count + 1));
        Assert.That(reports.Select(r => r.Stage), Is.All.EqualTo(GenerationStage.Save));
        Assert.That(reports.Select(r => r.Fraction), Is.Ordered.Ascending);
        Assert.That(reports[^1].Fraction, Is.EqualTo(1.0));
        Assert.That(reports.Select(r => r.Detail), Is.EqualTo(manifest.Files.Select(f => f.Path).Append("manifest.json")));
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeOf(string file) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
}
