using LeadForge.Schemes.LeadScoring.Simulation;

namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// The daily funnel hazards of one lead and the exact probability, by dynamic programming over
/// (day, stage), that the lead reaches closed_won within the label window. The simulation draws
/// transitions from the very same hazards, so this probability is the world's truth.
/// </summary>
internal static class FunnelModel
{
    /// <summary>The number of open stages (<see cref="FunnelStage.Mql"/> … <see cref="FunnelStage.Negotiation"/>), each with a daily advance and loss hazard.</summary>
    public const int OpenStages = (int)FunnelStage.Negotiation + 1;

    /// <summary>The stage whose entry opens the lead's opportunity (sql); the sales cycle runs from there to the close.</summary>
    public const FunnelStage OpportunityStage = FunnelStage.Sql;

    /// <summary>
    /// Fills the per-stage daily advance and loss probabilities of a lead. Early stages (before
    /// <see cref="FunnelSettings.ClosingStageStart"/>) read the lead's hidden pace shock, later stages
    /// its hidden closing shock; the advance rate saturates at the stage's maximum daily rate; the
    /// buying committee's friction raises the loss hazards of the closing stages only; the calibrated
    /// opportunity pace scales the advance of every stage from <see cref="OpportunityStage"/> on.
    /// </summary>
    public static void Hazards(FunnelSettings funnel, DifficultyProfile profile, in FunnelCalibration calibrated, in LeadDrivers lead, Span<double> advance, Span<double> loss)
    {
        var intercept = calibrated.Intercept;
        for (var s = 0; s < OpenStages; s++)
        {
            var closing = s >= funnel.ClosingStageStart;
            var weight = funnel.SignalWeight.Count == OpenStages ? funnel.SignalWeight[s] : 1.0;
            var drive = (weight * profile.SignalStrength * lead.Score) + (closing ? profile.ClosingNoise * lead.ClosingShock : profile.PaceNoise * lead.PaceShock);
            var max = funnel.AdvanceMax.Count == OpenStages ? funnel.AdvanceMax[s] : 1.0;
            var calibration = closing || !funnel.CalibrateClosingOnly ? intercept : 0;
            var pace = s >= (int)OpportunityStage ? calibrated.OpportunityPace : 1.0;
            advance[s] = Math.Min(1.0, pace * max * Sigmoid(funnel.AdvanceLogit[s] + calibration + drive) / lead.CycleMultiplier);
            loss[s] = Math.Min(0.5, Sigmoid(funnel.LossLogit[s] - (closing && funnel.CalibrateClosingOnly ? intercept : 0) + (funnel.LossSlope * drive)) * (1 + (closing ? profile.CommitteeFriction : 0)));
        }
    }

    /// <summary>
    /// The hazards that apply on relative day <paramref name="day"/>: before <paramref name="minDaysToClose"/>
    /// no lead is closed — no loss, and no advance from the last open stage to closed_won.
    /// </summary>
    public static (double Advance, double Loss) OnDay(int stage, int day, int minDaysToClose, ReadOnlySpan<double> advance, ReadOnlySpan<double> loss) =>
        day < minDaysToClose ? (stage == OpenStages - 1 ? 0 : advance[stage], 0) : (advance[stage], loss[stage]);

    /// <summary>P(closed_won on a relative day &lt; <paramref name="labelWindow"/>) for a lead with the given hazards.</summary>
    /// <remarks>
    /// Dynamic programming over (day, stage) with the same daily rule as the simulation (loss first,
    /// then advance), in place: each day's per-stage "stay" and "move on" factors come in two regimes,
    /// before and after <paramref name="minDaysToClose"/>, and stages no lead can have reached yet are skipped.
    /// </remarks>
    public static double WinProbability(ReadOnlySpan<double> advance, ReadOnlySpan<double> loss, int horizon, int labelWindow, int minDaysToClose)
    {
        Span<double> stayEarly = stackalloc double[OpenStages];
        Span<double> moveEarly = stackalloc double[OpenStages];
        Span<double> stayLate = stackalloc double[OpenStages];
        Span<double> moveLate = stackalloc double[OpenStages];
        for (var s = 0; s < OpenStages; s++)
        {
            var (a, l) = OnDay(s, 0, minDaysToClose, advance, loss);
            moveEarly[s] = (1 - l) * a;
            stayEarly[s] = (1 - l) - moveEarly[s];
            (a, l) = OnDay(s, minDaysToClose, minDaysToClose, advance, loss);
            moveLate[s] = (1 - l) * a;
            stayLate[s] = (1 - l) - moveLate[s];
        }

        Span<double> dist = stackalloc double[OpenStages];
        dist.Clear();
        dist[0] = 1;
        var won = 0.0;
        var days = Math.Min(horizon, labelWindow);
        const int last = OpenStages - 1;
        for (var t = 0; t < days; t++)
        {
            var early = t < minDaysToClose;
            var stay = early ? stayEarly : stayLate;
            var move = early ? moveEarly : moveLate;
            won += dist[last] * move[last];
            for (var s = Math.Min(t + 1, last); s >= 1; s--)
            {
                dist[s] = (dist[s] * stay[s]) + (dist[s - 1] * move[s - 1]);
            }

            dist[0] *= stay[0];
        }

        return won;
    }

    /// <summary>
    /// The lead's funnel without a horizon, in closed form: the probability that it is ever won, and the
    /// expected days from opening its opportunity to closed_won given that it is won. Each stage is left
    /// after a geometric number of daily draws whose mean is 1 / P(leave on a day), whichever way it is
    /// left, so the conditional cycle is the sum of those means over the opportunity's stages. The
    /// minimum-days-to-close rule is left out: it only holds back leads that reach negotiation within
    /// their first days, which a realistic cycle makes rare.
    /// </summary>
    public static (double WinProbability, double CycleDays) UnboundedCycle(ReadOnlySpan<double> advance, ReadOnlySpan<double> loss)
    {
        var win = 1.0;
        var cycle = 0.0;
        for (var s = 0; s < OpenStages; s++)
        {
            var leave = 1 - ((1 - loss[s]) * (1 - advance[s]));
            if (leave <= 0 || advance[s] <= 0)
            {
                return (0, double.PositiveInfinity);
            }

            win *= (1 - loss[s]) * advance[s] / leave;
            if (s >= (int)OpportunityStage)
            {
                cycle += 1 / leave;
            }
        }

        return (win, cycle);
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}

/// <summary>
/// What the world calibrates once per run: the intercept that sets the tier's conversion rate and the
/// pace of the opportunity stages that sets the narrative's sales cycle (1 when the cycle is not calibrated).
/// </summary>
internal readonly record struct FunnelCalibration(double Intercept, double OpportunityPace);

/// <summary>What drives one lead's hazards: its standardised score, its hidden shocks and its segment's cycle multiplier.</summary>
internal readonly record struct LeadDrivers(double Score, double PaceShock, double ClosingShock, double CycleMultiplier);
