using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LeadForge.Validation;

/// <summary>The typed result of a validation run: every check, printable as text, JSON and Markdown.</summary>
/// <threadsafety>Immutable; safe to read from many threads.</threadsafety>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="subject">What was validated (a bundle description or a folder path).</param>
    /// <param name="checks">The check results, in the order they ran.</param>
    public ValidationReport(string subject, IReadOnlyList<CheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        Subject = subject ?? string.Empty;
        Checks = checks.ToArray();
    }

    /// <summary>What was validated.</summary>
    public string Subject { get; }

    /// <summary>Every check result, in the order the checks ran.</summary>
    public IReadOnlyList<CheckResult> Checks { get; }

    /// <summary>Whether no check with <see cref="CheckSeverity.Error"/> failed.</summary>
    public bool Passed => !Checks.Any(c => c.IsBlocking);

    /// <summary>The checks that failed, of any severity.</summary>
    public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Passed);

    /// <summary>The check with the given id, or <see langword="null"/>.</summary>
    /// <param name="id">The check id.</param>
    /// <returns>The result, if present.</returns>
    public CheckResult? Find(string id) => Checks.FirstOrDefault(c => c.Id == id);

    /// <summary>A plain-text rendering: a summary line, then one line per check (failures first; line breaks in a message become spaces).</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Validation of {Subject}: {(Passed ? "PASSED" : "FAILED")} ({Checks.Count(c => c.Passed)}/{Checks.Count} checks passed, {Checks.Count(c => c.IsBlocking)} blocking failures)").Append('\n');
        foreach (var c in Ordered())
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{Status(c)}] {c.Id} ({c.Category}, {c.Severity})");
            if (c.Measured is { } m)
            {
                sb.Append(CultureInfo.InvariantCulture, $" measured={Format(m)}");
            }

            if (c.ExpectedBand is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $" expected {c.ExpectedBand}");
            }

            // One line per check: a message's own line breaks would split it.
            sb.Append(": ").Append(c.Message.Replace('\n', ' ')).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A JSON document: <c>subject</c>, <c>passed</c>, counts and a <c>checks</c> array in run order.</summary>
    /// <returns>The JSON text (indented, UTF-8 safe).</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("subject", Subject);
            w.WriteBoolean("passed", Passed);
            w.WriteNumber("check_count", Checks.Count);
            w.WriteNumber("failed_count", Checks.Count(c => !c.Passed));
            w.WriteNumber("blocking_count", Checks.Count(c => c.IsBlocking));
            w.WriteStartArray("checks");
            foreach (var c in Checks)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("category", c.Category.ToString().ToLowerInvariant());
                w.WriteString("severity", c.Severity.ToString().ToLowerInvariant());
                w.WriteBoolean("passed", c.Passed);
                if (c.Measured is { } m && double.IsFinite(m))
                {
                    w.WriteNumber("measured", m);
                }
                else
                {
                    w.WriteNull("measured");
                }

                if (c.ExpectedBand is null)
                {
                    w.WriteNull("expected_band");
                }
                else
                {
                    w.WriteString("expected_band", c.ExpectedBand);
                }

                w.WriteString("message", c.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A Markdown rendering: a heading, a summary and one table row per check (failures first).</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Validation report\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Subject: {Escape(Subject)}\n- Result: **{(Passed ? "passed" : "failed")}**\n- Checks: {Checks.Count} ({Checks.Count(c => !c.Passed)} failed, {Checks.Count(c => c.IsBlocking)} blocking)\n\n");
        sb.Append("| status | check | category | severity | measured | expected | message |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var c in Ordered())
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {Status(c)} | `{c.Id}` | {c.Category} | {c.Severity} | {(c.Measured is { } m ? Format(m) : string.Empty)} | {Escape(c.ExpectedBand ?? string.Empty)} | {Escape(c.Message)} |\n");
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {(Passed ? "passed" : "failed")} ({Checks.Count} checks)";

    private IEnumerable<CheckResult> Ordered() => Checks.Where(c => c.IsBlocking).Concat(Checks.Where(c => !c.IsBlocking && !c.Passed)).Concat(Checks.Where(c => c.Passed));

    private static string Status(CheckResult c) => c.Passed ? "PASS" : c.Severity switch
    {
        CheckSeverity.Error => "FAIL",
        CheckSeverity.Warning => "WARN",
        _ => "NOTE",
    };

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
