using LeadForge.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// A settings rule names its key through <c>ConfigKey.Of&lt;T&gt;(nameof(…))</c>, never as a string literal,
/// so a renamed property cannot leave a rule reporting at a key the binder no longer binds. Every call to
/// a <c>SettingsValidationScope</c> method in the shipped files that use the scope (the validator's own
/// <c>Require</c>/<c>Fail</c> take check ids, not keys) is parsed with Roslyn; the key argument
/// may join keys with <c>"."</c> or an index, but may not spell a key name itself.
/// </summary>
public sealed class ConfigKeyLiteralTests
{
    /// <summary>The scope's methods and the position of their key parameter.</summary>
    private static readonly Dictionary<string, int> KeyArgument = new(StringComparer.Ordinal)
    {
        ["Child"] = 0,
        ["Fail"] = 0,
        ["Require"] = 1,
        ["InRange"] = 0,
        ["SumsToOne"] = 0,
        ["HasLength"] = 0,
        ["HasPositiveWeights"] = 0,
        ["Unique"] = 0,
    };

    private static readonly string[] ShippedFolders =
    [
        "LeadForge.Core",
        "LeadForge.Rendering",
        "LeadForge.Schemes.LeadScoring",
        "LeadForge.Schemes.Lifecycle",
        "LeadForge.Validation",
        "LeadForge.Cli",
    ];

    [Test]
    public void No_settings_rule_spells_its_key_as_a_string_literal()
    {
        var offenders = ShippedFolders
            .SelectMany(f => Directory.EnumerateFiles(RepositoryPaths.Of(f), "*.cs", SearchOption.AllDirectories))
            .Where(p => !IsBuildOutput(p))
            .Select(p => (Path: p, Text: File.ReadAllText(p)))
            .Where(f => f.Text.Contains("SettingsValidationScope", StringComparison.Ordinal))
            .SelectMany(f => LiteralKeys(CSharpSyntaxTree.ParseText(f.Text), Path.GetRelativePath(RepositoryPaths.Root, f.Path)))
            .ToArray();

        Assert.That(offenders, Is.Empty, string.Join(Environment.NewLine, offenders));
    }

    [Test]
    public void The_scan_finds_a_literal_key_and_accepts_joined_nameof_keys()
    {
        const string code = """
            class C
            {
                void M(SettingsValidationScope scope, string name)
                {
                    scope.Require(true, "funnel.advance_logit", "m");
                    scope.Fail($"motif_families.{name}", "m");
                    scope.InRange("x" + "." + name, 1, 0, 2);
                    scope.Require(true, ConfigKey.Of<S>(nameof(S.A)) + "." + name + "[" + 1 + "]", "m");
                    scope.Require(true, "", "the scope itself");
                    other.Require("not a key", 1, "m"); // the key position holds no literal
                }
            }
            """;
        var found = LiteralKeys(CSharpSyntaxTree.ParseText(code), "snippet.cs").ToArray();

        Assert.That(found, Has.Length.EqualTo(3), string.Join(Environment.NewLine, found));
        Assert.That(found[0], Does.Contain("\"funnel.advance_logit\""));
        Assert.That(found[1], Does.Contain("motif_families."));
        Assert.That(found[2], Does.Contain("\"x\""));
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static IEnumerable<string> LiteralKeys(SyntaxTree tree, string file)
    {
        foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax member
                || !KeyArgument.TryGetValue(member.Name.Identifier.ValueText, out var position)
                || call.ArgumentList.Arguments.Count <= position)
            {
                continue;
            }

            var key = call.ArgumentList.Arguments[position].Expression;
            var spelled = key.DescendantNodesAndSelf()
                .Where(n => n is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or InterpolatedStringTextSyntax)
                .Where(n => n.ToString().Trim('"').Any(char.IsLetter))
                .ToArray();
            if (spelled.Length > 0)
            {
                var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                yield return $"{file}:{line}: key {key} spells {string.Join(", ", spelled.Select(s => s.ToString()))}";
            }
        }
    }
}
