using System.ComponentModel.DataAnnotations;

namespace LeadForge.Configuration;

/// <summary>
/// A snapshot task's settings: each row is anchored a fixed number of days after its entity's
/// creation (<see cref="AnchorPolicy.CreationOffset"/>), its features see only what happened before
/// the anchor, and its label is an event within a window after creation.
/// </summary>
public sealed class SnapshotTaskSettings : TaskSettings, IValidatableSettings
{
    /// <summary>Days after creation at which the features are anchored (the snapshot).</summary>
    /// <value>30 by default.</value>
    [Range(0, 3650)]
    public int SnapshotDay { get; init; } = 30;

    /// <summary>Days after creation within which the label event must occur.</summary>
    /// <value>90 by default.</value>
    [Range(1, 3650)]
    public int LabelWindowDays { get; init; } = 90;

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Require(
            SnapshotDay <= LabelWindowDays,
            ConfigKey.Of<SnapshotTaskSettings>(nameof(SnapshotDay)),
            $"{SnapshotDay} is beyond {ConfigKey.Of<SnapshotTaskSettings>(nameof(LabelWindowDays))} ({LabelWindowDays}); a snapshot after the label window closes would leak the label");
    }

    /// <summary>Reports a label window longer than the recipe's horizon (the label could not be observed).</summary>
    /// <param name="recipe">The recipe whose <see cref="Recipe.HorizonDays"/> bounds the window.</param>
    /// <param name="taskKey">The key path of this task's settings, e.g. <c>tasks.converted_within_90_days</c>.</param>
    /// <param name="scope">Where to report the problem.</param>
    public void RequireWithinHorizon(Recipe recipe, string taskKey, SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(scope);
        scope.Require(
            LabelWindowDays <= recipe.HorizonDays,
            taskKey + "." + ConfigKey.Of<SnapshotTaskSettings>(nameof(LabelWindowDays)),
            $"{LabelWindowDays} is beyond {ConfigKey.Of<Recipe>(nameof(Recipe.HorizonDays))} ({recipe.HorizonDays}); the label window must fit inside the simulated horizon");
    }
}
