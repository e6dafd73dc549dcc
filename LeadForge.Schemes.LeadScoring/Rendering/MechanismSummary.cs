using System.Globalization;
using System.Text.Json.Nodes;
using LeadForge.Schemes.LeadScoring.World;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The hidden truth's <c>mechanism_summary.json</c>: how the world turns its graph into conversions —
/// the calibration it solved, the stage hazards as formulas with their recipe parameters, how the
/// score is composed, what each observable measures, and the oracle AUC.
/// </summary>
internal static class MechanismSummary
{
    /// <summary>The summary of <paramref name="world"/> at <paramref name="difficulty"/>.</summary>
    public static JsonObject Build(LeadScoringSettings settings, Difficulty difficulty, HiddenWorld world, double? oracleAuc)
    {
        var profile = settings.DifficultyProfiles.For(difficulty);
        return new JsonObject
        {
            ["motif_family"] = world.Graph.Family,
            ["calibrated_intercept"] = Math.Round(world.Intercept, 6),
            ["target_conversion_rate"] = world.TargetRate,
            ["calibrated_conversion_rate"] = Math.Round(world.CalibratedRate, 6),
            ["opportunity_pace"] = Math.Round(world.Calibration.OpportunityPace, 6),
            ["target_sales_cycle_days"] = settings.Funnel.CalibrateSalesCycle ? settings.Narrative.Market.AvgSalesCycleDays : null,
            ["model_sales_cycle_days"] = Math.Round(world.ModelSalesCycleDays, 3),
            ["score_standardisation"] = new JsonObject { ["mean"] = Math.Round(world.ScoreMean, 6), ["sd"] = Math.Round(world.ScoreSd, 6) },
            ["observable_share"] = new JsonObject { ["measured"] = Math.Round(world.ObservableShare, 6), ["target"] = profile.ObservableShare },
            ["signal_strength"] = profile.SignalStrength,
            ["committee_friction"] = profile.CommitteeFriction,
            ["stage_hazards"] = new JsonObject
            {
                ["drive"] = "signal_weight[stage] * signal_strength * score + (stage < closing_stage_start ? pace_noise * pace_shock : closing_noise * closing_shock)",
                ["advance"] = settings.Funnel.CalibrateClosingOnly
                    ? "min(1, (stage >= sql ? opportunity_pace : 1) * advance_max[stage] * sigmoid(advance_logit[stage] "
                        + "+ (stage >= closing_stage_start ? calibrated_intercept : 0) + drive) / segment.cycle_multiplier)"
                    : "min(1, (stage >= sql ? opportunity_pace : 1) * advance_max[stage] * sigmoid(advance_logit[stage] + calibrated_intercept + drive) / segment.cycle_multiplier)",
                ["loss"] = settings.Funnel.CalibrateClosingOnly
                    ? "min(0.5, sigmoid(loss_logit[stage] - (stage >= closing_stage_start ? calibrated_intercept : 0) + loss_slope * drive) "
                        + "* (1 + (stage >= closing_stage_start ? committee_friction : 0)))"
                    : "min(0.5, sigmoid(loss_logit[stage] + loss_slope * drive) * (1 + (stage >= closing_stage_start ? committee_friction : 0)))",
                ["advance_logit"] = new JsonArray(settings.Funnel.AdvanceLogit.Select(v => (JsonNode)v).ToArray()),
                ["loss_logit"] = new JsonArray(settings.Funnel.LossLogit.Select(v => (JsonNode)v).ToArray()),
                ["loss_slope"] = settings.Funnel.LossSlope,
                ["advance_max"] = new JsonArray(settings.Funnel.AdvanceMax.Select(v => (JsonNode)v).ToArray()),
                ["signal_weight"] = new JsonArray(settings.Funnel.SignalWeight.Select(v => (JsonNode)v).ToArray()),
                ["closing_stage_start"] = settings.Funnel.ClosingStageStart,
                ["min_days_to_close"] = settings.Funnel.MinDaysToClose,
                ["pace_noise"] = profile.PaceNoise,
                ["closing_noise"] = profile.ClosingNoise,
            },
            ["score"] = "graph score = conversion node value + rep quality - workload penalty + vintage drift × years; "
                + "score = standardised(√(1 − category_share − interaction_share) · graph score (split into its projection on the measured latents "
                + "and the rest at observable_share when set) + √category_share · (channel quality + segment shift + industry fit) "
                + "+ √interaction_share · double-centred channel×segment shift), each part scaled to unit variance; "
                + "parts without a share keep their raw ratio to the graph score",
            ["observables"] = new JsonObject
            {
                ["estimated_revenue_band"] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"bin({settings.Measurement.RevenueBandSizeWeight}·size + {settings.Measurement.RevenueBandFitWeight}·{settings.Measurement.RevenueBandNode} + noise)"),
                ["process_maturity_band"] = "bin(" + settings.Measurement.MaturityBandNode + " + noise)",
                ["seniority"] = "bin(" + settings.Measurement.SeniorityNode + " + persona authority + noise)",
                ["touches/sessions"] = "intensity × exp(engagement_effect · (standardised " + settings.Measurement.EngagementNode + " + measurement noise) / √(1 + noise²))",
                ["activity_outcome"] = "connected with sigmoid(0.3 + 0.8·" + settings.Measurement.ResponsivenessNode + ")",
                ["lead_source"] = "channel quality shifts the score",
            },
            ["oracle_auc"] = oracleAuc is { } value ? Math.Round(value, 6) : null,
        };
    }
}
