using System.Text.RegularExpressions;
using LeadForge.Cli.CommandLine;
using LeadForge.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace LeadForge.Tests.Deploy;

/// <summary>
/// The Kubernetes Indexed Job in deploy/k8s runs one shard per pod: checks the fields that make that
/// true, and that the command line each pod runs parses for every index.
/// </summary>
[TestFixture]
public sealed class KubernetesJobTests
{
    private static YamlMappingNode LoadJob()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryPaths.Of("deploy", "k8s", "leadforge-sharded-job.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Test]
    public void It_is_an_indexed_job_with_one_completion_per_shard()
    {
        var job = LoadJob();
        Assert.Multiple(() =>
        {
            Assert.That(Text(job, "apiVersion"), Is.EqualTo("batch/v1"));
            Assert.That(Text(job, "kind"), Is.EqualTo("Job"));
            Assert.That(Text(job, "spec", "completionMode"), Is.EqualTo("Indexed"));
            Assert.That(int.Parse(Text(job, "spec", "parallelism"), System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(int.Parse(Text(job, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Text(job, "spec", "template", "spec", "restartPolicy"), Is.EqualTo("Never"));
        });
    }

    [Test]
    public void Each_pod_generates_its_own_shard_of_the_same_world_into_the_shared_volume()
    {
        var job = LoadJob();
        var completions = int.Parse(Text(job, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var container = (YamlMappingNode)((YamlSequenceNode)At(job, "spec", "template", "spec", "containers")).Children.Single();
        var script = string.Join(" ", ((YamlSequenceNode)At(container, "args")).Children.Select(c => ((YamlScalarNode)c).Value));
        var mountPath = Text(((YamlSequenceNode)At(container, "volumeMounts")).Children.Single(), "mountPath");
        var memoryLimit = Text(container, "resources", "limits", "memory");

        Assert.That(script, Does.Contain($"--shard \"${{JOB_COMPLETION_INDEX}}/{completions}\""), "the shard count equals the number of completions");
        var outPath = Regex.Match(script, @"--out (\S+)").Groups[1].Value;
        Assert.That(outPath, Does.StartWith(mountPath + "/"), "every pod writes into the shared volume");
        Assert.That(memoryLimit, Is.Not.Empty, "a memory limit bounds each shard");

        for (var index = 0; index < completions; index++)
        {
            var line = script.Replace("${JOB_COMPLETION_INDEX}", index.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal);
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(a => a != "generate").ToArray();
            var parse = LeadForgeCli.BuildRootCommand(new CliConsole(TextWriter.Null, TextWriter.Null, false)).Parse(args);
            Assert.That(parse.Errors, Is.Empty, $"pod {index}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }
}
