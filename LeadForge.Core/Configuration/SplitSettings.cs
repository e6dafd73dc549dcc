using System.ComponentModel.DataAnnotations;

namespace LeadForge.Configuration;

/// <summary>How a task's rows are divided between train, valid and test (the <c>split</c> section of a task).</summary>
public sealed class SplitSettings : IValidatableSettings
{
    /// <summary>The strategy.</summary>
    /// <value><see cref="SplitStrategy.GroupedStratified"/> by default.</value>
    public SplitStrategy Strategy { get; init; } = SplitStrategy.GroupedStratified;

    /// <summary>Train share.</summary>
    /// <value>0.7 by default.</value>
    [Range(0.0, 1.0)]
    public double Train { get; init; } = 0.7;

    /// <summary>Validation share.</summary>
    /// <value>0.15 by default.</value>
    [Range(0.0, 1.0)]
    public double Valid { get; init; } = 0.15;

    /// <summary>Test share.</summary>
    /// <value>0.15 by default.</value>
    [Range(0.0, 1.0)]
    public double Test { get; init; } = 0.15;

    /// <summary>The shares as written in a task manifest.</summary>
    /// <value>(train, valid, test).</value>
    public SplitFractions Fractions => new(Train, Valid, Test);

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Require(Math.Abs(Train + Valid + Test - 1) < 1e-6, "", $"train + valid + test must sum to 1 but sum to {Train + Valid + Test:0.######}");
    }
}
