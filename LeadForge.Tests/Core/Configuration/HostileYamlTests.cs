using System.Text;
using LeadForge.Configuration;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>
/// Issue 18 point 2: hostile documents (an alias bomb, deep nesting, a huge file) are refused with a
/// typed, located error, quickly and without growing memory, instead of exhausting memory or the stack.
/// </summary>
public sealed class HostileYamlTests
{
    private static RecipeException Refused(string yaml) =>
        Assert.Throws<RecipeException>(() => Generator.FromRecipe("tiny_world_v1").WithOverrideText(yaml, "hostile.yaml"))!;

    [Test]
    public void An_alias_bomb_is_refused_at_its_first_anchor_without_expanding()
    {
        // Nine levels of nine aliases each: 9^9 (387 million) leaves if expanded.
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Refused(yaml.ToString());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("anchors (&a0) are not supported"));
            Assert.That((ex.Location, ex.Line, ex.Column), Is.EqualTo(("hostile.yaml", (int?)1, (int?)5)));
            Assert.That(allocated, Is.LessThan(10_000_000), "the document is never expanded");
        });
    }

    [Test]
    public void An_alias_without_an_anchor_and_a_tag_are_refused_where_they_stand()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refused("seed: 1\nconversion_rate: !!float 0.2\n").Message, Does.Contain("hostile.yaml:2:18: YAML tags"));
            Assert.That(Refused("seed: 1\nchannels: *nowhere\n") is { } alias ? alias.Message : "", Does.Contain("hostile.yaml:2").And.Contain("nowhere"));
        });
    }

    [TestCase("seed: 1\nscheme: !!0@]'z\n")]
    [TestCase("seed: 1\nscheme: !<%%%>\n")]
    public void A_tag_the_parser_cannot_read_is_a_located_error_not_a_crash(string yaml)
    {
        // Found by the override fuzz (seed 1003): YamlDotNet throws ArgumentException for a tag that is not a URI.
        var ex = Refused(yaml);
        Assert.That((ex.Location, ex.Line), Is.EqualTo(("hostile.yaml", 2)), ex.Message);
        Assert.That(ex.Message, Does.Not.Contain("Parameter"));
    }

    [TestCase(10_000, '[')]
    [TestCase(10_000, '{')]
    [TestCase(65, '[')]
    public void Deep_nesting_is_refused_before_it_can_overflow_the_stack(int depth, char open)
    {
        var yaml = "seed: " + new string(open, depth);
        var ex = Refused(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain($"nests deeper than {YamlConfigReader.MaxDepth} levels"));
            Assert.That((ex.Line, ex.Column), Is.EqualTo(((int?)1, (int?)(6 + YamlConfigReader.MaxDepth))), "the root mapping is the first level");
        });
    }

    [Test]
    public void Nesting_within_the_limit_reads()
    {
        var yaml = "noise: " + string.Concat(Enumerable.Repeat("{a: ", YamlConfigReader.MaxDepth - 1)) + "1" + new string('}', YamlConfigReader.MaxDepth - 1) + "\n";
        var tree = YamlConfigReader.Read(yaml, "deep.yaml");
        Assert.That(tree, Is.InstanceOf<ConfigMapping>());
    }

    [Test]
    public void A_document_beyond_the_size_limit_is_refused_by_its_size()
    {
        var text = "seed: 1\n# " + new string('x', YamlConfigReader.MaxChars) + "\n";
        Assert.That(Refused(text).Message, Does.Contain("a recipe or override may have at most 4,194,304"));

        var path = Path.Combine(Path.GetTempPath(), $"leadforge-huge-{Environment.ProcessId}-{TestContext.CurrentContext.Test.ID}.yaml");
        try
        {
            using (var f = File.Create(path))
            {
                f.SetLength(YamlConfigReader.MaxChars + 1L);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe("tiny_world_v1").WithOverrides(path))!;
            Assert.Multiple(() =>
            {
                Assert.That(ex.Message, Does.Contain($"has {YamlConfigReader.MaxChars + 1:N0} bytes"));
                Assert.That(ex.Location, Is.EqualTo(path));
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1_000_000), "the file is not read");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_tab_in_the_indentation_is_reported_where_the_tab_is()
    {
        var ex = Refused("seed: 3\npopulation:\n  leads: 200\n\taccounts: 3\n");
        Assert.Multiple(() =>
        {
            Assert.That((ex.Line, ex.Column), Is.EqualTo(((int?)4, (int?)1)));
            Assert.That(ex.Message, Does.Contain("hostile.yaml:4:1").And.Contain("tab character in the indentation"));
        });
    }

    [Test]
    public void Duplicate_keys_name_their_full_path()
    {
        Assert.That(Refused("noise:\n  missing_rate: 0.1\n  missing_rate: 0.2\n").Message, Does.Contain("hostile.yaml:3:3: duplicate key 'noise.missing_rate'"));
    }
}
