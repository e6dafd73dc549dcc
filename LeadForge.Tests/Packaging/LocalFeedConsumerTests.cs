using System.Diagnostics;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Packaging;

/// <summary>
/// Packs every shipped project into a local folder feed, then builds and runs samples/Consumer — a
/// tiny app that references LeadForge only as NuGet packages — against that feed. A unique
/// prerelease version guarantees the LeadForge packages can only come from the local feed; their
/// third-party dependencies come from the machine's own NuGet configuration.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class LocalFeedConsumerTests
{
    private static readonly string[] ShippedPackages = ["LeadForge.Core", "LeadForge.Schemes.LeadScoring", "LeadForge.Rendering", "LeadForge.Validation", "LeadForge.Cli"];

    [Test]
    [CancelAfter(600_000)]
    public async Task Packages_from_a_local_feed_build_and_run_a_consumer_that_generates_saves_and_validates_a_bundle(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("leadforge-consumer-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent?.Name ?? "Release";

            // Pack what `dotnet test` has just built (no second build), stamped with the unique version.
            foreach (var shipped in ShippedPackages)
            {
                await RunAsync(RepositoryPaths.Root, cancellationToken, "pack", RepositoryPaths.Of(shipped, shipped + ".csproj"), "-c", configuration, "--no-build", "--no-restore", "-o", feed, $"-p:PackageVersion={version}");
            }

            var packages = Directory.GetFiles(feed).Select(Path.GetFileName).ToArray();
            foreach (var id in ShippedPackages)
            {
                Assert.That(packages, Does.Contain($"{id}.{version}.nupkg"), $"{id} was packed");
                Assert.That(packages, Does.Contain($"{id}.{version}.snupkg"), $"{id} has a symbols package");
            }

            // Copy the consumer and the compiled quickstart next to a nuget.config that adds only the feed.
            var app = Path.Combine(work.FullName, "app");
            CopyDirectory(RepositoryPaths.Of("samples"), app);
            await File.WriteAllTextAsync(
                Path.Combine(app, "nuget.config"),
                $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="leadforge-local-feed" value="{feed}" />
                  </packageSources>
                </configuration>
                """,
                cancellationToken);

            var project = Path.Combine(app, "Consumer", "LeadForge.Samples.Consumer.csproj");
            await RunAsync(app, cancellationToken, "build", project, "-c", "Release", $"-p:LeadForgeVersion={version}");
            var output = await RunAsync(app, cancellationToken, "run", "--project", project, "-c", "Release", "--no-build", "--", Path.Combine(work.FullName, "bundle"));

            Assert.That(output, Does.Contain("consumer: bundle generated, saved and validated"));
            Assert.That(File.Exists(Path.Combine(work.FullName, "bundle", "manifest.json")), Is.True);
            var assets = await File.ReadAllTextAsync(Path.Combine(app, "Consumer", "obj", "project.assets.json"), cancellationToken);
            Assert.That(assets, Does.Contain($"LeadForge.Core/{version}"), "LeadForge.Core resolved from the local feed");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(0), $"dotnet {string.Join(' ', args)} failed:\n{text}");
        return text;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "out"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
