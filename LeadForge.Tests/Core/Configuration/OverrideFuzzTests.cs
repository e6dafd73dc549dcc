using System.Globalization;
using System.Text;
using CsCheck;
using LeadForge.Configuration;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>
/// Issue 18 point 6: property-based fuzzing of override documents and recipes. CsCheck generators build
/// YAML that sets the recipe's own keys to wrong types, out-of-range and absurd values, deep nesting,
/// anchors, aliases and tags, or that corrupts the recipe text itself (loaded as an override and as a
/// recipe of its own); every document must either resolve (and
/// then generate a small world) or be refused with a typed, located error — never an unhandled
/// exception. The cases are drawn from a fixed PCG seed, so a CI run is reproducible; set
/// <c>LEADFORGE_FUZZ_CASES</c>, <c>LEADFORGE_FUZZ_SEED</c> and <c>LEADFORGE_FUZZ_GENERATIONS</c> to run a larger or different sweep.
/// </summary>
public sealed class OverrideFuzzTests
{
    private const string RecipeId = "b2b_saas_procurement_v1";
    private const string Location = "fuzz.yaml";
    private const int GenerationsPerSweep = 25;

    /// <summary>How long one case may take (a 60-lead world generates in well under a second); longer is a hang.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<(string Path, ConfigNode Node)[]> Keys = new(() => Walk(RecipeCatalog.GetSource(RecipeId).Tree, string.Empty).ToArray());

