namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// The daily funnel hazards of one lead and the exact probability, by dynamic programming over
/// (day, stage), that the lead reaches closed_won within the label window. The simulation draws
/// transitions from the very same hazards, so this probability is the world's truth.
/// </summary>
internal static class FunnelModel
{
    public const int OpenStages = 7; // mql … negotiation

    /// <summary>
    /// Fills the per-stage daily advance and loss probabilities of a lead. Early stages (before
    /// <see cref="FunnelSettings.ClosingStageStart"/>) read the lead's hidden pace shock, later stages
    /// its hidden closing shock; the advance rate saturates at the stage's maximum daily rate; the
    /// buying committee's friction raises the loss hazards of the closing stages only.
    /// </summary>
    public static void Hazards(FunnelSettings funnel, DifficultyProfile profile, double intercept, in LeadDrivers lead, Span<double> advance, Span<double> loss)
    {
        for (var s = 0; s < OpenStages; s++)
        {
            var closing = s >= funnel.ClosingStageStart;
            var weight = funnel.SignalWeight.Count == OpenStages ? funnel.SignalWeight[s] : 1.0;
            var drive = (weight * profile.SignalStrength * lead.Score) + (closing ? profile.ClosingNoise * lead.ClosingShock : profile.PaceNoise * lead.PaceShock);
            var max = funnel.AdvanceMax.Count == OpenStages ? funnel.AdvanceMax[s] : 1.0;
            var calibration = closing || !funnel.CalibrateClosingOnly ? intercept : 0;
            advance[s] = max * Sigmoid(funnel.AdvanceLogit[s] + calibration + drive) / lead.CycleMultiplier;
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
    public static double WinProbability(ReadOnlySpan<double> advance, ReadOnlySpan<double> loss, int horizon, int labelWindow, int minDaysToClose)
    {
        Span<double> dist = stackalloc double[OpenStages];
        Span<double> next = stackalloc double[OpenStages];
        dist.Clear();
        dist[0] = 1;
        var won = 0.0;
        var days = Math.Min(horizon, labelWindow);
        for (var t = 0; t < days; t++)
        {
            next.Clear();
            for (var s = 0; s < OpenStages; s++)
            {
                var p = dist[s];
                if (p == 0)
                {
                    continue;
                }

                var (a, l) = OnDay(s, t, minDaysToClose, advance, loss);
                var survive = p * (1 - l);
                var move = survive * a;
                next[s] += survive - move;
                if (s == OpenStages - 1)
                {
                    won += move;
                }
                else
                {
                    next[s + 1] += move;
                }
            }

            next.CopyTo(dist);
        }

        return won;
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}

/// <summary>What drives one lead's hazards: its standardised score, its hidden shocks and its segment's cycle multiplier.</summary>
internal readonly record struct LeadDrivers(double Score, double PaceShock, double ClosingShock, double CycleMultiplier);
