namespace LeadForge.Tests.Cli;

/// <summary>Issue 18 point 5: a command-line error never shows a .NET type name.</summary>
public sealed class CliErrorMessageTests
{
    [TestCase("generate", "-r", "b2b_saas_procurement_v1", "-o", "/tmp/never", "--n-leads", "abc", ExpectedResult = "'abc' for option '--n-leads' (expected a whole number)")]
    [TestCase("generate", "-r", "b2b_saas_procurement_v1", "-o", "/tmp/never", "--seed", "1.5", ExpectedResult = "'1.5' for option '--seed' (expected a whole number)")]
    [TestCase("generate", "-r", "b2b_saas_procurement_v1", "-o", "/tmp/never", "--threads", "x", ExpectedResult = "'x' for option '--threads' (expected a whole number)")]
    [TestCase("quality-report", "--seeds", "a", ExpectedResult = "'a' for option '--seeds' (expected a whole number)")]
    public async Task<string> A_value_of_the_wrong_kind_is_described_in_words(params string[] args)
    {
        var run = await CliRunner.RunAsync(args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Not.Contain("System.").And.Not.Contain("`1"));
        });
        var at = run.Error.IndexOf('\'', StringComparison.Ordinal);
        return run.Error[at..run.Error.IndexOf(')', at)] + ")";
    }

    [TestCase("Cannot parse argument 'x' for option '--n' as expected type 'System.Nullable`1[System.Double]'.", ExpectedResult = "Cannot parse argument 'x' for option '--n' (expected a number).")]
    [TestCase("Cannot parse argument 'x' for option '--s' as expected type 'System.Int64[]'.", ExpectedResult = "Cannot parse argument 'x' for option '--s' (expected a whole number).")]
    [TestCase("Cannot parse argument 'x' for option '--b' as expected type 'System.Boolean'.", ExpectedResult = "Cannot parse argument 'x' for option '--b' (expected true or false).")]
    public string Type_names_become_words(string message) => LeadForge.Cli.CommandLine.LeadForgeCli.Readable(message);
}
