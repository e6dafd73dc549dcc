using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>oracle_scores</c> truth table (instructor bundles only): per rendered lead, its true score, shocks, conversion probability (rounded to 6 decimals) and realised label.</summary>
internal sealed class OracleScoresTable : TableDefinition
{
    private readonly HiddenWorld _world;

    public OracleScoresTable(TableRenderer renderer, HiddenWorld world)
        : base("oracle_scores", "Per-lead true conversion probability and score.")
    {
        _world = world;
        LeadId = Key("lead_id", "Lead id.", EntityPrefixes.Lead, renderer.LeadMax);
        ConversionScore = Value<double>("conversion_score", "Standardised conversion score.");
        PaceShock = Value<double>("pace_shock", "The lead's hidden pace shock (early-stage drive).");
        ClosingShock = Value<double>("closing_shock", "The lead's hidden closing shock (decision-stage drive).");
        TrueProbability = Value<double>("true_conversion_probability", "P(closed_won within the label window) under the world's hazards.");
        Converted = Value<bool>("converted_within_90_days", "The realised label.");
    }

    public IdSlot LeadId { get; }

    public ValueSlot<double> ConversionScore { get; }

    public ValueSlot<double> PaceShock { get; }

    public ValueSlot<double> ClosingShock { get; }

    public ValueSlot<double> TrueProbability { get; }

    public ValueSlot<bool> Converted { get; }

    /// <summary>Renders the rendered leads' rows (in parallel chunks).</summary>
    /// <param name="leads">The rendered leads, in id order.</param>
    /// <param name="labels">Each rendered lead's realised label.</param>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel.</param>
    public Table Render(ReadOnlySpan<int> leads, ReadOnlySpan<bool> labels, Action<int, Action<int>> parallelFor)
    {
        var rendered = leads.ToArray();
        var realised = labels.ToArray();
        Allocate(rendered.Length);
        Chunks.Run(parallelFor, rendered.Length, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var l = rendered[i];
                LeadId.Set(i, l + 1);
                ConversionScore[i] = Math.Round(_world.Score(l), 6);
                PaceShock[i] = Math.Round(_world.PaceShock(l), 6);
                ClosingShock[i] = Math.Round(_world.ClosingShock(l), 6);
                TrueProbability[i] = Math.Round(_world.TrueProbability(l), 6);
                Converted[i] = realised[i];
            }
        });
        return Build(parallelFor);
    }
}
