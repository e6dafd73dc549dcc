namespace LeadForge.Cli.CommandLine;

/// <summary>Enum options spelled by their wire names (<c>student_public</c>, <c>intro</c>), as in recipes and manifests.</summary>
internal static class WireChoices
{
    /// <summary>Every wire name of the enum, for <c>AcceptOnlyFromAmong</c>.</summary>
    public static string[] Of<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => v.ToWire())];

    /// <summary>The value of a wire name the option has already restricted to <see cref="Of{TEnum}"/>.</summary>
    /// <exception cref="FormatException">Not a wire name of the enum.</exception>
    public static TEnum Parse<TEnum>(string wire)
        where TEnum : struct, Enum =>
        WireNames.TryParseWire<TEnum>(wire, out var value) ? value : throw new FormatException($"'{wire}' is not a valid {typeof(TEnum).Name}.");
}