    private static readonly Lazy<string> RecipeText = new(() =>
        File.ReadAllText(RepositoryPaths.Of("LeadForge.Schemes.LeadScoring", "Recipes", RecipeId + ".yaml")));

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("LEADFORGE_FUZZ_CASES"), out var n) && n > 0 ? n : 400;

    /// <summary>How many resolved documents of a sweep are also generated (<c>LEADFORGE_FUZZ_GENERATIONS</c>; the rest are only resolved).</summary>
    private static int? Generations => int.TryParse(Environment.GetEnvironmentVariable("LEADFORGE_FUZZ_GENERATIONS"), out var g) && g >= 0 ? g : null;

    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("LEADFORGE_FUZZ_SEED"), out var s) ? s : 20261204;

    /// <summary>What a document led to.</summary>
    private enum Outcome
    {
        Resolved,
        TypedError,
        UnlocatedError,
        Crash,
        Hang,
    }

    [Test]
    public void Hostile_values_for_the_recipes_own_keys_are_typed_located_errors_or_valid() =>
        Sweep(Assignments(), stream: 1);

    [Test]
    public void A_corrupted_copy_of_the_recipe_as_an_override_is_a_typed_located_error_or_valid() =>
        Sweep(CorruptedRecipe(), stream: 2);

    [Test]
    public void A_corrupted_recipe_loaded_as_a_recipe_is_a_typed_located_error_or_valid() =>
        Sweep(CorruptedRecipe(), stream: 4, build: yaml => Generator.FromRecipe(RecipeCatalog.Parse(yaml, Location)));

    [Test]
    public void Boundary_values_of_numeric_keys_generate_or_are_refused_never_crash() =>
        Sweep(Boundaries(), stream: 3, generations: 60);

    [Test]
    public void The_generators_produce_what_the_sweep_claims_to_cover()
    {
        var pcg = new PCG(1, Seed);
        var docs = Enumerable.Range(0, 300).Select(_ => Assignments().Generate(pcg, null, out CsCheck.Size _)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(docs.Count(d => d.Contains('&', StringComparison.Ordinal)), Is.GreaterThan(3), "anchors");
            Assert.That(docs.Count(d => d.Contains("!!", StringComparison.Ordinal) || d.Contains("!custom", StringComparison.Ordinal)), Is.GreaterThan(3), "tags");
            Assert.That(docs.Count(d => d.Contains("[[[[[[[[", StringComparison.Ordinal)), Is.GreaterThan(3), "deep nesting");
            Assert.That(docs.Count(d => d.Contains("1e308", StringComparison.Ordinal) || d.Contains(".nan", StringComparison.Ordinal)), Is.GreaterThan(3), "absurd numbers");
            Assert.That(docs.Count(d => d.Contains('\t', StringComparison.Ordinal)), Is.GreaterThan(3), "tabs");
        });
    }

    private static void Sweep(Gen<string> documents, uint stream, int generations = GenerationsPerSweep, Func<string, GeneratorBuilder>? build = null)
    {
        build ??= yaml => Generator.FromRecipe(RecipeId).WithOverrideText(yaml, Location);
        var budget = Generations ?? generations;
        var pcg = new PCG(stream, Seed);
        var counts = new Dictionary<Outcome, int>();
        var failures = new List<string>();
        generations = 0;
        for (var i = 0; i < Cases; i++)
        {
            var yaml = documents.Generate(pcg, null, out CsCheck.Size _);
            var generate = generations < budget;
            var run = Task.Run(() => Classify(() => build(yaml), generate));
            var (outcome, detail) = run.Wait(CaseTimeout) ? run.Result : (Outcome.Hang, $"no answer within {CaseTimeout.TotalSeconds:0} s");
            generations += generate && outcome == Outcome.Resolved ? 1 : 0;
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            if (Environment.GetEnvironmentVariable("LEADFORGE_FUZZ_VERBOSE") is not null)
            {
                TestContext.Out.WriteLine($"=== {outcome}: {detail}\n{yaml}");
            }

            if (outcome is Outcome.Crash or Outcome.UnlocatedError or Outcome.Hang && failures.Count < 5)
            {
                failures.Add($"--- {outcome}: {detail}\n{(yaml.Length > 600 ? yaml[..600] + " …" : yaml)}");
            }

            if (outcome == Outcome.Hang)
            {
                break; // the hung case's thread keeps a core busy; the rest of the sweep would be noise
            }
        }

        TestContext.Out.WriteLine(
            $"{Cases} cases (seed {Seed}, stream {stream}): {counts.GetValueOrDefault(Outcome.Resolved)} resolved ({generations} generated), "
            + $"{counts.GetValueOrDefault(Outcome.TypedError)} typed located errors, {counts.GetValueOrDefault(Outcome.UnlocatedError)} unlocated errors, "
            + $"{counts.GetValueOrDefault(Outcome.Crash)} crashes, {counts.GetValueOrDefault(Outcome.Hang)} hangs");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(counts.GetValueOrDefault(Outcome.TypedError), Is.GreaterThan(Cases / 10), "the sweep reaches the error paths");
        Assert.That(generations, Is.GreaterThan(0), "the sweep reaches generation");
    }

    private static (Outcome Outcome, string Detail) Classify(Func<GeneratorBuilder> build, bool generate)
    {
        try
        {
            var builder = build();
            builder.ResolveConfig();
            if (generate)
            {
                builder.WithCount("leads", 60).WithCount("accounts", 20).WithCount("contacts", 40).WithDegreeOfParallelism(1).Generate();
            }

            return (Outcome.Resolved, string.Empty);
        }
        catch (RecipeException ex)
        {
            return ex.Line is > 0 && ex.Column is > 0 && ex.Location == Location
                ? (Outcome.TypedError, ex.Message)
                : (Outcome.UnlocatedError, $"{ex.Message} (location {ex.Location}:{ex.Line}:{ex.Column})");
        }
        catch (ConfigValidationException ex)
        {
            var unlocated = ex.Problems.Where(p => p.KeyPath.Length == 0 && p.Line is not > 0).ToArray();
            return unlocated.Length == 0 ? (Outcome.TypedError, ex.Message) : (Outcome.UnlocatedError, string.Join("; ", unlocated.Select(p => p.ToString())));
        }
        catch (LeadForgeException ex)
        {
            // A typed error raised after resolution (generation refused the world) names what is wrong in words.
            return (Outcome.TypedError, ex.Message);
        }
        catch (Exception ex)
        {
            return (Outcome.Crash, ex.ToString().Split('\n').Take(6).Aggregate((a, b) => a + "\n" + b));
        }
    }

    /// <summary>Override documents that set one to four of the recipe's keys to hostile values.</summary>
    private static Gen<string> Assignments()
    {
        var key = Gen.Int[0, Keys.Value.Length - 1].Select(i => Keys.Value[i].Path);
        var assignment = Gen.Select(key, HostileValue());
        return Gen.Select(assignment.Array[1, 4], Gen.Int[0, 9], (pairs, style) => Render(pairs, style));
    }

    private static Gen<string> HostileValue()
    {
        var absurd = Gen.OneOf<string>(
            "-1", "0", "-0", "1e308", "-1e308", "1e-320", ".nan", ".inf", "-.inf", "99999999999999999999999", "2147483648", "-2147483649",
            "9223372036854775808", "0x10", "1_000", "3.5", "007", "1.0000001", "-0.000001");
        var text = Gen.OneOf<string>(
            "\"\"", "x", "'💥'", "\"\\u0000\"", "null", "~", "true", "no", "yes", "2024-02-30", "2024-13-01", "9999-12-31", "0001-01-01", "\"1\"",
            "unknown_value", "\"a\\tb\"", "'#not a comment'", "\"" + new string('z', 300) + "\"");
        var collections = Gen.OneOf<string>(
            "[]", "{}", "[1, 2, 3]", "[-1, -1]", "[0, 0, 0, 0, 0, 0, 0]", "{x: 1}", "[[1]]", "[a, b]", "[.nan, 1]", "[1e308, 1e308]", "{seed: 1}", "[{a: 1}]");
        var structure = Gen.OneOf(
            Gen.OneOf<string>(
                "&a 1", "*a", "!!str 1", "!!float 0.2", "!!int 3", "!!map {}", "!custom x", "!<tag:x> 1",
                "[1, 2", "{a: ", "]", "}", ": :", "- - -", "'unterminated", "\"unterminated", "|\n  a literal\n", "@x", "`x"),
            Gen.Int[1, 80].Select(n => new string('[', n) + new string(']', n)),
            Gen.Int[1, 80].Select(n => string.Concat(Enumerable.Repeat("{a: ", n)) + "1" + new string('}', n)),
            Gen.Int[1, 300].Select(n => new string('[', n)));
        var numbers = Gen.OneOf(
            Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
            Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Double[-10, 10].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Double[-10, 10].Array[0, 15].Select(a => "[" + string.Join(", ", a.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "]"));
        var noise = Gen.String[Gen.Char["abz09 :#&*!|>-{}[],'\"%@`\\\t?"], 0, 12];
        return Gen.Frequency<string>((4, absurd), (3, text), (3, collections), (3, structure), (4, numbers), (1, noise));
    }

    /// <summary>
    /// YAML that sets each dotted path to its value: block style, flow style, with a tab, with an unknown
    /// key or with the same key twice, chosen by <paramref name="style"/>.
    /// </summary>
    private static string Render((string Path, string Value)[] pairs, int style)
    {
        var yaml = new StringBuilder();
        if (style == 0)
        {
            yaml.Append('{').AppendJoin(", ", pairs.Select(p => FlowOf(p.Path.Split('.'), p.Value))).Append("}\n");
            return yaml.ToString();
        }

        foreach (var (path, value) in pairs)
        {
            var parts = path.Split('.');
            for (var depth = 0; depth < parts.Length; depth++)
            {
                var indent = style == 1 && depth > 0 ? new string('\t', depth) : new string(' ', 2 * depth);
                yaml.Append(indent).Append(parts[depth]).Append(':');
                yaml.Append(depth == parts.Length - 1 ? " " + value.Replace("\n", "\n" + indent + "  ", StringComparison.Ordinal) : string.Empty).Append('\n');
            }
        }

        if (style == 2)
        {
            yaml.Append("no_such_key_anywhere: 1\n");
        }
        else if (style == 3)
        {
            yaml.Append(yaml.ToString());
        }

        return yaml.ToString();
    }

    private static string FlowOf(string[] parts, string value) =>
        parts.Length == 1 ? $"{parts[0]}: {value.Replace('\n', ' ')}" : $"{parts[0]}: {{{FlowOf(parts[1..], value)}}}";

    /// <summary>
    /// One numeric key (or list of numbers) of the recipe set to a boundary: 0, ±1, tiny, huge, all-zero
    /// weights, one negative weight, one entry fewer. Whatever validation lets through must generate.
    /// </summary>
    private static Gen<string> Boundaries()
    {
        static bool IsNumber(ConfigNode n) => n is ConfigScalar { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        var numeric = Keys.Value.Where(k => IsNumber(k.Node) || k.Node is ConfigSequence { Items.Count: > 0 } q && q.Items.All(IsNumber)).ToArray();
        var scalar = Gen.OneOf<string>("0", "1", "-1", "2", "0.5", "1e-9", "0.999999", "1000000", "1e12", "100", "365", "3650");
        return Gen.Select(Gen.Int[0, numeric.Length - 1], scalar, Gen.Int[0, 3], (i, value, shape) =>
        {
            var (path, node) = numeric[i];
            if (node is ConfigSequence list)
            {
                var n = list.Items.Count;
                var items = shape switch
                {
                    0 => Enumerable.Repeat("0", n),
                    1 => Enumerable.Repeat(value, n),
                    2 => Enumerable.Repeat("1", n - 1).Prepend("-1"),
                    _ => Enumerable.Repeat(value, Math.Max(1, n - 1)),
                };
                value = "[" + string.Join(", ", items) + "]";
            }

            return Render([(path, value)], style: 9);
        });
    }

    /// <summary>The recipe's own text with one to three random edits: deletions, insertions, duplicated or swapped lines.</summary>
    private static Gen<string> CorruptedRecipe()
    {
        var edit = Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Int[1, 40], Gen.Char["-:#&*![]{}'\"\t 0123456789.\n"]);
        return edit.Array[1, 3].Select(edits =>
        {
            var text = RecipeText.Value;
            foreach (var (op, where, length, ch) in edits)
            {
                var at = (int)(where * (text.Length - 1));
                var lines = text.Split('\n');
                var line = (int)(where * (lines.Length - 1));
                text = op switch
                {
                    0 => text.Remove(at, Math.Min(length, text.Length - at)),
                    1 => text.Insert(at, new string(ch, 1 + (length % 3))),
                    2 => string.Join('\n', lines.Take(line + 1).Concat(lines.Skip(line))),
                    3 when line + 1 < lines.Length => string.Join('\n', lines.Take(line).Append(lines[line + 1]).Append(lines[line]).Concat(lines.Skip(line + 2))),
                    4 => char.IsAsciiDigit(text[at]) ? text.Remove(at, 1).Insert(at, "9999999") : text.Insert(at, "-"),
                    _ => text.Remove(at, 1).Insert(at, ch.ToString()),
                };
            }

            return text;
        });
    }

    private static IEnumerable<(string Path, ConfigNode Node)> Walk(ConfigNode node, string prefix)
    {
        if (node is ConfigMapping mapping)
        {
            foreach (var (key, entry) in mapping.Entries)
            {
                var path = prefix.Length == 0 ? key : prefix + "." + key;
                yield return (path, entry.Value);
                foreach (var inner in Walk(entry.Value, path))
                {
                    yield return inner;
                }
            }
        }
    }
}
