using LeadForge.Configuration;

namespace LeadForge.Tests.TestSupport;

/// <summary>Settings of the tiny test scheme.</summary>
public sealed class TinySettings : WorldSettings, IValidatableSettings
{
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)]
    public double ConversionRate { get; init; } = 0.3;

    public IReadOnlyList<double> ChannelShares { get; init; } = [0.5, 0.5];

    public IReadOnlyList<string> Channels { get; init; } = ["inbound", "outbound"];

    /// <summary>A nested settings object, so tests can check nested key paths.</summary>
    public TinyNoise Noise { get; init; } = new();

    /// <summary>The tiny world's one task.</summary>
    public TinyTasks Tasks { get; init; } = new();

    public void Validate(SettingsValidationScope scope)
    {
        scope.SumsToOne("channel_shares", ChannelShares);
        scope.Require(Channels.Count == ChannelShares.Count, "channels", $"has {Channels.Count} entries but channel_shares has {ChannelShares.Count}");
    }
}

/// <summary>The tiny world's tasks section.</summary>
public sealed class TinyTasks
{
    [ConfigKey("tiny_conversion")]
    public SnapshotTaskSettings TinyConversion { get; init; } = new() { SnapshotDay = 0 };
}

/// <summary>Nested settings of the tiny scheme (observation noise).</summary>
public sealed class TinyNoise
{
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)]
    public double MissingRate { get; init; } = 0.1;
}
